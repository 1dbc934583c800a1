package org.integrityrisk.review;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import org.apache.spark.sql.Column;

/**
 * Finding ids that survive from one nightly run to the next: derived from what the
 * finding is about (an officer or a division, at a port), never from the run, so a lead
 * that persists keeps its id and an investigator's decision on it keeps applying.
 * Groups already have such an id, hashed from their members.
 */
public final class FindingIds {
  public static final String PREFIX = "F-";

  private FindingIds() {}

  /** @param kind {@code officer} or {@code division}; unit the officer or division id */
  public static Column of(Column kind, Column unit, Column port) {
    // The unit separator cannot occur in ids read from CSV text, so no two findings share a key.
    return concat(lit(PREFIX), substring(sha2(concat_ws("\u001f", kind, unit, port), 256), 1, 16));
  }
}
