package org.integrityrisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The contract's run window: the {@code lookbackDays} UTC days ending with the run date,
 * run date included, as the half-open instant range [start, endExclusive).
 */
public record RunWindow(LocalDate runDate, int lookbackDays) {
  public RunWindow {
    if (lookbackDays < 1) {
      throw new IllegalArgumentException("lookback days must be at least 1");
    }
  }

  public Instant start() {
    return runDate.minusDays(lookbackDays - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public Instant endExclusive() {
    return runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Crossings cleared inside the window, with the port's local date and time of day. */
  public Dataset<Row> crossings(Dataset<Row> validClearances) {
    Column at = col("crossed_at");
    Column local = LocalClock.localTime(at, col(InputValidator.TIMEZONE));
    return validClearances
        .filter(at.geq(lit(Timestamp.from(start()))).and(at.lt(lit(Timestamp.from(endExclusive())))))
        .withColumn("crossed_at_local", local)
        .withColumn("local_date", to_date(col("crossed_at_local")))
        .withColumn("local_second_of_day", LocalClock.secondOfDay(col("crossed_at_local")));
  }

  /**
   * Shifts that overlap the window, whole: a night shift that starts on the last evening
   * of the window is duty time inside it, and cutting it would distort its length.
   */
  public Dataset<Row> shifts(Dataset<Row> validRosters) {
    Column zone = col(InputValidator.TIMEZONE);
    return validRosters
        .filter(col("shift_end").gt(lit(Timestamp.from(start())))
            .and(col("shift_start").lt(lit(Timestamp.from(endExclusive())))))
        .withColumn("shift_start_local", LocalClock.localTime(col("shift_start"), zone))
        .withColumn("shift_end_local", LocalClock.localTime(col("shift_end"), zone));
  }
}
