package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.io.Serializable;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.baskets.FrequentTravellers;
import org.integrityrisk.ingest.RunWindow;

/**
 * Tells pairs who travel together from pairs who only keep the same hours.
 *
 * <p>At a busy border, commuters who each cross every weekday at 07:30 share a basket on
 * most days without knowing each other; at three times the traffic there are dozens of
 * them per port and hour, every subset of them is "frequent", and mining explodes while
 * the alignment tests drown the real rings in chance groups. What sets a pair of real
 * co-travellers apart is that they cross on the <em>same days</em>: keep each one's
 * crossings, ports and times of day, draw the days at random (among days of the same
 * type, as the duty null model does), and co-crossings within W minutes become rare for
 * them and stay common for the commuters. A pair is kept when its same-day co-crossings
 * exceed that expectation with a Poisson tail of at most {@code maxP}, or when its members
 * rode in one vehicle at least S times (a carpool is a group whatever its habits).
 *
 * <p>Baskets are then split, for mining only, into the connected pieces of the kept
 * pairs among their travellers: two carpools in the same 07:30 queue become two
 * transactions, so FP-growth finds each carpool and never their union.
 */
public final class CoTravellers implements Serializable {
  public static final String SAME_DAY = "same_day_co_crossings";
  public static final String EXPECTED = "expected_by_habit";
  public static final String SHARED_VEHICLE = "shared_vehicle_crossings";
  public static final String P_VALUE = "p_value";
  public static final String KEPT = "kept";
  private static final StructType PAIR_SCHEMA = new StructType()
      .add(SharedBaskets.A, DataTypes.StringType)
      .add(SharedBaskets.B, DataTypes.StringType)
      .add(SharedBaskets.TOGETHER, DataTypes.LongType)
      .add(SAME_DAY, DataTypes.IntegerType)
      .add(EXPECTED, DataTypes.DoubleType)
      .add(SHARED_VEHICLE, DataTypes.IntegerType)
      .add(P_VALUE, DataTypes.DoubleType)
      .add(KEPT, DataTypes.BooleanType);
  private static final StructType TRANSACTION_SCHEMA = new StructType()
      .add(CoTravelBaskets.BASKET_ID, DataTypes.StringType)
      .add(CoTravelBaskets.ITEMS, DataTypes.createArrayType(DataTypes.StringType));

  private final int basketSeconds;
  private final int vehicleSeconds;
  private final int minSupport;
  private final double maxP;
  private final boolean keepWeekdayType;
  private final int weekdays;
  private final int weekendDays;

  /**
   * @param window the run window, whose weekdays and weekend days the null model draws from
   * @param keepWeekdayType draw a crossing's day among days of its own type only
   */
  public CoTravellers(int basketMinutes, int vehicleMinutes, int minSupport, double maxP, RunWindow window,
      boolean keepWeekdayType) {
    this.basketSeconds = basketMinutes * 60;
    this.vehicleSeconds = vehicleMinutes * 60;
    this.minSupport = minSupport;
    this.maxP = maxP;
    this.keepWeekdayType = keepWeekdayType;
    int weekend = 0;
    for (int d = 0; d < window.lookbackDays(); d++) {
      DayOfWeek day = window.runDate().minusDays(d).getDayOfWeek();
      if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
        weekend++;
      }
    }
    this.weekendDays = Math.max(1, weekend);
    this.weekdays = Math.max(1, window.lookbackDays() - weekend);
  }

  /**
   * @param pairs {@link SharedBaskets#pairs}: the candidates
   * @param crossings the frequent travellers' crossings (traveller_pseudonym, port_id,
   *     direction, local_date, local_second_of_day, crossed_at, vehicle_id)
   * @return every candidate pair with its same-day co-crossings, their expectation from the
   *     members' habits, the Poisson tail, shared-vehicle crossings and whether it is kept
   */
  public Dataset<Row> apply(Dataset<Row> pairs, Dataset<Row> crossings) {
    LocalDate epochDay = LocalDate.of(1970, 1, 1);
    Dataset<Row> candidates = pairs.select(col(SharedBaskets.A).as("t")).union(pairs.select(col(SharedBaskets.B).as("t")))
        .distinct();
    Dataset<Row> profiles = crossings
        .join(candidates, col(FrequentTravellers.TRAVELLER).equalTo(col("t")), "left_semi")
        .groupBy(FrequentTravellers.TRAVELLER)
        .agg(collect_list(struct(
            col("port_id"), col("direction"),
            datediff(col("local_date"), lit(Date.valueOf(epochDay))).as("day"),
            dayofweek(col("local_date")).isin(1, 7).as("weekend"),
            col("local_second_of_day").as("second"),
            col("crossed_at").cast(DataTypes.LongType).as("epoch"),
            col("vehicle_id"))).as("crossings"));
    Dataset<Row> joined = pairs
        .join(profiles.select(col(FrequentTravellers.TRAVELLER).as(SharedBaskets.A), col("crossings").as("_ca")), SharedBaskets.A)
        .join(profiles.select(col(FrequentTravellers.TRAVELLER).as(SharedBaskets.B), col("crossings").as("_cb")), SharedBaskets.B)
        .select(col(SharedBaskets.A), col(SharedBaskets.B), col(SharedBaskets.TOGETHER).cast(DataTypes.LongType),
            col("_ca"), col("_cb"));
    return joined.map((MapFunction<Row, Row>) this::test, Encoders.row(PAIR_SCHEMA));
  }

  private Row test(Row r) {
    List<Row> as = r.getList(3);
    List<Row> bs = r.getList(4);
    int sameDay = 0;
    int sharedVehicle = 0;
    double expected = 0.0;
    for (Row x : as) {
      for (Row y : bs) {
        if (!x.getString(0).equals(y.getString(0)) || !x.getString(1).equals(y.getString(1))) {
          continue;
        }
        if (x.getInt(2) == y.getInt(2)) {
          long apart = Math.abs(x.getLong(5) - y.getLong(5));
          if (apart <= basketSeconds) {
            sameDay++;
          }
          if (!x.isNullAt(6) && !y.isNullAt(6) && x.getString(6).equals(y.getString(6)) && apart <= vehicleSeconds) {
            sharedVehicle++;
          }
        }
        if (Math.abs(x.getInt(4) - y.getInt(4)) <= basketSeconds) {
          if (!keepWeekdayType) {
            expected += 1.0 / (weekdays + weekendDays);
          } else if (x.getBoolean(3) == y.getBoolean(3)) {
            expected += 1.0 / (x.getBoolean(3) ? weekendDays : weekdays);
          }
        }
      }
    }
    double p = sameDay == 0 ? 1.0 : expected <= 0.0 ? 0.0
        : PoissonDistribution.of(expected).survivalProbability(sameDay - 1);
    boolean kept = sharedVehicle >= minSupport || p <= maxP;
    return RowFactory.create(r.getString(0), r.getString(1), r.getLong(2), sameDay, expected, sharedVehicle, p, kept);
  }

  /**
   * The transactions FP-growth mines: each basket's individual travellers split into the
   * connected pieces of the kept pairs among them; pieces of one traveller are dropped,
   * since no group can come of them. Large-group items are not mined and are left out.
   *
   * @param baskets basket_id, items
   * @param tested {@link #apply}'s rows
   */
  public static Dataset<Row> transactions(Dataset<Row> baskets, Dataset<Row> tested) {
    Dataset<Row> kept = tested.filter(col(KEPT)).select(SharedBaskets.A, SharedBaskets.B);
    Dataset<Row> memberships = baskets.select(col(CoTravelBaskets.BASKET_ID), explode(col(CoTravelBaskets.ITEMS)).as("t"));
    Dataset<Row> inA = memberships.select(col(CoTravelBaskets.BASKET_ID), col("t").as(SharedBaskets.A));
    Dataset<Row> inB = memberships.select(col(CoTravelBaskets.BASKET_ID).as("_basket_b"), col("t").as("_b"));
    Dataset<Row> edges = inA.join(kept, SharedBaskets.A)
        .join(inB, col("_basket_b").equalTo(col(CoTravelBaskets.BASKET_ID)).and(col("_b").equalTo(col(SharedBaskets.B))))
        .select(col(CoTravelBaskets.BASKET_ID), struct(col(SharedBaskets.A), col(SharedBaskets.B)).as("edge"));
    return edges.groupBy(CoTravelBaskets.BASKET_ID).agg(collect_list("edge").as("edges"))
        .flatMap((FlatMapFunction<Row, Row>) CoTravellers::pieces, Encoders.row(TRANSACTION_SCHEMA));
  }

  /** Connected pieces of one basket's kept pairs, by union-find; each piece sorted. */
  private static java.util.Iterator<Row> pieces(Row basket) {
    String basketId = basket.getString(0);
    Map<String, String> parent = new TreeMap<>();
    for (Row edge : basket.<Row>getList(1)) {
      String a = root(parent, edge.getString(0));
      String b = root(parent, edge.getString(1));
      if (!a.equals(b)) {
        parent.put(a.compareTo(b) < 0 ? b : a, a.compareTo(b) < 0 ? a : b);
      }
    }
    Map<String, List<String>> byRoot = new TreeMap<>();
    for (String t : new ArrayList<>(parent.keySet())) {
      byRoot.computeIfAbsent(root(parent, t), k -> new ArrayList<>()).add(t);
    }
    List<Row> out = new ArrayList<>();
    int piece = 0;
    for (List<String> members : byRoot.values()) {
      String[] items = members.toArray(new String[0]);
      Arrays.sort(items);
      out.add(RowFactory.create(basketId + "#" + piece++, items));
    }
    return out.iterator();
  }

  private static String root(Map<String, String> parent, String t) {
    String r = t;
    parent.putIfAbsent(r, r);
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    parent.put(t, r);
    return r;
  }
}
