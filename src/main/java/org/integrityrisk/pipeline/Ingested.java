package org.integrityrisk.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.ingest.InputFingerprint;
import org.integrityrisk.ingest.InputKind;
import org.integrityrisk.ingest.ValidatedInput;

/**
 * What ingest hands on: each input validated, and how every row was accounted for.
 * Closing it releases the validated inputs' caches; the run closes it when its last
 * reader (publishing the quarantine) is done.
 *
 * @param ports the valid ports, when a ports table was given
 * @param counts per input name, in the order the inputs were read
 */
public record Ingested(Map<String, InputFingerprint> inputFiles, Optional<Dataset<Row>> ports,
    ValidatedInput clearances, ValidatedInput rosters, Optional<ValidatedInput> portsInput,
    Map<String, InputCounts> counts) implements AutoCloseable {

  public Ingested {
    inputFiles = Collections.unmodifiableMap(new LinkedHashMap<>(inputFiles));
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** Every input's quarantined rows, with the input they came from. */
  public Dataset<Row> quarantine() {
    return inputs().stream().map(ValidatedInput::quarantine).reduce(Dataset::unionByName).orElseThrow();
  }

  /**
   * One message per input whose share of bad rows (quarantined rows and their copies) or of
   * duplicate rows exceeds its limit; empty when the run may go on.
   */
  public List<String> rejections(double badLimit, double duplicateLimit) {
    return rejections(counts, badLimit, duplicateLimit);
  }

  static List<String> rejections(Map<String, InputCounts> counts, double badLimit, double duplicateLimit) {
    List<String> messages = new ArrayList<>();
    counts.forEach((name, c) -> {
      if (c.badShare() > badLimit) {
        messages.add(String.format(Locale.ROOT,
            "%s input %s rejected: %,d of %,d rows (%.2f%%) are bad (%,d quarantined, %,d more copies of them), "
                + "above the limit of %.2f%% (max-reject-ratio); reasons: %s",
            name, c.path(), c.quarantined() + c.quarantinedCopies(), c.read(), 100 * c.badShare(), c.quarantined(),
            c.quarantinedCopies(), 100 * badLimit, c.quarantineReasons()));
      }
      if (c.duplicateShare() > duplicateLimit) {
        messages.add(String.format(Locale.ROOT,
            "%s input %s rejected: %,d of %,d rows (%.2f%%) are exact duplicates, above the limit of %.2f%% "
                + "(max-duplicate-ratio); was the feed sent twice, or did it loop?",
            name, c.path(), c.duplicates(), c.read(), 100 * c.duplicateShare(), 100 * duplicateLimit));
      }
    });
    return messages;
  }

  /** The counts with each windowed input's rows inside the window filled in. */
  public Map<String, InputCounts> countsInWindow(long crossings, long shifts) {
    Map<String, InputCounts> inWindow = new LinkedHashMap<>(counts);
    inWindow.computeIfPresent(InputKind.CLEARANCES.inputName(), (k, c) -> c.withInWindow(crossings));
    inWindow.computeIfPresent(InputKind.ROSTERS.inputName(), (k, c) -> c.withInWindow(shifts));
    return Collections.unmodifiableMap(inWindow);
  }

  private List<ValidatedInput> inputs() {
    return portsInput.isPresent() ? List.of(portsInput.get(), clearances, rosters) : List.of(clearances, rosters);
  }

  @Override
  public void close() {
    inputs().forEach(ValidatedInput::release);
  }
}
