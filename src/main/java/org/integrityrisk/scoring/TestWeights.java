package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.schema.RequiredColumns;

/**
 * How the false discovery budget is spread over a run's tests, fixed before any duty is
 * looked at (weighted Benjamini-Hochberg, Genovese, Roeder and Wasserman 2006).
 *
 * <p>Why: a run tests every group against every officer and division of its port. Most of
 * those tests can never be evidence of collusion (a commuter carpool against each officer
 * of its port), yet under plain Benjamini-Hochberg each one raises the bar for a real ring:
 * on an outside scenario with 10,916 tests the five planted rings' division tests had the
 * five smallest p-values of the run (7.6e-5 to 1.7e-4) and none was flagged.
 *
 * <p>The tests fall into six cells: officer or division, and the group's {@link Tier} by
 * its round trips at the port (out and back within 15 minutes and {@code round-trip-hours};
 * short ones within {@code short-trip-hours}; see GroupTrips): the system this follows
 * calls a group suspect when its members "entered and exited many times in a short period".
 * Each cell gets a fixed share of the budget ({@code short-trip-share}, {@code
 * round-trip-share}, the rest to other groups; {@code officer-share} of each to officers);
 * a test's weight is its cell's share divided by the cell's share of the counted tests
 * (those whose smallest attainable p-value reaches the level, see {@link FalseDiscovery}),
 * so weights average 1 over them and each cell spends the share it was given: most officer
 * tests cannot reach the level, and weights over all tests would hand their budget to the
 * divisions. The weights depend only on the unit's kind, on the group's trips, whose shape
 * the null model keeps on every day it draws, and on the smallest attainable p-values,
 * which the null model fixes; so the p-values stay valid given the weights and the false
 * discovery rate stays at most the level (the weighted procedure's promise when weights
 * average 1 and are independent of the true nulls' p-values). A cell with no counted test
 * gives its share to the others; its tests keep a weight, as if one of them counted, for
 * the risk score alone.
 *
 * <p>Why tiers rather than one cut: on crowded scenarios (hundreds of groups: carpools,
 * families, coaches) groups with 3 or more round trips of up to 8 hours were six times as
 * many as those with 3 or more of up to 4, and only the 4-hour cut left the rings' division
 * tests few enough rivals to pass; on our standard scenarios the rings' trips last 2.5 to
 * 7.5 hours and only the 8-hour cut found the 6-trip rings. The tiers keep both.
 *
 * <p>The limit: a ring whose trips last longer than {@code round-trip-hours} lands with the
 * commuters and needs stronger evidence than it would under plain Benjamini-Hochberg; no
 * share is 0, so it is never screened out.
 */
public final class TestWeights {
  /** Round trips a group needs for its tests to draw on a larger share. */
  public static final int MIN_ROUND_TRIPS = 3;
  private static final String STAGE = "TestWeights";
  private static final String CELL = "_cell";
  private static final String TIER = "_tier";
  private static final String COUNTED = "_counted";

  /** A group's tier by its round trips at the port, most suspect first. */
  public enum Tier {
    SHORT_ROUND_TRIPS("groups with " + MIN_ROUND_TRIPS + " or more short round trips"),
    ROUND_TRIPS("groups with " + MIN_ROUND_TRIPS + " or more round trips"),
    OTHER("other groups");

    private final String description;

    Tier(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }

    /** The tier's name, as the {@code _tier} column and the manifest carry it. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param shortTripShare the budget share of tests of groups with short round trips ({@code short-trip-share})
   * @param roundTripShare the budget share of tests of groups with round trips ({@code round-trip-share})
   * @param officerShare the budget share of officer tests ({@code officer-share})
   * @param level the false discovery level ({@code fdr-level}): a test counts when its smallest p-value reaches it
   */
  public record Params(double shortTripShare, double roundTripShare, double officerShare, double level) {
    public Params {
      Parameters.SHORT_TRIP_SHARE.require(STAGE, shortTripShare);
      Parameters.ROUND_TRIP_SHARE.require(STAGE, roundTripShare);
      Parameters.OFFICER_SHARE.require(STAGE, officerShare);
      Parameters.FDR_LEVEL.require(STAGE, level);
      if (shortTripShare + roundTripShare >= 1) {
        throw new IllegalArgumentException(STAGE + ": short-trip-share and round-trip-share must leave other groups "
            + "a share, got " + shortTripShare + " + " + roundTripShare);
      }
    }

    public static Params of(PipelineConfig config) {
      return new Params(config.get(Parameters.SHORT_TRIP_SHARE), config.get(Parameters.ROUND_TRIP_SHARE),
          config.get(Parameters.OFFICER_SHARE), config.fdrLevel());
    }

    /** The budget share of one cell, before cells with no tests give theirs away. */
    double share(String unitKind, Tier tier) {
      double byTrips = switch (tier) {
        case SHORT_ROUND_TRIPS -> shortTripShare;
        case ROUND_TRIPS -> roundTripShare;
        case OTHER -> 1 - shortTripShare - roundTripShare;
      };
      double byKind = DutyRosters.OFFICER.equals(unitKind) ? officerShare : 1 - officerShare;
      return byTrips * byKind;
    }
  }

  private final Params params;

  public TestWeights(Params params) {
    if (params == null) {
      throw new IllegalArgumentException(STAGE + ": its parameters must be given");
    }
    this.params = params;
  }

  /** The tier of a test's group, as {@link Tier#key()}. */
  public static Column tier() {
    return when(col(SHORT_ROUND_TRIPS).geq(lit(MIN_ROUND_TRIPS)), lit(Tier.SHORT_ROUND_TRIPS.key()))
        .when(col(ROUND_TRIPS).geq(lit(MIN_ROUND_TRIPS)), lit(Tier.ROUND_TRIPS.key()))
        .otherwise(lit(Tier.OTHER.key()));
  }

  /** The tier whose {@link Tier#key()} this is. */
  public static Tier tierOf(String key) {
    return Tier.valueOf(key.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * @param tests alignment tests with {@code unit_kind}, {@code round_trips}, {@code short_round_trips}
   *     and {@code smallest_p_value}; adds {@code weight}
   */
  public Dataset<Row> apply(Dataset<Row> tests) {
    RequiredColumns.require(STAGE, "tests", tests, UNIT_KIND, ROUND_TRIPS, SHORT_ROUND_TRIPS, SMALLEST_P_VALUE);
    Column cell = concat_ws(":", col(UNIT_KIND), tier());
    // At most six cells: counting them on the driver is a fixed, tiny amount of data.
    Map<String, Long> counted = new LinkedHashMap<>();
    Map<String, Double> shares = new LinkedHashMap<>();
    long all = 0;
    double present = 0;
    for (Row r : tests.groupBy(cell.as(CELL), col(UNIT_KIND), tier().as(TIER))
        .agg(sum(when(col(SMALLEST_P_VALUE).leq(lit(params.level())), 1L).otherwise(0L)).as(COUNTED))
        .collectAsList()) {
      String key = r.getAs(CELL);
      long n = r.<Long>getAs(COUNTED);
      double share = params.share(r.getAs(UNIT_KIND), tierOf(r.getAs(TIER)));
      counted.put(key, n);
      shares.put(key, share);
      all += n;
      present += n > 0 ? share : 0;
    }
    Column weight = lit(0.0);
    for (Map.Entry<String, Long> c : counted.entrySet()) {
      double w = present == 0 ? 1.0 : shares.get(c.getKey()) / present * Math.max(1, all) / Math.max(1, c.getValue());
      weight = when(col(CELL).equalTo(lit(c.getKey())), lit(w)).otherwise(weight);
    }
    return tests.withColumn(CELL, cell).withColumn(WEIGHT, weight).drop(CELL);
  }
}
