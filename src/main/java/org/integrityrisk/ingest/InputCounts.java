package org.integrityrisk.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * How every row of one input was accounted for: {@code valid + quarantined + duplicates = read}.
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
    @JsonProperty("in_window") long inWindow,
    @JsonProperty("quarantine_reasons") Map<String, Long> quarantineReasons) {

  public InputCounts {
    quarantineReasons = Map.copyOf(quarantineReasons);
    if (valid + quarantined + duplicates != read) {
      throw new IllegalStateException("row accounting does not add up for " + path + ": valid " + valid
          + " + quarantined " + quarantined + " + duplicates " + duplicates + " != read " + read);
    }
  }

  public double quarantinedShare() {
    return read == 0 ? 0.0 : (double) quarantined / read;
  }

  public InputCounts withInWindow(long rows) {
    return new InputCounts(path, read, valid, quarantined, duplicates, rows, quarantineReasons);
  }
}
