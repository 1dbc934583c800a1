package org.integrityrisk.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * How every row of one input was accounted for: {@code valid + quarantined + duplicates = read}.
 * Copies of a bad row are bad rows: {@code quarantinedCopies} of the duplicates are copies of
 * quarantined rows, and count against the input's reject ratio with them (half a feed of one
 * garbage line repeated is half a feed of garbage, not one bad row).
 *
 * @param inWindow valid rows inside the run window (crossings by time, shifts by overlap);
 *     equal to valid for the ports table
 */
public record InputCounts(
    @JsonProperty("path") String path,
    @JsonProperty("read") long read,
    @JsonProperty("valid") long valid,
    @JsonProperty("quarantined") long quarantined,
    @JsonProperty("duplicates") long duplicates,
    @JsonProperty("quarantined_copies") long quarantinedCopies,
    @JsonProperty("in_window") long inWindow,
    @JsonProperty("quarantine_reasons") Map<String, Long> quarantineReasons) {

  public InputCounts {
    quarantineReasons = Map.copyOf(quarantineReasons);
    if (valid + quarantined + duplicates != read) {
      throw new IllegalStateException("row accounting does not add up for " + path + ": valid " + valid
          + " + quarantined " + quarantined + " + duplicates " + duplicates + " != read " + read);
    }
    if (quarantinedCopies < 0 || quarantinedCopies > duplicates) {
      throw new IllegalStateException("copies of quarantined rows of " + path + " (" + quarantinedCopies
          + ") are not among its " + duplicates + " duplicates");
    }
  }

  /** Bad rows (quarantined rows and their copies) as a share of the rows read. */
  public double badShare() {
    return read == 0 ? 0.0 : (double) (quarantined + quarantinedCopies) / read;
  }

  /** Exact duplicate rows, of good rows and bad, as a share of the rows read. */
  public double duplicateShare() {
    return read == 0 ? 0.0 : (double) duplicates / read;
  }

  public InputCounts withInWindow(long rows) {
    return new InputCounts(path, read, valid, quarantined, duplicates, quarantinedCopies, rows, quarantineReasons);
  }
}
