package org.integrityrisk.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.ingest.InputFingerprint;
import org.integrityrisk.ingest.InputKind;
import org.integrityrisk.ingest.InputRejectedException;
import org.integrityrisk.ingest.InputValidator;
import org.integrityrisk.ingest.RunWindow;
import org.integrityrisk.ingest.SourceReader;
import org.integrityrisk.ingest.ValidatedInput;
import org.integrityrisk.output.BuildInfo;
import org.integrityrisk.output.CaseReport;
import org.integrityrisk.output.Manifest;
import org.integrityrisk.output.MemoryPeaks;
import org.integrityrisk.output.PreviousRun;
import org.integrityrisk.output.Pseudonymiser;
import org.integrityrisk.output.RunOutput;
import org.integrityrisk.review.EarlierRun;
import org.integrityrisk.review.InvestigatorView;
import org.integrityrisk.review.ReviewCounts;
import org.integrityrisk.schema.OutputTable;
import org.integrityrisk.spark.Persisted;
import org.integrityrisk.spark.SessionTuning;
import org.integrityrisk.spark.SparkWork;

/** The nightly run: inputs in, validated and windowed, findings and manifest published at once. */
public final class RunCommand {
  private final SparkSession spark;
  private final Progress progress;
  private final Map<String, Long> mining = new java.util.TreeMap<>();
  private final MemoryPeaks memory = new MemoryPeaks();
  private final SparkWork work;

  public RunCommand(SparkSession spark, Progress progress, SparkWork work) {
    this.spark = spark;
    this.progress = progress;
    this.work = work;
  }

  /** Runs the pipeline and returns the published run folder. */
  public Path execute(RunRequest request, Pseudonymiser pseudonymiser) {
    try (memory; RunOutput output = RunOutput.open(spark, request.output(), request.runDate());
        Persisted persisted = new Persisted()) {
      output.recovered().forEach(line -> progress.note("recovered: " + line));
      return execute(request, pseudonymiser, output, persisted);
    }
  }

  private Path execute(RunRequest request, Pseudonymiser pseudonymiser, RunOutput output, Persisted persisted) {
    String startedAt = Instant.now().toString();
    RunWindow window = new RunWindow(request.runDate(), request.config().lookbackDays());
    UserDefinedFunction pseudonymise = functions.udf(
        (org.apache.spark.sql.api.java.UDF1<String, String>) pseudonymiser::pseudonym, DataTypes.StringType);
    SourceReader reader = new SourceReader(spark);
    InputValidator validator = new InputValidator(pseudonymise);
    List<ValidatedInput> validated = new ArrayList<>();
    Map<String, InputCounts> counts = new LinkedHashMap<>();
    Map<String, Long> outputs = new LinkedHashMap<>();
    mining.clear();
    try {
      Map<String, InputFingerprint> inputFiles = fingerprints(request);
      SessionTuning tuning = SessionTuning.forInput(
          inputFiles.values().stream().mapToLong(InputFingerprint::bytes).sum(), spark.sparkContext().defaultParallelism());
      Map<String, String> tuned = tuning.applyTo(spark);
      if (!tuned.isEmpty()) {
        progress.note(tuning.describe() + (tuned.size() < tuning.settings().size() ? " (where the operator set none)" : ""));
      }
      Optional<PreviousRun> previous = output.publishedManifest()
          .flatMap(m -> PreviousRun.compare(m, inputFiles, request.config()));
      previous.ifPresent(p -> progress.note(p.describe()));
      RunRecord record = new RunRecord(request, window, startedAt, output, inputFiles, previous, counts, outputs);

      Optional<Dataset<Row>> ports = Optional.empty();
      if (request.ports().isPresent()) {
        ValidatedInput p = validate(reader, validator, InputKind.PORTS, request.ports().get(), Optional.empty(),
            validated, counts);
        ports = Optional.of(persisted.persist(p.valid()));
      }
      ValidatedInput clearances = validate(reader, validator, InputKind.CLEARANCES, request.clearances(), ports,
          validated, counts);
      ValidatedInput rosters = validate(reader, validator, InputKind.ROSTERS, request.rosters(), ports,
          validated, counts);

      Dataset<Row> quarantine = validated.stream().map(ValidatedInput::quarantine)
          .reduce(Dataset::unionByName).orElseThrow();
      List<String> rejected = rejections(counts, request.config().maxRejectRatio());
      if (!rejected.isEmpty()) {
        outputs.put(OutputTable.QUARANTINE.folder(), progress.stage("write " + OutputTable.QUARANTINE.folder(),
            () -> output.writeTable(OutputTable.QUARANTINE, quarantine)));
        output.writeManifest(manifest("rejected", record, null));
        Path where = output.publishRejected();
        throw new InputRejectedException(String.join("\n", rejected)
            + "\nthe rejected rows, with reasons, are in " + RunOutput.display(where) + "/quarantine");
      }

      Dataset<Row> crossings = window.crossings(clearances.valid());
      Dataset<Row> shifts = window.shifts(rosters.valid());
      long crossingsInWindow = progress.stage("window crossings", crossings::count);
      long shiftsInWindow = progress.stage("window shifts", shifts::count);
      counts.computeIfPresent(InputKind.CLEARANCES.inputName(), (k, c) -> c.withInWindow(crossingsInWindow));
      counts.computeIfPresent(InputKind.ROSTERS.inputName(), (k, c) -> c.withInWindow(shiftsInWindow));

      Detection detection = new Detection(request.config(), window, progress, persisted);
      Detection.Detected detected = detection.apply(crossings, shifts);
      EarlierRun earlier = EarlierRun.read(spark, output.latestEarlierRunWith(OutputTable.FINDING_HISTORY),
          output.publishedRuns());
      earlier.runDate().ifPresent(d -> progress.note("carrying finding history and decisions on from the run of " + d));
      Map<OutputTable, Dataset<Row>> findings = new InvestigatorView(spark, request.runDate(), persisted).apply(detected.tests(),
          detected.groups(), detected.units(), detected.events(), shifts, earlier, request.feedback());
      for (Map.Entry<OutputTable, Dataset<Row>> table : findings.entrySet()) {
        outputs.put(table.getKey().folder(), progress.stage("write " + table.getKey().folder(),
            () -> output.writeTable(table.getKey(), table.getValue())));
      }
      outputs.put(OutputTable.QUARANTINE.folder(), progress.stage("write " + OutputTable.QUARANTINE.folder(),
          () -> output.writeTable(OutputTable.QUARANTINE, quarantine)));
      mining.putAll(detection.miningCounts());
      ReviewCounts review = ReviewCounts.of(output.staged(OutputTable.FINDINGS), output.staged(OutputTable.FINDING_HISTORY),
          output.staged(OutputTable.FEEDBACK), request.feedback().size());
      if (review.decisionsNamingUnknownFindings() > 0) {
        progress.note("warning: " + review.decisionsNamingUnknownFindings() + " decision(s) name a finding id that no "
            + "run has flagged; they are kept in the feedback table and apply if that finding appears");
      }
      long[] reportBytes = new long[1];
      progress.stage("write " + CaseReport.FILE_NAME, "bytes", () -> {
        String html = CaseReport.render(output::staged, manifest("succeeded", record, review), review);
        output.writeText(CaseReport.FILE_NAME, html);
        reportBytes[0] = html.length();
        return reportBytes[0];
      });
      output.writeManifest(manifest("succeeded", record, review));
      return output.publish();
    } catch (RuntimeException e) {
      output.abandon();
      throw e;
    } finally {
      validated.forEach(ValidatedInput::release);
    }
  }

  /** Everything the manifest reports besides what stages add while they run. */
  private record RunRecord(RunRequest request, RunWindow window, String startedAt, RunOutput output,
      Map<String, InputFingerprint> inputFiles, Optional<PreviousRun> previous, Map<String, InputCounts> counts,
      Map<String, Long> outputs) {}

  private Map<String, InputFingerprint> fingerprints(RunRequest request) {
    Map<String, String> paths = new LinkedHashMap<>();
    request.ports().ifPresent(p -> paths.put(InputKind.PORTS.inputName(), p));
    paths.put(InputKind.CLEARANCES.inputName(), request.clearances());
    paths.put(InputKind.ROSTERS.inputName(), request.rosters());
    Map<String, InputFingerprint> fingerprints = new LinkedHashMap<>();
    progress.stage("fingerprint inputs", "bytes", () -> {
      long bytes = 0;
      for (Map.Entry<String, String> input : paths.entrySet()) {
        // A missing input has no fingerprint; ingest rejects it with its own message.
        Optional<InputFingerprint> f = InputFingerprint.of(spark, input.getValue());
        if (f.isPresent()) {
          fingerprints.put(input.getKey(), f.get());
          bytes += f.get().bytes();
        }
      }
      return bytes;
    });
    return fingerprints;
  }

  private ValidatedInput validate(SourceReader reader, InputValidator validator, InputKind kind, String path,
      Optional<Dataset<Row>> ports, List<ValidatedInput> validated, Map<String, InputCounts> counts) {
    ValidatedInput input = validator.apply(reader.read(kind, path), ports);
    validated.add(input);
    progress.stage("ingest " + kind.inputName(), () -> {
      InputCounts c = input.counts();
      counts.put(kind.inputName(), c);
      return c.read();
    });
    InputCounts c = counts.get(kind.inputName());
    if (c.quarantined() + c.duplicates() > 0) {
      progress.note(String.format(Locale.ROOT, "  %s: %,d valid, %,d quarantined %s, %,d duplicates",
          kind.inputName(), c.valid(), c.quarantined(), c.quarantineReasons(), c.duplicates()));
    }
    return input;
  }

  /** One message per input whose quarantined share exceeds the limit. */
  static List<String> rejections(Map<String, InputCounts> counts, double limit) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue().quarantinedShare() > limit)
        .map(e -> String.format(Locale.ROOT,
            "%s input %s rejected: %,d of %,d rows (%.2f%%) are quarantined, above the limit of %.2f%% "
                + "(max-reject-ratio); reasons: %s",
            e.getKey(), e.getValue().path(), e.getValue().quarantined(), e.getValue().read(),
            100 * e.getValue().quarantinedShare(), 100 * limit, e.getValue().quarantineReasons()))
        .collect(Collectors.toList());
  }

  private Manifest manifest(String status, RunRecord run, ReviewCounts review) {
    Map<String, String> sparkInfo = new LinkedHashMap<>();
    sparkInfo.put("version", spark.version());
    sparkInfo.put("master", spark.sparkContext().master());
    sparkInfo.put("shuffle_partitions", spark.conf().get(SessionTuning.SHUFFLE_PARTITIONS));
    sparkInfo.put("adaptive_execution", spark.conf().get(SessionTuning.ADAPTIVE));
    sparkInfo.put("whole_stage_codegen", spark.conf().get(SessionTuning.WHOLE_STAGE_CODEGEN));
    return new Manifest("integrity-risk", BuildInfo.version(), status, run.output().runId(),
        run.request().runDate().toString(), run.window().start().toString(), run.window().endExclusive().toString(),
        run.startedAt(), Instant.now().toString(), sparkInfo, run.request().config(), run.counts(),
        run.inputFiles(), run.previous().orElse(null), run.output().recovered(), run.outputs(), Map.copyOf(mining),
        progress.stages(), memory.snapshot(), work.settled(java.time.Duration.ofSeconds(2)).summary(), review);
  }
}
