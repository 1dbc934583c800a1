package org.integrityrisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.CROSSED_AT_LOCAL;
import static org.integrityrisk.schema.Columns.LOCAL_DATE;
import static org.integrityrisk.schema.Columns.LOCAL_SECOND_OF_DAY;
import static org.integrityrisk.schema.Columns.SHIFT_END;
import static org.integrityrisk.schema.Columns.SHIFT_END_LOCAL;
import static org.integrityrisk.schema.Columns.SHIFT_START;
import static org.integrityrisk.schema.Columns.SHIFT_START_LOCAL;
import static org.integrityrisk.schema.Columns.TIMEZONE;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.schema.RequiredColumns;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.StageParameters;

/**
 * The contract's run window: the {@code lookbackDays} UTC days ending with the run date,
 * run date included, as the half-open instant range [start, endExclusive).
 */
public record RunWindow(LocalDate runDate, int lookbackDays) {
  private static final String STAGE = "RunWindow";

  public RunWindow {
    StageParameters.given(STAGE, "run-date", runDate);
    Parameters.LOOKBACK_DAYS.require(STAGE, lookbackDays);
  }

  /** The window's first UTC day. */
  public LocalDate firstDay() {
    return runDate.minusDays(lookbackDays - 1L);
  }

  public Instant start() {
    return runDate.minusDays(lookbackDays - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public Instant endExclusive() {
    return runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Crossings cleared inside the window, with the port's local date and time of day. */
  public Dataset<Row> crossings(Dataset<Row> validClearances) {
    RequiredColumns.require(STAGE, "clearances", validClearances, CROSSED_AT, TIMEZONE);
    Column at = col(CROSSED_AT);
    Column local = LocalClock.localTime(at, col(TIMEZONE));
    return validClearances
        .filter(at.geq(lit(Timestamp.from(start()))).and(at.lt(lit(Timestamp.from(endExclusive())))))
        .withColumn(CROSSED_AT_LOCAL, local)
        .withColumn(LOCAL_DATE, to_date(col(CROSSED_AT_LOCAL)))
        .withColumn(LOCAL_SECOND_OF_DAY, LocalClock.secondOfDay(col(CROSSED_AT_LOCAL)));
  }

  /**
   * Shifts that overlap the window, whole: a night shift that starts on the last evening
   * of the window is duty time inside it, and cutting it would distort its length.
   */
  public Dataset<Row> shifts(Dataset<Row> validRosters) {
    RequiredColumns.require(STAGE, "rosters", validRosters, SHIFT_START, SHIFT_END, TIMEZONE);
    Column zone = col(TIMEZONE);
    return validRosters
        .filter(col(SHIFT_END).gt(lit(Timestamp.from(start())))
            .and(col(SHIFT_START).lt(lit(Timestamp.from(endExclusive())))))
        .withColumn(SHIFT_START_LOCAL, LocalClock.localTime(col(SHIFT_START), zone))
        .withColumn(SHIFT_END_LOCAL, LocalClock.localTime(col(SHIFT_END), zone));
  }
}
