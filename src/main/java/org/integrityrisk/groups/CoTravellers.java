package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.groups.SharedBaskets.A;
import static org.integrityrisk.groups.SharedBaskets.B;
import static org.integrityrisk.groups.SharedBaskets.TOGETHER;
import static org.integrityrisk.schema.Columns.BASKET_ID;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.DIRECTION;
import static org.integrityrisk.schema.Columns.LOCAL_DATE;
import static org.integrityrisk.schema.Columns.LOCAL_SECOND_OF_DAY;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.P_VALUE;
import static org.integrityrisk.schema.Columns.TRAVELLER_PSEUDONYM;
import static org.integrityrisk.schema.Columns.VEHICLE_ID;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.schema.RequiredColumns;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.StageParameters;

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
 * them and stay common for the commuters. A pair is kept when its meetings exceed that
 * expectation with a Poisson tail of at most {@code maxP}, or when its members rode in one
 * vehicle at least S times (a carpool is a group whatever its habits). One limit: when one
 * member crosses at that hour every day, the other's trips always meet theirs, and only a
 * shared vehicle can show that they travel together.
 *
 * <p>Baskets are then split, for mining only, into the connected pieces of the kept
 * pairs among their travellers: two carpools in the same 07:30 queue become two
 * transactions, so FP-growth finds each carpool and never their union.
 */
public final class CoTravellers implements Serializable {
  private static final String STAGE = "CoTravellers";
  /** The counted member's crossings the other member met within W. */
  public static final String MET = "crossings_met";
  /** The meetings the members' ports and times of day alone would give on random days. */
  public static final String EXPECTED = "expected_by_habit";
  /** The counted member's crossings made in one vehicle with the other. */
  public static final String SHARED_VEHICLE = "shared_vehicle_crossings";
  /** Whether the pair is mined as co-travellers. */
  public static final String KEPT = "kept";
  private static final StructType PAIR_SCHEMA = new StructType()
      .add(A, DataTypes.StringType)
      .add(B, DataTypes.StringType)
      .add(TOGETHER, DataTypes.LongType)
      .add(MET, DataTypes.IntegerType)
      .add(EXPECTED, DataTypes.DoubleType)
      .add(SHARED_VEHICLE, DataTypes.IntegerType)
      .add(P_VALUE, DataTypes.DoubleType)
      .add(KEPT, DataTypes.BooleanType);
  private static final String EDGES = "_edges";
  private static final String EDGE = "edge";
  private static final String TRAVELLER = "t";
  /** A candidate's crossings, each a {@link Crossing}. */
  private static final String CROSSINGS = "crossings";
  private static final String BASKET_B = "_basket_b";
  private static final String MEMBER_B = "_b";
  private static final String WEEKDAYS = "weekdays";
  private static final String WEEKEND_DAYS = "weekend_days";
  /** Joins a basket's id and the number of its piece. */
  private static final String PIECE_SEPARATOR = "#";
  private static final StructType TRANSACTION_SCHEMA = new StructType()
      .add(BASKET_ID, DataTypes.StringType)
      .add(CoTravelBaskets.ITEMS, DataTypes.createArrayType(DataTypes.StringType));

  private final Params params;

  /**
   * The pair test's settings, each checked against its configuration key's range.
   *
   * @param basketMinutes W ({@code basket-minutes}): crossings this close are a meeting
   * @param vehicleMinutes {@code vehicle-minutes}: one vehicle's clearances this close are one passage
   * @param minSupport S ({@code min-support}): shared-vehicle crossings that keep a pair whatever its habits
   * @param coTravelMaxP {@code co-travel-max-p}: the largest Poisson tail of a kept pair
   * @param keepWeekdayType {@code keep-weekday-type}: draw a crossing's day among days of its own
   *     type only (weekday or weekend)
   */
  public record Params(int basketMinutes, int vehicleMinutes, int minSupport, double coTravelMaxP,
      boolean keepWeekdayType) implements Serializable {
    public Params {
      Parameters.BASKET_MINUTES.require(STAGE, basketMinutes);
      Parameters.VEHICLE_MINUTES.require(STAGE, vehicleMinutes);
      Parameters.MIN_SUPPORT.require(STAGE, minSupport);
      Parameters.CO_TRAVEL_MAX_P.require(STAGE, coTravelMaxP);
    }

    /** The configuration's values. */
    public static Params of(PipelineConfig config) {
      return new Params(config.basketMinutes(), config.vehicleMinutes(), config.minSupport(), config.coTravelMaxP(),
          config.keepWeekdayType());
    }
  }

  public CoTravellers(Params params) {
    this.params = StageParameters.given(STAGE, "params", params);
  }

  /**
   * @param pairs {@link SharedBaskets#pairs}: the candidates
   * @param crossings the frequent travellers' crossings (traveller_pseudonym, port_id,
   *     direction, local_date, local_second_of_day, crossed_at, vehicle_id)
   * @param traffic every crossing of the window (port_id, local_date): the days each port was open
   * @return every candidate pair with its meetings, their expectation from the members'
   *     habits, the Poisson tail, shared-vehicle crossings and whether it is kept
   */
  public Dataset<Row> apply(Dataset<Row> pairs, Dataset<Row> crossings, Dataset<Row> traffic) {
    RequiredColumns.require(STAGE, "pairs", pairs, A, B, TOGETHER);
    RequiredColumns.require(STAGE, "crossings", crossings, Crossing.READS);
    RequiredColumns.require(STAGE, "traffic", traffic, PORT_ID, LOCAL_DATE);
    Dataset<Row> candidates = pairs.select(col(A).as(TRAVELLER)).union(pairs.select(col(B).as(TRAVELLER)))
        .distinct();
    Dataset<Row> profiles = crossings
        .join(candidates, col(TRAVELLER_PSEUDONYM).equalTo(col(TRAVELLER)), "left_semi")
        .groupBy(TRAVELLER_PSEUDONYM)
        .agg(collect_list(Crossing.column()).as(CROSSINGS));
    Dataset<Row> joined = pairs
        .join(profiles.select(col(TRAVELLER_PSEUDONYM).as(A), col(CROSSINGS).as(PairTest.CROSSINGS_A)), A)
        .join(profiles.select(col(TRAVELLER_PSEUDONYM).as(B), col(CROSSINGS).as(PairTest.CROSSINGS_B)), B)
        .select(col(A), col(B), col(TOGETHER).cast(DataTypes.LongType),
            col(PairTest.CROSSINGS_A), col(PairTest.CROSSINGS_B));
    PairTest test = new PairTest(params.basketMinutes() * 60, params.vehicleMinutes() * 60, params.minSupport(),
        params.coTravelMaxP(), params.keepWeekdayType(), portDays(traffic));
    return joined.map((MapFunction<Row, Row>) test::apply, Encoders.row(PAIR_SCHEMA));
  }

  private static Column isWeekend(Column localDate) {
    return dayofweek(localDate).isin(1, 7);
  }

  /**
   * The days each port had traffic, weekdays and weekend days apart: the days the null
   * model draws from. A port that was closed, or whose feed was missing, for part of the
   * window packs everyone's crossings onto fewer days, and counting the window's calendar
   * days instead would make every pair of its regulars look like co-travellers.
   * One row per port reaches the driver.
   */
  private static Map<String, int[]> portDays(Dataset<Row> traffic) {
    Map<String, int[]> days = new TreeMap<>();
    for (Row r : traffic.select(col(PORT_ID), col(LOCAL_DATE)).distinct()
        .groupBy(PORT_ID)
        .agg(count(when(not(isWeekend(col(LOCAL_DATE))), lit(1))).as(WEEKDAYS),
            count(when(isWeekend(col(LOCAL_DATE)), lit(1))).as(WEEKEND_DAYS))
        .collectAsList()) {
      days.put(r.getAs(PORT_ID), new int[] {(int) (long) r.<Long>getAs(WEEKDAYS), (int) (long) r.<Long>getAs(WEEKEND_DAYS)});
    }
    return days;
  }

  /**
   * The test of one pair. Only the crossings of the member who crosses less are counted,
   * each at most once: did the other cross within W of it (observed), and how likely is
   * that if the other's crossings kept their port, direction and time of day but fell on
   * days drawn at random among the port's days of the same type (expected). Counting
   * pairs of crossings instead would let two travellers who cross k times on one day
   * score k squared meetings. Times of day are compared around the clock, so 23:58 and
   * 00:01 are three minutes apart. Crossings are sorted first, so the sum is the same on
   * every run.
   */
  private record PairTest(int basketSeconds, int vehicleSeconds, int minSupport, double maxP,
      boolean keepWeekdayType, Map<String, int[]> portDays) implements Serializable {
    static final String CROSSINGS_A = "_crossings_a";
    static final String CROSSINGS_B = "_crossings_b";
    private static final int SECONDS_PER_DAY = 86_400;
    private static final Comparator<Crossing> ORDER = Comparator.comparingLong(Crossing::epoch)
        .thenComparing(Crossing::port).thenComparing(Crossing::direction);

    Row apply(Row r) {
      List<Crossing> as = sorted(r.getList(r.fieldIndex(CROSSINGS_A)));
      List<Crossing> bs = sorted(r.getList(r.fieldIndex(CROSSINGS_B)));
      List<Crossing> counted = bs.size() < as.size() ? bs : as;
      List<Crossing> other = counted == as ? bs : as;
      int met = 0;
      int sharedVehicle = 0;
      double expected = 0.0;
      for (Crossing x : counted) {
        boolean partner = false;
        boolean vehicle = false;
        int closeSameType = 0;
        int closeAnyType = 0;
        for (Crossing y : other) {
          if (!x.port().equals(y.port()) || !x.direction().equals(y.direction())) {
            continue;
          }
          long apart = Math.abs(x.epoch() - y.epoch());
          partner |= apart <= basketSeconds;
          vehicle |= apart <= vehicleSeconds && x.vehicle() != null && x.vehicle().equals(y.vehicle());
          int gap = Math.abs(x.second() - y.second());
          if (Math.min(gap, SECONDS_PER_DAY - gap) <= basketSeconds) {
            closeAnyType++;
            if (x.weekend() == y.weekend()) {
              closeSameType++;
            }
          }
        }
        met += partner ? 1 : 0;
        sharedVehicle += vehicle ? 1 : 0;
        int[] days = portDays.getOrDefault(x.port(), new int[] {1, 1});
        int drawnFrom = keepWeekdayType ? days[x.weekend() ? 1 : 0] : days[0] + days[1];
        int close = keepWeekdayType ? closeSameType : closeAnyType;
        expected += Math.min(1.0, (double) close / Math.max(1, drawnFrom));
      }
      double p = met == 0 ? 1.0 : expected <= 0.0 ? 0.0
          : PoissonDistribution.of(expected).survivalProbability(met - 1);
      boolean kept = sharedVehicle >= minSupport || p <= maxP;
      return RowFactory.create(r.<String>getAs(A), r.<String>getAs(B), r.<Long>getAs(TOGETHER), met, expected,
          sharedVehicle, p, kept);
    }

    private static List<Crossing> sorted(List<Row> crossings) {
      List<Crossing> copy = new ArrayList<>(crossings.size());
      crossings.forEach(c -> copy.add(Crossing.from(c)));
      copy.sort(ORDER);
      return copy;
    }
  }

  /**
   * One crossing of a candidate as the pair test reads it: built by {@link #column()} from
   * a crossing row, read back by name in {@link #from(Row)}.
   */
  private record Crossing(String port, String direction, boolean weekend, int second, long epoch, String vehicle) {
    /** The crossing columns the pair test reads: the traveller they are grouped by and what {@link #column()} takes. */
    static final String[] READS = {TRAVELLER_PSEUDONYM, PORT_ID, DIRECTION, LOCAL_DATE, LOCAL_SECOND_OF_DAY,
        CROSSED_AT, VEHICLE_ID};
    // Fields of the struct; port, direction and vehicle keep their column's name.
    static final String WEEKEND = "weekend";
    static final String SECOND = "second";
    static final String EPOCH = "epoch";

    static Column column() {
      return struct(col(PORT_ID).as(PORT_ID), col(DIRECTION).as(DIRECTION), isWeekend(col(LOCAL_DATE)).as(WEEKEND),
          col(LOCAL_SECOND_OF_DAY).as(SECOND), col(CROSSED_AT).cast(DataTypes.LongType).as(EPOCH),
          col(VEHICLE_ID).as(VEHICLE_ID));
    }

    static Crossing from(Row r) {
      return new Crossing(r.getAs(PORT_ID), r.getAs(DIRECTION), r.<Boolean>getAs(WEEKEND), r.<Integer>getAs(SECOND),
          r.<Long>getAs(EPOCH), r.getAs(VEHICLE_ID));
    }
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
    RequiredColumns.require(STAGE, "baskets", baskets, BASKET_ID, CoTravelBaskets.ITEMS);
    RequiredColumns.require(STAGE, "tested pairs", tested, A, B, KEPT);
    Dataset<Row> kept = tested.filter(col(KEPT)).select(A, B);
    Dataset<Row> memberships = baskets.select(col(BASKET_ID), explode(col(CoTravelBaskets.ITEMS)).as(TRAVELLER));
    Dataset<Row> inA = memberships.select(col(BASKET_ID), col(TRAVELLER).as(A));
    Dataset<Row> inB = memberships.select(col(BASKET_ID).as(BASKET_B), col(TRAVELLER).as(MEMBER_B));
    Dataset<Row> edges = inA.join(kept, A)
        .join(inB, col(BASKET_B).equalTo(col(BASKET_ID)).and(col(MEMBER_B).equalTo(col(B))))
        .select(col(BASKET_ID), struct(col(A), col(B)).as(EDGE));
    return edges.groupBy(BASKET_ID).agg(collect_list(EDGE).as(EDGES))
        .flatMap((FlatMapFunction<Row, Row>) CoTravellers::pieces, Encoders.row(TRANSACTION_SCHEMA));
  }

  /** Connected pieces of one basket's kept pairs, by union-find; each piece sorted. */
  private static java.util.Iterator<Row> pieces(Row basket) {
    String basketId = basket.getAs(BASKET_ID);
    Map<String, String> parent = new TreeMap<>();
    for (Row edge : basket.<Row>getList(basket.fieldIndex(EDGES))) {
      String a = root(parent, edge.getAs(A));
      String b = root(parent, edge.getAs(B));
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
      out.add(RowFactory.create(basketId + PIECE_SEPARATOR + piece++, items));
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
