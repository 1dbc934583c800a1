package org.integrityrisk.ingest;

import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.minute;
import static org.apache.spark.sql.functions.second;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The port's wall clock for an instant. Every instant maps to exactly one local time
 * (the DST gap and overlap only make local times missing or repeated, never an instant
 * ambiguous), so converting from UTC with the port's IANA zone is exact.
 *
 * <p>Requires the session time zone to be UTC: the shifted timestamp is then read back
 * as the local wall time.
 */
public final class LocalClock {
  private LocalClock() {}

  /** Local wall time of {@code instant} at a port in {@code zone}, as TIMESTAMP_NTZ. */
  public static Column localTime(Column instant, Column zone) {
    return from_utc_timestamp(instant, zone).cast(DataTypes.TimestampNTZType);
  }

  /** Seconds since local midnight, 0..86399. */
  public static Column secondOfDay(Column localTime) {
    return hour(localTime).multiply(3600).plus(minute(localTime).multiply(60)).plus(second(localTime));
  }
}
