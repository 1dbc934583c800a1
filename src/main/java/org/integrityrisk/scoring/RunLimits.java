package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.*;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.integrityrisk.alignment.DutyBitmap;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.schema.RequiredColumns;
import scala.Tuple2;

/**
 * What a run could and could not see, for the manifest and the top of the report: how
 * strong a test had to be for the run's first finding in each cell of the false discovery
 * budget, what that means in trips for a unit on duty a typical share of the time, and
 * the ports where no division test could reach the level at all.
 *
 * <p>The first finding of a cell needs p at most level * w / W (the cell's weight over
 * the sum of the counted tests' weights); later findings lower the bar for each other, so
 * this is the bar a lone ring must pass. A trip made inside one shift is on a unit's duty
 * by chance about as often as the unit is on duty, so a group needs about
 * log(p) / log(share) trips, every one on duty, to pass it. For officers the figure is the
 * bar alone: an officer's duty test counts only what their division does not explain
 * (overtime, rest days), so duty alone seldom reaches it where clearing evidence can.
 *
 * @param level the false discovery level
 * @param tests all tests of the run
 * @param countedTests the tests whose smallest attainable p-value reaches the level
 * @param cells the budget's cells, divisions first
 * @param portsWithoutDivisionEvidence ports with division tests none of which could reach
 *     the level: a division that works the same hours every day has the time of day as its
 *     duty, which the null model keeps, so only officers' rest days and overtime, or
 *     clearing data, can show collusion there
 */
public record RunLimits(
    @JsonProperty("fdr_level") double level,
    @JsonProperty("tests") long tests,
    @JsonProperty("counted_tests") long countedTests,
    @JsonProperty("cells") List<Cell> cells,
    @JsonProperty("ports_without_division_evidence") List<String> portsWithoutDivisionEvidence) {

  private static final String STAGE = "RunLimits";
  private static final String SHARE = "share";
  private static final String MEDIAN = "_median";
  private static final String N = "_n";
  private static final String COUNTED = "_counted";
  private static final String CELL_WEIGHT = "_weight";
  private static final String TIER = "_tier";
  private static final String ANY_COUNTED = "_any_counted";

  public RunLimits {
    cells = List.copyOf(cells);
    portsWithoutDivisionEvidence = List.copyOf(portsWithoutDivisionEvidence);
  }

  /**
   * One cell of the false discovery budget.
   *
   * @param groups the groups' {@link TestWeights.Tier#key() tier}
   * @param firstFindingP the largest p-value that could be the run's first finding in this cell
   * @param typicalDutyShare the median share of the window its units were on duty
   * @param tripsAllOnDuty about how many trips, all on duty of a unit with that share, pass
   *     the bar; null for officers (see the class comment)
   */
  public record Cell(
      @JsonProperty("unit_kind") String unitKind,
      @JsonProperty("groups") String groups,
      @JsonProperty("tests") long tests,
      @JsonProperty("counted_tests") long countedTests,
      @JsonProperty("weight") double weight,
      @JsonProperty("first_finding_p") double firstFindingP,
      @JsonProperty("typical_duty_share") double typicalDutyShare,
      @JsonProperty("trips_all_on_duty") Integer tripsAllOnDuty) {

    /** One sentence for the report. */
    public String describe() {
      String bar = String.format(Locale.ROOT, "%s against %s: %,d tests (%,d could reach the level), a first "
          + "finding needs p <= %.2g", TestWeights.tierOf(groups).description(), DutyRosters.DIVISION.equals(unitKind) ? "divisions" : "officers",
          tests, countedTests, firstFindingP);
      if (tripsAllOnDuty == null) {
        return bar + "; an officer's duty counts only beyond their division's (overtime, rest days)";
      }
      return bar + String.format(Locale.ROOT, ", about %d trips all on the duty of a division on duty %.0f%% of "
          + "the time", tripsAllOnDuty, 100 * typicalDutyShare);
    }
  }

  /**
   * @param tests tests after false discovery control ({@code unit_kind}, {@code port_id}, {@code round_trips}, {@code short_round_trips},
   *     {@code weight}, {@code testable})
   * @param units the rostered units ({@link DutyRosters#UNIT_SCHEMA})
   */
  public static RunLimits of(Dataset<Row> tests, Dataset<Row> units, double level) {
    RequiredColumns.require(STAGE, "tests", tests, UNIT_KIND, PORT_ID, ROUND_TRIPS, SHORT_ROUND_TRIPS, WEIGHT,
        FalseDiscovery.TESTABLE);
    RequiredColumns.require(STAGE, "units", units, UNIT_KIND, DutyRosters.DUTY);
    // Every aggregate below has one row per cell, kind or port: bounded by the rosters, not the traffic.
    Map<String, Double> medianShares = medianShares(units);
    List<Row> byCell = tests
        .groupBy(col(UNIT_KIND), TestWeights.tier().as(TIER))
        .agg(count(lit(1)).as(N), sum(when(col(FalseDiscovery.TESTABLE), 1L).otherwise(0L)).as(COUNTED),
            first(col(WEIGHT)).as(CELL_WEIGHT))
        .orderBy(col(UNIT_KIND), col(TIER).desc())
        .collectAsList();
    long all = 0;
    long counted = 0;
    for (Row r : byCell) {
      all += r.<Long>getAs(N);
      counted += r.<Long>getAs(COUNTED);
    }
    List<Cell> cells = new ArrayList<>();
    for (Row r : byCell) {
      String kind = r.getAs(UNIT_KIND);
      boolean division = DutyRosters.DIVISION.equals(kind);
      double weight = r.getAs(CELL_WEIGHT);
      // Weights average 1 over the counted tests, so their sum W is the count of them.
      double bar = counted == 0 ? 0.0 : Math.min(1.0, level * weight / counted);
      double share = medianShares.getOrDefault(kind, 0.0);
      Integer trips = division && bar > 0 && share > 0 && share < 1
          ? (int) Math.ceil(Math.log(bar) / Math.log(share)) : null;
      cells.add(new Cell(kind, r.getAs(TIER), r.getAs(N), r.getAs(COUNTED), weight, bar, share, trips));
    }
    List<String> blind = new ArrayList<>();
    for (Row r : tests.filter(col(UNIT_KIND).equalTo(DutyRosters.DIVISION))
        .groupBy(PORT_ID).agg(max(col(FalseDiscovery.TESTABLE)).as(ANY_COUNTED))
        .filter(col(ANY_COUNTED).equalTo(false)).orderBy(PORT_ID).collectAsList()) {
      blind.add(r.getAs(PORT_ID));
    }
    return new RunLimits(level, all, counted, cells, blind);
  }

  /** The median duty share of each kind of unit, in one pass over the units (a row per kind). */
  private static Map<String, Double> medianShares(Dataset<Row> units) {
    Map<String, Double> medians = new HashMap<>();
    for (Row r : units
        .map((MapFunction<Row, Tuple2<String, Double>>) u -> new Tuple2<>(u.getAs(UNIT_KIND),
            DutyBitmap.share(u.getAs(DutyRosters.DUTY))), Encoders.tuple(Encoders.STRING(), Encoders.DOUBLE()))
        .toDF(UNIT_KIND, SHARE)
        .groupBy(UNIT_KIND)
        .agg(percentile_approx(col(SHARE), lit(0.5), lit(10_000)).as(MEDIAN))
        .collectAsList()) {
      medians.put(r.getAs(UNIT_KIND), r.<Double>getAs(MEDIAN));
    }
    return medians;
  }
}
