package org.integrityrisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.SHIFT_START;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.schema.RequiredColumns;

/**
 * The window of the alignment tests: groups are mined over the run window (lookback-days),
 * but their trips and the duty rosters are taken over up to alignment-lookback-days ending
 * with the same run date.
 *
 * <p>The window starts no earlier than the first whole UTC day that begins at or after both
 * the first crossing and the first shift's start inside the asked-for window. Why: the null
 * model draws every trip's day among the window's days, and on a day before the rosters
 * begin nobody is on duty, so the chance of duty there would count as 0 and every test's
 * expected aligned events would be too low (p-values too small); on a day before the
 * clearance export begins a group's real trips are invisible. An export that holds fewer
 * days than asked for therefore gets a shorter window, never one padded with empty days.
 * Whole days, because a roster that starts at 06:00 leaves that day's night uncovered:
 * dropping at most one day costs little, drawing onto half-rostered days would bias. The
 * window never starts after the run window, so a short export means the run window exactly,
 * the same tests as a run without the parameter. Gaps inside the data (a feed missing for a
 * week) are not looked for, as they are not inside the run window either.
 */
public final class AlignmentWindow {
  private static final String STAGE = "AlignmentWindow";

  private AlignmentWindow() {}

  /**
   * The alignment window for a run: the run window itself when no more days are asked
   * for (no Spark work then), else the asked-for days clipped to where both inputs hold data.
   *
   * @param run the run (mining) window
   * @param alignmentDays the days asked for, at least the run window's ({@code PipelineConfig.alignmentLookbackDays()})
   * @param validClearances every valid clearance, whatever its date
   * @param validRosters every valid shift, whatever its date
   */
  public static RunWindow of(RunWindow run, int alignmentDays, Dataset<Row> validClearances,
      Dataset<Row> validRosters) {
    requireDays(run, alignmentDays);
    if (alignmentDays == run.lookbackDays()) {
      return run;
    }
    RequiredColumns.require(STAGE, "clearances", validClearances, CROSSED_AT);
    RequiredColumns.require(STAGE, "rosters", validRosters, SHIFT_START);
    RunWindow asked = new RunWindow(run.runDate(), alignmentDays);
    // One row each: where each input begins, before the window's end. Data that begins before
    // the asked-for window covers all of it; looking only inside the window would mistake its
    // first crossing (minutes after midnight) for the start of the export.
    Timestamp end = Timestamp.from(asked.endExclusive());
    Row crossing = validClearances.filter(col(CROSSED_AT).lt(lit(end)))
        .agg(min(col(CROSSED_AT)).as(CROSSED_AT)).first();
    Row shift = validRosters.filter(col(SHIFT_START).lt(lit(end)))
        .agg(min(col(SHIFT_START)).as(SHIFT_START)).first();
    return clip(run, alignmentDays, instant(crossing, CROSSED_AT), instant(shift, SHIFT_START));
  }

  /**
   * The rule, without Spark: the asked-for window, starting no earlier than the first whole
   * UTC day at or after both the first crossing and the first shift start, and no later
   * than the run window. Without crossings or shifts before the window's end it is the run window.
   *
   * @param firstCrossing the earliest valid crossing before the window's end, whatever its date
   * @param firstShiftStart the earliest start of a valid shift before the window's end
   */
  public static RunWindow clip(RunWindow run, int alignmentDays, Optional<Instant> firstCrossing,
      Optional<Instant> firstShiftStart) {
    requireDays(run, alignmentDays);
    if (firstCrossing.isEmpty() || firstShiftStart.isEmpty()) {
      return run;
    }
    RunWindow asked = new RunWindow(run.runDate(), alignmentDays);
    Instant dataFrom = firstCrossing.get().isAfter(firstShiftStart.get()) ? firstCrossing.get() : firstShiftStart.get();
    LocalDate first = asked.firstDay();
    if (dataFrom.isAfter(asked.start())) {
      Instant midnight = dataFrom.truncatedTo(ChronoUnit.DAYS);
      LocalDate covered = LocalDate.ofInstant(midnight, ZoneOffset.UTC);
      first = midnight.equals(dataFrom) ? covered : covered.plusDays(1);
    }
    if (first.isAfter(run.firstDay())) {
      return run;
    }
    return new RunWindow(run.runDate(), (int) ChronoUnit.DAYS.between(first, run.runDate()) + 1);
  }

  private static void requireDays(RunWindow run, int alignmentDays) {
    Parameters.LOOKBACK_DAYS.require(STAGE, alignmentDays);
    if (alignmentDays < run.lookbackDays()) {
      throw new IllegalArgumentException(STAGE + ": the alignment window (" + alignmentDays
          + " days) must be at least the run window (" + run.lookbackDays() + " days)");
    }
  }

  private static Optional<Instant> instant(Row row, String column) {
    Timestamp at = row.getAs(column);
    return Optional.ofNullable(at).map(Timestamp::toInstant);
  }
}
