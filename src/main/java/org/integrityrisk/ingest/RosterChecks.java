package org.integrityrisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.DIVISION_ID;
import static org.integrityrisk.schema.Columns.OFFICER_ID;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.SHIFT_END;
import static org.integrityrisk.schema.Columns.SHIFT_ID;
import static org.integrityrisk.schema.Columns.SHIFT_START;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.schema.RequiredColumns;

/**
 * Rosters that do not add up, reported as counted warnings rather than silently tested
 * against: one officer's shifts that overlap, an officer rostered in two divisions at the
 * same time, and crossings at a port in hours when its roster shows nobody on duty (a gap
 * in the roster makes every crossing then look off duty for every officer and division of
 * that port, which distorts each alignment test there). Each warning gives a count and one
 * example; every figure is a small aggregate, never the rows themselves.
 */
public final class RosterChecks {
  private static final String STAGE = "RosterChecks";
  private static final long HOUR = 3600L;
  // The two shifts of an overlapping pair, and an hour of the epoch.
  private static final String A = "a_";
  private static final String B = "b_";
  private static final String HOUR_SLOT = "_hour";
  private static final String FIRST = "_first";
  private static final String PAIRS = "_pairs";
  private static final String ACROSS = "_across";
  private static final String CROSSINGS = "_crossings";
  private static final String IN_GAPS = "_in_gaps";

  private RosterChecks() {}

  /**
   * @param shifts the window's shifts (shift_id, officer_id, division_id, port_id, shift_start, shift_end)
   * @param crossings the window's crossings (port_id, crossed_at)
   * @return one line per problem found, with its count and an example; empty when the rosters add up
   */
  public static List<String> apply(Dataset<Row> shifts, Dataset<Row> crossings) {
    RequiredColumns.require(STAGE, "shifts", shifts, SHIFT_ID, OFFICER_ID, DIVISION_ID, PORT_ID, SHIFT_START,
        SHIFT_END);
    RequiredColumns.require(STAGE, "crossings", crossings, PORT_ID, CROSSED_AT);
    List<String> warnings = new ArrayList<>();
    overlaps(shifts, warnings);
    gaps(shifts, crossings, warnings);
    return warnings;
  }

  private static void overlaps(Dataset<Row> shifts, List<String> warnings) {
    Dataset<Row> a = renamed(shifts, A);
    Dataset<Row> b = renamed(shifts, B);
    Dataset<Row> pairs = a.join(b, col(A + OFFICER_ID).equalTo(col(B + OFFICER_ID))
        .and(col(A + SHIFT_ID).lt(col(B + SHIFT_ID)))
        .and(col(A + SHIFT_START).lt(col(B + SHIFT_END))).and(col(B + SHIFT_START).lt(col(A + SHIFT_END))));
    Column across = col(A + DIVISION_ID).notEqual(col(B + DIVISION_ID));
    Row found = pairs.agg(count(lit(1)).as(PAIRS), sum(when(across, 1).otherwise(0)).as(ACROSS),
        min(struct(col(A + OFFICER_ID), col(A + SHIFT_ID), col(B + SHIFT_ID))).as(FIRST),
        min(when(across, struct(col(A + OFFICER_ID), col(A + DIVISION_ID), col(B + DIVISION_ID), col(A + SHIFT_ID),
            col(B + SHIFT_ID)))).as(ACROSS + FIRST)).first();
    long overlapping = found.<Long>getAs(PAIRS);
    if (overlapping > 0) {
      Row e = found.getAs(FIRST);
      warnings.add(String.format(Locale.ROOT, "rosters: %,d pair(s) of overlapping shifts of one officer (e.g. %s: "
          + "%s and %s); their duty is counted once", overlapping, e.get(0), e.get(1), e.get(2)));
    }
    Long acrossDivisions = found.getAs(ACROSS);
    if (acrossDivisions != null && acrossDivisions > 0) {
      Row e = found.getAs(ACROSS + FIRST);
      warnings.add(String.format(Locale.ROOT, "rosters: %,d pair(s) of shifts put one officer in two divisions at "
          + "the same time (e.g. %s in %s and %s: %s and %s)", acrossDivisions, e.get(0), e.get(1), e.get(2),
          e.get(3), e.get(4)));
    }
  }

  private static Dataset<Row> renamed(Dataset<Row> shifts, String prefix) {
    return shifts.select(col(SHIFT_ID).as(prefix + SHIFT_ID), col(OFFICER_ID).as(prefix + OFFICER_ID),
        col(DIVISION_ID).as(prefix + DIVISION_ID), col(SHIFT_START).as(prefix + SHIFT_START),
        col(SHIFT_END).as(prefix + SHIFT_END));
  }

  /**
   * Crossings in hours no shift at their port touches. An hour a shift covers in part counts
   * as covered, so only whole empty hours are reported: a gap, never a shift change.
   */
  private static void gaps(Dataset<Row> shifts, Dataset<Row> crossings, List<String> warnings) {
    Dataset<Row> covered = shifts.select(col(PORT_ID), explode(sequence(
            floor(unix_seconds(col(SHIFT_START)).divide(HOUR)),
            floor(unix_seconds(col(SHIFT_END)).minus(1).divide(HOUR)))).as(HOUR_SLOT))
        .distinct();
    Dataset<Row> slotted = crossings.select(col(PORT_ID), floor(unix_seconds(col(CROSSED_AT)).divide(HOUR))
        .as(HOUR_SLOT));
    Dataset<Row> inGaps = slotted.join(covered, new String[] {PORT_ID, HOUR_SLOT}, "left_anti")
        .groupBy(PORT_ID).agg(count(lit(1)).as(IN_GAPS));
    List<Row> ports = slotted.groupBy(PORT_ID).agg(count(lit(1)).as(CROSSINGS))
        .join(inGaps, PORT_ID).orderBy(col(IN_GAPS).desc(), col(PORT_ID))
        .collectAsList(); // bounded: one row per port with a gap
    for (Row port : ports) {
      long gap = port.<Long>getAs(IN_GAPS);
      long all = port.<Long>getAs(CROSSINGS);
      warnings.add(String.format(Locale.ROOT, "roster gap: %,d of %,d crossings at %s (%.1f%%) fell in hours when "
          + "no officer was rostered there; every alignment test at that port reads them as off duty",
          gap, all, port.<String>getAs(PORT_ID), 100.0 * gap / all));
    }
  }
}
