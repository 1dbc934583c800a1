package org.integrityrisk.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.integrityrisk.ingest.DayPartitions;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.ingest.InputFingerprint;
import org.integrityrisk.ingest.InputKind;
import org.integrityrisk.ingest.InputValidator;
import org.integrityrisk.ingest.RawInput;
import org.integrityrisk.ingest.SourceReader;
import org.integrityrisk.ingest.ValidatedInput;
import org.integrityrisk.spark.Persisted;

/** The first stage of a run: each input fingerprinted, read, validated and counted. */
final class Ingest {
  private final SparkSession spark;
  private final Progress progress;
  private final SourceReader reader;
  private final InputValidator validator;

  /** @param pseudonymise replaces a traveller id by its pseudonym, on the executors */
  Ingest(SparkSession spark, Progress progress, UserDefinedFunction pseudonymise) {
    this.spark = spark;
    this.progress = progress;
    this.reader = new SourceReader(spark);
    this.validator = new InputValidator(pseudonymise);
  }

  /**
   * Size and content digest of each input, taken before Spark reads it, so that a re-run
   * can say whether its inputs changed. A missing input has no fingerprint; {@link #apply}
   * rejects it with its own message.
   */
  Map<String, InputFingerprint> fingerprints(RunRequest request) {
    Map<String, InputFingerprint> fingerprints = new LinkedHashMap<>();
    progress.stage("fingerprint inputs", "bytes", () -> {
      for (Map.Entry<String, String> input : paths(request).entrySet()) {
        Optional<DayPartitions> days = input.getKey().equals(InputKind.CLEARANCES.inputName())
            ? Optional.of(daysRead(request)) : Optional.empty();
        InputFingerprint.of(spark, input.getValue(), days).ifPresent(f -> fingerprints.put(input.getKey(), f));
      }
      return fingerprints.values().stream().mapToLong(InputFingerprint::bytes).sum();
    }, Long::longValue);
    return fingerprints;
  }

  /**
   * @param persisted owns the valid ports, which every other input's validation reads
   * @return the validated inputs; on failure, whatever was validated is released before the error leaves
   */
  Ingested apply(RunRequest request, Map<String, InputFingerprint> fileFingerprints, Persisted persisted) {
    List<ValidatedInput> validated = new ArrayList<>(3);
    Map<String, InputCounts> counts = new LinkedHashMap<>();
    // Tables have no files to fingerprint beforehand: theirs come from the rows their query returned.
    Map<String, InputFingerprint> inputFiles = new LinkedHashMap<>(fileFingerprints);
    try {
      Optional<ValidatedInput> portsInput = Optional.empty();
      Optional<Dataset<Row>> ports = Optional.empty();
      if (request.ports().isPresent()) {
        portsInput = Optional.of(validate(InputKind.PORTS, request.ports().get(), Optional.empty(), Optional.empty(),
            validated, counts, inputFiles));
        ports = Optional.of(persisted.persist(portsInput.get().valid()));
      }
      ValidatedInput clearances = validate(InputKind.CLEARANCES, request.clearances(), Optional.of(daysRead(request)),
          ports, validated, counts, inputFiles);
      // The days matter for a table only (a roster file is read whole): the shifts overlapping them.
      ValidatedInput rosters = validate(InputKind.ROSTERS, request.rosters(), Optional.of(daysRead(request)), ports,
          validated, counts, inputFiles);
      return new Ingested(inputFiles, ports, clearances, rosters, portsInput, counts);
    } catch (RuntimeException e) {
      validated.forEach(ValidatedInput::release);
      throw e;
    }
  }

  private static Map<String, String> paths(RunRequest request) {
    Map<String, String> paths = new LinkedHashMap<>();
    request.ports().ifPresent(p -> paths.put(InputKind.PORTS.inputName(), p));
    paths.put(InputKind.CLEARANCES.inputName(), request.clearances());
    paths.put(InputKind.ROSTERS.inputName(), request.rosters());
    return paths;
  }

  private static List<String> textColumns(RawInput raw) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < raw.columns().size(); i++) {
      columns.add(RawInput.column(i));
    }
    return columns;
  }

  /**
   * The days of a clearances lake laid out by day that the run reads: those of the alignment
   * window, the longest the run looks back, and the day before it. The alignment window
   * starts at the first whole day the inputs hold, so without the day before, a lake would
   * lose its window's first day. Other inputs, and clearances not laid out by day, are read
   * whole.
   */
  static DayPartitions daysRead(RunRequest request) {
    return DayPartitions.ending(request.runDate(), request.config().alignmentLookbackDays() + 1);
  }

  private ValidatedInput validate(InputKind kind, String path, Optional<DayPartitions> days,
      Optional<Dataset<Row>> ports, List<ValidatedInput> validated, Map<String, InputCounts> counts,
      Map<String, InputFingerprint> inputFiles) {
    RawInput raw = reader.read(kind, path, days);
    raw.query().ifPresent(query -> inputFiles.put(kind.inputName(), progress.stage(
        "fingerprint " + kind.inputName(), "rows",
        () -> InputFingerprint.ofRows(raw.path(), query, raw.rows(), textColumns(raw)),
        f -> f.rows() == null ? 0L : f.rows())));
    ValidatedInput input = validator.apply(raw, ports);
    validated.add(input);
    InputCounts c = progress.stage("ingest " + kind.inputName(), "rows", input::counts, InputCounts::read);
    counts.put(kind.inputName(), c);
    if (c.quarantined() + c.duplicates() > 0) {
      progress.note(String.format(Locale.ROOT, "  %s: %,d valid, %,d quarantined %s, %,d duplicates",
          kind.inputName(), c.valid(), c.quarantined(), c.quarantineReasons(), c.duplicates()));
    }
    return input;
  }
}
