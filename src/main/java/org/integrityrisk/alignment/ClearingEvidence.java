package org.integrityrisk.alignment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.*;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.schema.RequiredColumns;

/**
 * Officer-level evidence from who cleared the group, where the clearance system records
 * it ({@code officer_id}, {@code inspected}).
 *
 * <p>Pairing: an officer who clears a group far more often than their share of the port's
 * clearances at those times predicts (the test that exposed inspectors steering
 * declarations to themselves). The unit is the clearance, not the event: at one event of
 * the group, a vehicle whose members were all cleared by one officer is one clearance (the
 * officer at that booth waved the car through), each traveller on foot is one, and each
 * member of a vehicle cleared at several desks (a bus whose riders queue at whichever desk
 * is free) is one. Each clearance is the officer's with chance s, their share of the port's
 * recorded clearances in the {@value #WINDOW_SLOTS} ten-minute slots centred on the event's
 * (70 minutes): wide enough to hold dozens of clearances at a busy port, narrow enough that
 * a shift change an hour away does not water down the share of the officers at the desks
 * (over three hours, an officer whose shift began or ended inside the window had their share
 * diluted by the hours they were away, and a carpool crossing every morning just before the
 * change would have looked steered to them). The group's own clearances are counted in it,
 * which errs towards a larger share for whoever cleared them: at a quiet hour a group can
 * never look like more than its own clearances allow. Counting the event as the officer's
 * when any member was theirs, with chance s, was wrong: of m members cleared
 * separately the officer is among the clearers with chance near 1-(1-s)^m, and honest
 * officers at busy desks were flagged for it.
 *
 * <p>The statistic is the number of the group's clearances the officer made, over its
 * events; events are independent of each other, so their parts are convolved and the
 * p-value is the upper tail at the observed count. Within an event the clearances are not
 * simply taken as independent: a crew on foot that walks up to one desk together is all the
 * officer's or none of it, and ten such clearances are one draw, not ten. Each event's part
 * ({@link EventClearances}) mixes "all at one desk" with independent desks, with the weight
 * the group's own habit gives: at each of its events of two or more clearances, the share of
 * their pairs cleared at one desk, beyond what independent desks at those shares give. The
 * habit is read from the group's events the tested officer had no part in (a colluder who
 * waves the whole ring through would otherwise make it look like a crew), starting from the
 * port's habit over all groups as one event's worth; a ring its colluder clears every time
 * leaves no such events and is judged by the port's habit (at free booths: people on foot
 * who arrive together meet different officers). What this cannot tell from collusion: a
 * group whose members stand together only when one particular officer is at the desk.
 *
 * <p>Inspection: under whom the group is inspected less often than under the other
 * officers who cleared it, by Fisher's exact test (one-sided) on the group's passages
 * (the {@code records_by_*} columns count passages: one event cleared by one officer).
 */
public final class ClearingEvidence {
  private static final String STAGE = "ClearingEvidence";
  private static final long SECONDS_PER_SLOT = 600L;
  /** The slots of the window an officer's share is taken over, centred on the event's: an odd number. */
  static final int WINDOW_SLOTS = 7;

  // The columns of SCHEMA beyond the keys and p-values (cleared_events, expected_cleared_events,
  // records_by_officer, ...) are declared in Columns: CombinedEvidence reads them to carry the
  // figures of the signal that carried a test.

  // Working columns: a clearance's ten-minute slot (since the epoch), an officer's share of
  // the clearances at a port in the window around a slot and the two counts it is made of,
  // the clearances of an event (all, and the officer's) and what names one, the officers who
  // cleared one vehicle at an event, and a group's passages and inspections at the port.
  private static final String SLOT = "slot";
  private static final String IN_SLOT = "_in_slot";
  private static final String SHARE = "share";
  private static final String BY_OFFICER = "_by_officer";
  private static final String ALL = "_all";
  private static final String CLEARANCES = "clearances";
  private static final String CLEARED = "cleared";
  private static final String CLEARANCE_KEY = "_clearance";
  private static final String VEHICLE_OFFICERS = "_vehicle_officers";
  private static final String CLEARER = "_clearer";
  private static final String EVENT_PORT = "_event_port";
  private static final String PORT_RECORDS = "_records";
  private static final String PORT_INSPECTED = "_inspected";
  private static final String INDEPENDENT_PAIRS = "_independent_pairs";
  private static final String SAME_DESK_PAIRS = "_same_desk_pairs";
  private static final String TOGETHER = "_together";
  private static final String PORT_TOGETHER = "_port_together";
  /**
   * How many events' worth of the port's habit a group's own estimate of how its members
   * hang together starts from, and how many certainly-together events the port's starts
   * from (so a port with few groups of several clearances is taken as going together).
   */
  private static final double GROUP_PRIOR_EVENTS = 1;
  private static final double PORT_PRIOR_EVENTS = 5;
  /** Sums of doubles are rounded here so that the order Spark adds them in cannot change a p-value. */
  private static final int DIGITS = 9;
  // An event's group, basket, port and slot, and an officer at that port and slot, renamed
  // so the joins below keep one of each.
  private static final String E_GROUP = "g";
  private static final String E_BASKET = "b";
  private static final String E_PORT = "p";
  private static final String E_SLOT = "t";
  private static final String E_OFFICER = "o";

  public static final StructType SCHEMA = new StructType()
      .add(GROUP_ID, DataTypes.StringType)
      .add(PORT_ID, DataTypes.StringType)
      .add(OFFICER_ID, DataTypes.StringType)
      .add(CLEARED_EVENTS, DataTypes.IntegerType)
      .add(EXPECTED_CLEARED_EVENTS, DataTypes.DoubleType)
      .add(CLEARING_P_VALUE, DataTypes.DoubleType)
      .add(CLEARING_SMALLEST_P_VALUE, DataTypes.DoubleType)
      .add(RECORDS_BY_OFFICER, DataTypes.IntegerType)
      .add(INSPECTED_BY_OFFICER, DataTypes.IntegerType)
      .add(RECORDS_BY_OTHERS, DataTypes.IntegerType)
      .add(INSPECTED_BY_OTHERS, DataTypes.IntegerType)
      .add(INSPECTION_P_VALUE, DataTypes.DoubleType)
      .add(INSPECTION_SMALLEST_P_VALUE, DataTypes.DoubleType)
      .add(CLEARED_BASKET_IDS, DataTypes.createArrayType(DataTypes.StringType));

  private ClearingEvidence() {}

  /** Whether the clearances record who cleared them: without it there is no evidence of this kind. */
  public static boolean available(Dataset<Row> crossings) {
    RequiredColumns.require(STAGE, "crossings", crossings, OFFICER_ID);
    return !crossings.filter(col(OFFICER_ID).isNotNull()).limit(1).isEmpty();
  }

  public static boolean inspectionsRecorded(Dataset<Row> crossings) {
    RequiredColumns.require(STAGE, "crossings", crossings, OFFICER_ID, INSPECTED);
    return !crossings.filter(col(OFFICER_ID).isNotNull().and(col(INSPECTED).isNotNull())).limit(1).isEmpty();
  }

  /**
   * @param events group events (group_id, basket_id, port_id, event_time, record_ids)
   * @param crossings the window's crossings (record_id, port_id, crossed_at, vehicle_id, officer_id, inspected)
   */
  public static Dataset<Row> apply(Dataset<Row> events, Dataset<Row> crossings, boolean withInspections) {
    RequiredColumns.require(STAGE, "events", events, GROUP_ID, BASKET_ID, PORT_ID, EVENT_TIME, RECORD_IDS);
    RequiredColumns.require(STAGE, "crossings", crossings, RECORD_ID, PORT_ID, CROSSED_AT, VEHICLE_ID, OFFICER_ID,
        INSPECTED);
    Column slot = floor(col(CROSSED_AT).cast(DataTypes.LongType).divide(SECONDS_PER_SLOT));
    Dataset<Row> cleared = crossings.filter(col(OFFICER_ID).isNotNull())
        .select(col(RECORD_ID), col(PORT_ID), col(VEHICLE_ID), col(OFFICER_ID), col(INSPECTED), slot.as(SLOT));
    // Counted per slot first, then spread over the windows each slot falls in: the spread is
    // over officers' slots, not over clearances, so it does not grow with the traffic.
    Column[] offsets = new Column[WINDOW_SLOTS];
    for (int i = 0; i < WINDOW_SLOTS; i++) {
      offsets[i] = col(SLOT).plus(i - WINDOW_SLOTS / 2);
    }
    Dataset<Row> nearby = cleared.groupBy(PORT_ID, OFFICER_ID, SLOT).agg(count(lit(1)).as(IN_SLOT))
        .select(col(PORT_ID), col(OFFICER_ID), col(IN_SLOT), explode(array(offsets)).as(SLOT));
    Dataset<Row> shares = nearby.groupBy(PORT_ID, SLOT, OFFICER_ID).agg(sum(col(IN_SLOT)).as(BY_OFFICER))
        .join(nearby.groupBy(PORT_ID, SLOT).agg(sum(col(IN_SLOT)).as(ALL)), new String[] {PORT_ID, SLOT})
        .select(col(PORT_ID), col(SLOT), col(OFFICER_ID), col(BY_OFFICER).divide(col(ALL)).as(SHARE));

    Dataset<Row> groupRecords = events
        .select(col(GROUP_ID), col(BASKET_ID), col(PORT_ID).as(EVENT_PORT), explode(col(RECORD_IDS)).as(RECORD_ID))
        .join(cleared.drop(SLOT), RECORD_ID);
    // The clearances of each event, named so that counting distinct names counts them: a
    // vehicle one officer cleared whole is named by its plate, everyone else by their record.
    Dataset<Row> vehicleOfficers = groupRecords.filter(col(VEHICLE_ID).isNotNull())
        .groupBy(GROUP_ID, BASKET_ID, VEHICLE_ID).agg(countDistinct(col(OFFICER_ID)).as(VEHICLE_OFFICERS));
    Column clearanceKey = when(col(VEHICLE_OFFICERS).equalTo(1), concat(lit("vehicle:"), col(VEHICLE_ID)))
        .otherwise(concat(lit("record:"), col(RECORD_ID)));
    Dataset<Row> clearances = groupRecords
        .join(vehicleOfficers, new String[] {GROUP_ID, BASKET_ID, VEHICLE_ID}, "left")
        .select(col(GROUP_ID), col(BASKET_ID), col(OFFICER_ID), clearanceKey.as(CLEARANCE_KEY));
    Dataset<Row> clearedBy = clearances.groupBy(GROUP_ID, BASKET_ID, OFFICER_ID)
        .agg(countDistinct(col(CLEARANCE_KEY)).as(CLEARED))
        .select(col(GROUP_ID), col(BASKET_ID), col(OFFICER_ID).as(CLEARER), col(CLEARED));
    Dataset<Row> eventClearances = clearances.groupBy(GROUP_ID, BASKET_ID)
        .agg(countDistinct(col(CLEARANCE_KEY)).as(CLEARANCES));
    // Inspection is decided per passage, for everyone in the car at once: the records of one
    // event are one decision, so the inspection test counts events, not records.
    Dataset<Row> passages = groupRecords.groupBy(GROUP_ID, BASKET_ID, PORT_ID, OFFICER_ID)
        .agg(org.apache.spark.sql.functions.max(coalesce(col(INSPECTED), lit(false))).as(INSPECTED));
    Dataset<Row> byOfficer = passages.groupBy(GROUP_ID, PORT_ID, OFFICER_ID).agg(
        count(lit(1)).as(RECORDS_BY_OFFICER),
        sum(when(col(INSPECTED), 1).otherwise(0)).as(INSPECTED_BY_OFFICER));
    Dataset<Row> byGroup = passages.groupBy(GROUP_ID, PORT_ID).agg(
        count(lit(1)).as(PORT_RECORDS), sum(when(col(INSPECTED), 1).otherwise(0)).as(PORT_INSPECTED));

    // Only events with a recorded clearance: one whose clearing officers went unrecorded
    // gives no officer a chance to be seen clearing it.
    Dataset<Row> eventChances = events
        .select(col(GROUP_ID).as(E_GROUP), col(BASKET_ID).as(E_BASKET), col(PORT_ID).as(E_PORT),
            floor(col(EVENT_TIME).cast(DataTypes.LongType).divide(SECONDS_PER_SLOT)).as(E_SLOT))
        .join(eventClearances, col(E_GROUP).equalTo(eventClearances.col(GROUP_ID))
            .and(col(E_BASKET).equalTo(eventClearances.col(BASKET_ID))))
        .select(col(E_GROUP), col(E_BASKET), col(E_PORT), col(E_SLOT), col(CLEARANCES))
        .join(shares, col(E_PORT).equalTo(shares.col(PORT_ID)).and(col(E_SLOT).equalTo(shares.col(SLOT))))
        .select(col(E_GROUP), col(E_BASKET), col(E_PORT), col(OFFICER_ID).as(E_OFFICER), col(SHARE), col(CLEARANCES));
    Dataset<Row> flagged = eventChances
        .join(clearedBy, col(E_GROUP).equalTo(clearedBy.col(GROUP_ID))
            .and(col(E_BASKET).equalTo(clearedBy.col(BASKET_ID))).and(col(E_OFFICER).equalTo(clearedBy.col(CLEARER))),
            "left")
        .select(col(E_GROUP), col(E_BASKET), col(E_PORT), col(E_OFFICER), col(SHARE), col(CLEARANCES),
            coalesce(clearedBy.col(CLEARED), lit(0L)).as(CLEARED));
    // How the group's clearances hang together at each event of two or more: the share of
    // their pairs that went to one desk, beyond the share independent desks give (the sum of
    // the squared shares), as a fraction of what is left: 0 for independent desks, 1 for all
    // at one desk, below 0 for free booths. It is the mixing weight of EventClearances' part
    // that gives the event's pairs this sharing.
    // Every row of an event carries its clearances, so they are part of the event's key.
    Dataset<Row> shapes = flagged.groupBy(E_GROUP, E_BASKET, E_PORT, CLEARANCES).agg(
            round(sum(col(SHARE).multiply(col(SHARE))), DIGITS).as(INDEPENDENT_PAIRS),
            sum(pairsOf(col(CLEARED))).as(SAME_DESK_PAIRS))
        .filter(col(CLEARANCES).geq(2).and(col(INDEPENDENT_PAIRS).lt(1)))
        .select(col(E_GROUP), col(E_BASKET), col(E_PORT),
            round(col(SAME_DESK_PAIRS).divide(pairsOf(col(CLEARANCES))).minus(col(INDEPENDENT_PAIRS))
                .divide(lit(1).minus(col(INDEPENDENT_PAIRS))), DIGITS).as(TOGETHER));
    Dataset<Row> portHabits = shapes.groupBy(E_PORT).agg(round(sum(col(TOGETHER)).plus(PORT_PRIOR_EVENTS)
        .divide(count(lit(1)).plus(PORT_PRIOR_EVENTS)), DIGITS).as(PORT_TOGETHER));
    Dataset<Row> withShapes = flagged
        .join(shapes.drop(E_PORT), new String[] {E_GROUP, E_BASKET}, "left")
        .join(portHabits, new String[] {E_PORT}, "left");
    Dataset<Row> withCounts = withShapes
        .join(byOfficer, col(E_GROUP).equalTo(byOfficer.col(GROUP_ID))
            .and(col(E_PORT).equalTo(byOfficer.col(PORT_ID))).and(col(E_OFFICER).equalTo(byOfficer.col(OFFICER_ID))),
            "left")
        .join(byGroup, col(E_GROUP).equalTo(byGroup.col(GROUP_ID)).and(col(E_PORT).equalTo(byGroup.col(PORT_ID))),
            "left")
        .select(col(E_GROUP).as(GROUP_ID), col(E_PORT).as(PORT_ID), col(E_OFFICER).as(OFFICER_ID),
            col(E_BASKET).as(BASKET_ID), col(SHARE), col(CLEARANCES).cast(DataTypes.IntegerType).as(CLEARANCES),
            col(CLEARED).cast(DataTypes.IntegerType).as(CLEARED),
            coalesce(col(RECORDS_BY_OFFICER), lit(0L)).cast(DataTypes.IntegerType).as(RECORDS_BY_OFFICER),
            coalesce(col(INSPECTED_BY_OFFICER), lit(0L)).cast(DataTypes.IntegerType).as(INSPECTED_BY_OFFICER),
            coalesce(col(PORT_RECORDS), lit(0L)).cast(DataTypes.IntegerType).as(Chance.RECORDS_AT_PORT),
            coalesce(col(PORT_INSPECTED), lit(0L)).cast(DataTypes.IntegerType).as(Chance.INSPECTED_AT_PORT),
            col(TOGETHER).as(Chance.TOGETHER), coalesce(col(PORT_TOGETHER), lit(1.0)).as(Chance.PORT_TOGETHER));
    return withCounts
        .groupByKey((MapFunction<Row, String>) r -> Chance.from(r).testKey(), Encoders.STRING())
        .mapGroups((MapGroupsFunction<String, Row, Row>) (key, rows) -> test(rows, withInspections), Encoders.row(SCHEMA));
  }

  /**
   * One event of a group and one officer who cleared at its port around its time, as the test
   * reads it: the officer's share of the clearances in the window, the group's clearances at the
   * event and how many of them were the officer's, and the records and inspections of the
   * officer and of the port for the group.
   * The select in {@link #apply} names its columns (the per-port counts below, the rest at
   * the top of the class) and {@link #from(Row)} reads them back by name.
   */
  private record Chance(String group, String port, String officer, String basket, double share, int clearances,
      int cleared, int recordsByOfficer, int inspectedByOfficer, int recordsAtPort, int inspectedAtPort,
      Double together, double portTogether) {
    static final String RECORDS_AT_PORT = "records_at_port";
    static final String INSPECTED_AT_PORT = "inspected_at_port";
    static final String TOGETHER = "together";
    static final String PORT_TOGETHER = "port_together";

    static Chance from(Row r) {
      return new Chance(r.getAs(GROUP_ID), r.getAs(PORT_ID), r.getAs(OFFICER_ID), r.getAs(BASKET_ID),
          r.<Double>getAs(SHARE), r.<Integer>getAs(CLEARANCES), r.<Integer>getAs(CLEARED),
          r.<Integer>getAs(RECORDS_BY_OFFICER),
          r.<Integer>getAs(INSPECTED_BY_OFFICER), r.<Integer>getAs(RECORDS_AT_PORT), r.<Integer>getAs(INSPECTED_AT_PORT),
          r.<Double>getAs(TOGETHER), r.<Double>getAs(PORT_TOGETHER));
    }

    /** An event of two or more clearances the officer had no part in: it shows the group's habit. */
    boolean showsTheGroupsHabit() {
      return together != null && cleared == 0;
    }

    /** One test per group, port and officer. */
    String testKey() {
      return group + '\u0000' + port + '\u0000' + officer;
    }
  }

  private static Row test(Iterator<Row> rows, boolean withInspections) {
    CountDistribution chance = CountDistribution.zero();
    double expected = 0;
    double smallest = 1.0;
    int observed = 0;
    List<Object> clearedBaskets = new ArrayList<>();
    Chance first = null;
    List<Chance> sorted = new ArrayList<>();
    rows.forEachRemaining(r -> sorted.add(Chance.from(r)));
    sorted.sort(java.util.Comparator.comparing(Chance::basket));
    double together = together(sorted);
    for (Chance c : sorted) {
      first = first == null ? c : first;
      chance = chance.plus(EventClearances.officersCount(c.clearances(), c.share(), together));
      expected += c.clearances() * c.share();
      smallest *= EventClearances.allTheOfficers(c.clearances(), c.share(), together);
      if (c.cleared() > 0) {
        observed += c.cleared();
        clearedBaskets.add(c.basket());
      }
    }
    int recordsByOfficer = first.recordsByOfficer();
    int inspectedByOfficer = first.inspectedByOfficer();
    int recordsByOthers = first.recordsAtPort() - recordsByOfficer;
    int inspectedByOthers = first.inspectedAtPort() - inspectedByOfficer;
    Double inspectionP = null;
    Double inspectionSmallest = null;
    if (withInspections && recordsByOfficer > 0 && recordsByOthers > 0) {
      FisherExactTest fisher = FisherExactTest.withDefaults().with(AlternativeHypothesis.LESS_THAN);
      inspectionP = fisher.test(table(inspectedByOfficer, recordsByOfficer, inspectedByOthers, recordsByOthers)).getPValue();
      // The fewest inspections the officer could have made with these margins.
      int inspected = inspectedByOfficer + inspectedByOthers;
      int fewest = Math.max(0, inspected - recordsByOthers);
      inspectionSmallest = fisher.test(table(fewest, recordsByOfficer, inspected - fewest, recordsByOthers)).getPValue();
    }
    return RowFactory.create(first.group(), first.port(), first.officer(), observed, expected,
        chance.upperTail(observed), smallest, recordsByOfficer, inspectedByOfficer, recordsByOthers, inspectedByOthers,
        inspectionP, inspectionSmallest, SparkRows.seq(clearedBaskets));
  }

  /**
   * How often the group's clearances go to one desk together, from its own events the officer
   * had no part in, starting from the port's habit as one event's worth. Those events, not all
   * of them: a ring waved through by its colluder goes to one desk because of him, and taking
   * that as the ring's habit would explain the collusion away. Under the null they are a fair
   * sample (slightly biased towards going together, since an event cleared at one desk misses
   * a given officer more often than one spread over several), and a crew that always walks up
   * together shows it there. Clipped to [0, 1]: free booths are safe with independent parts.
   */
  private static double together(List<Chance> events) {
    double sum = 0;
    int seen = 0;
    for (Chance c : events) {
      if (c.showsTheGroupsHabit()) {
        sum += c.together();
        seen++;
      }
    }
    double portHabit = events.get(0).portTogether();
    return Math.max(0, Math.min(1, (sum + GROUP_PRIOR_EVENTS * portHabit) / (seen + GROUP_PRIOR_EVENTS)));
  }

  /** The pairs among n clearances. */
  private static Column pairsOf(Column n) {
    return n.multiply(n.minus(1)).divide(2);
  }

  private static int[][] table(int inspectedByOfficer, int byOfficer, int inspectedByOthers, int byOthers) {
    return new int[][] {{inspectedByOfficer, byOfficer - inspectedByOfficer}, {inspectedByOthers, byOthers - inspectedByOthers}};
  }
}
