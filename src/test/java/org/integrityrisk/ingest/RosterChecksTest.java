package org.integrityrisk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.Test;

/** Rosters that do not add up are counted warnings, each with an example. */
class RosterChecksTest {
  private static final StructType SHIFTS = new StructType().add("shift_id", DataTypes.StringType)
      .add("officer_id", DataTypes.StringType).add("division_id", DataTypes.StringType)
      .add("port_id", DataTypes.StringType).add("shift_start", DataTypes.TimestampType)
      .add("shift_end", DataTypes.TimestampType);
  private static final StructType CROSSINGS = new StructType().add("port_id", DataTypes.StringType)
      .add("crossed_at", DataTypes.TimestampType);
  private final SparkSession spark = SharedSpark.get();

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static Row shift(String id, String officer, String division, String from, String to) {
    return RowFactory.create(id, officer, division, "P1", at(from), at(to));
  }

  private Dataset<Row> crossings(String... instants) {
    return spark.createDataFrame(java.util.Arrays.stream(instants).map(i -> RowFactory.create("P1", at(i))).toList(),
        CROSSINGS);
  }

  @Test
  void rostersThatAddUpGiveNoWarning() {
    Dataset<Row> shifts = spark.createDataFrame(List.of(
        shift("S1", "O1", "D1", "2026-03-20T06:00:00Z", "2026-03-20T14:00:00Z"),
        shift("S2", "O2", "D1", "2026-03-20T14:00:00Z", "2026-03-20T22:00:00Z"),
        shift("S3", "O1", "D1", "2026-03-21T06:00:00Z", "2026-03-21T14:00:00Z")), SHIFTS);
    assertEquals(List.of(), RosterChecks.apply(shifts, crossings("2026-03-20T13:59:00Z", "2026-03-20T21:30:00Z")));
  }

  @Test
  void overlapsTwoDivisionsAndGapsAreEachCounted() {
    Dataset<Row> shifts = spark.createDataFrame(List.of(
        shift("S1", "O1", "D1", "2026-03-20T06:00:00Z", "2026-03-20T14:00:00Z"),
        shift("S2", "O1", "D1", "2026-03-20T12:00:00Z", "2026-03-20T18:00:00Z"),
        shift("S3", "O2", "D1", "2026-03-21T06:00:00Z", "2026-03-21T14:00:00Z"),
        shift("S4", "O2", "D2", "2026-03-21T10:00:00Z", "2026-03-21T11:00:00Z")), SHIFTS);
    List<String> warnings = RosterChecks.apply(shifts, crossings("2026-03-20T07:00:00Z", "2026-03-20T23:30:00Z",
        "2026-03-21T02:10:00Z", "2026-03-21T10:30:00Z"));
    assertEquals(List.of(
        "rosters: 2 pair(s) of overlapping shifts of one officer (e.g. O1: S1 and S2); their duty is counted once",
        "rosters: 1 pair(s) of shifts put one officer in two divisions at the same time (e.g. O2 in D1 and D2: S3 "
            + "and S4)",
        "roster gap: 2 of 4 crossings at P1 (50.0%) fell in hours when no officer was rostered there; every "
            + "alignment test at that port reads them as off duty"), warnings);
  }
}
