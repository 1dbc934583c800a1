package org.integrityrisk.alignment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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

/**
 * Officer-level evidence from who cleared the group, where the clearance system records
 * it ({@code officer_id}, {@code inspected}).
 *
 * <p>Pairing: an officer who clears a group far more often than their share of the port's
 * clearances at those hours predicts (the test that exposed inspectors steering
 * declarations to themselves). Each group event is a chance event: cleared by the officer
 * with probability equal to the officer's share of the port's recorded clearances in the
 * event's hour and the hours either side; the count of events they cleared is compared
 * with that Poisson-binomial distribution.
 *
 * <p>Inspection: under whom the group is inspected less often than under the other
 * officers who cleared it, by Fisher's exact test (one-sided) on the group's passages
 * (the {@code records_by_*} columns count passages: one event cleared by one officer).
 */
public final class ClearingEvidence {
  public static final StructType SCHEMA = new StructType()
      .add("group_id", DataTypes.StringType)
      .add("port_id", DataTypes.StringType)
      .add("officer_id", DataTypes.StringType)
      .add("cleared_events", DataTypes.IntegerType)
      .add("expected_cleared_events", DataTypes.DoubleType)
      .add("clearing_p_value", DataTypes.DoubleType)
      .add("clearing_smallest_p_value", DataTypes.DoubleType)
      .add("records_by_officer", DataTypes.IntegerType)
      .add("inspected_by_officer", DataTypes.IntegerType)
      .add("records_by_others", DataTypes.IntegerType)
      .add("inspected_by_others", DataTypes.IntegerType)
      .add("inspection_p_value", DataTypes.DoubleType)
      .add("inspection_smallest_p_value", DataTypes.DoubleType)
      .add("cleared_basket_ids", DataTypes.createArrayType(DataTypes.StringType));
  private static final long HOUR = 3600L;

  private ClearingEvidence() {}

  /** Whether the clearances record who cleared them: without it there is no evidence of this kind. */
  public static boolean available(Dataset<Row> crossings) {
    return !crossings.filter(col("officer_id").isNotNull()).limit(1).isEmpty();
  }

  public static boolean inspectionsRecorded(Dataset<Row> crossings) {
    return !crossings.filter(col("officer_id").isNotNull().and(col("inspected").isNotNull())).limit(1).isEmpty();
  }

  /**
   * @param events group events (group_id, basket_id, port_id, event_time, record_ids)
   * @param crossings the window's crossings (record_id, port_id, crossed_at, officer_id, inspected)
   */
  public static Dataset<Row> apply(Dataset<Row> events, Dataset<Row> crossings, boolean withInspections) {
    Column hour = floor(col("crossed_at").cast(DataTypes.LongType).divide(HOUR));
    Dataset<Row> cleared = crossings.filter(col("officer_id").isNotNull())
        .select(col("record_id"), col("port_id"), col("officer_id"), col("inspected"), hour.as("hour"));
    Dataset<Row> nearby = cleared.select(col("port_id"), col("officer_id"),
        explode(array(col("hour").minus(1), col("hour"), col("hour").plus(1))).as("hour"));
    Dataset<Row> shares = nearby.groupBy("port_id", "hour", "officer_id").agg(count(lit(1)).as("_by_officer"))
        .join(nearby.groupBy("port_id", "hour").agg(count(lit(1)).as("_all")), new String[] {"port_id", "hour"})
        .select(col("port_id"), col("hour"), col("officer_id"), col("_by_officer").divide(col("_all")).as("share"));

    Dataset<Row> groupRecords = events
        .select(col("group_id"), col("basket_id"), col("port_id").as("_event_port"), explode(col("record_ids")).as("record_id"))
        .join(cleared.drop("hour"), "record_id");
    Dataset<Row> clearedBy = groupRecords.select(col("group_id"), col("basket_id"), col("officer_id").as("_clearer"))
        .distinct();
    // Inspection is decided per passage, for everyone in the car at once: the records of one
    // event are one decision, so the inspection test counts events, not records.
    Dataset<Row> passages = groupRecords.groupBy("group_id", "basket_id", "port_id", "officer_id")
        .agg(org.apache.spark.sql.functions.max(coalesce(col("inspected"), lit(false))).as("inspected"));
    Dataset<Row> byOfficer = passages.groupBy("group_id", "port_id", "officer_id").agg(
        count(lit(1)).as("records_by_officer"),
        sum(when(col("inspected"), 1).otherwise(0)).as("inspected_by_officer"));
    Dataset<Row> byGroup = passages.groupBy("group_id", "port_id").agg(
        count(lit(1)).as("_records"), sum(when(col("inspected"), 1).otherwise(0)).as("_inspected"));

    Dataset<Row> eventChances = events
        .select(col("group_id").as("g"), col("basket_id").as("b"), col("port_id").as("p"),
            floor(col("event_time").cast(DataTypes.LongType).divide(HOUR)).as("h"))
        .join(shares, col("p").equalTo(shares.col("port_id")).and(col("h").equalTo(shares.col("hour"))))
        .select(col("g"), col("b"), col("p"), col("officer_id").as("o"), col("share"));
    Dataset<Row> flagged = eventChances
        .join(clearedBy, col("g").equalTo(clearedBy.col("group_id")).and(col("b").equalTo(clearedBy.col("basket_id")))
            .and(col("o").equalTo(clearedBy.col("_clearer"))), "left")
        .select(col("g"), col("b"), col("p"), col("o"), col("share"), clearedBy.col("_clearer").isNotNull().as("cleared"));
    Dataset<Row> withCounts = flagged
        .join(byOfficer, col("g").equalTo(byOfficer.col("group_id")).and(col("p").equalTo(byOfficer.col("port_id")))
            .and(col("o").equalTo(byOfficer.col("officer_id"))), "left")
        .join(byGroup, col("g").equalTo(byGroup.col("group_id")).and(col("p").equalTo(byGroup.col("port_id"))), "left")
        .select(col("g").as(Chance.GROUP), col("p").as(Chance.PORT), col("o").as(Chance.OFFICER),
            col("b").as(Chance.BASKET), col("share").as(Chance.SHARE), col("cleared").as(Chance.CLEARED),
            coalesce(col("records_by_officer"), lit(0L)).cast(DataTypes.IntegerType).as(Chance.RECORDS_BY_OFFICER),
            coalesce(col("inspected_by_officer"), lit(0L)).cast(DataTypes.IntegerType).as(Chance.INSPECTED_BY_OFFICER),
            coalesce(col("_records"), lit(0L)).cast(DataTypes.IntegerType).as(Chance.RECORDS_AT_PORT),
            coalesce(col("_inspected"), lit(0L)).cast(DataTypes.IntegerType).as(Chance.INSPECTED_AT_PORT));
    return withCounts
        .groupByKey((MapFunction<Row, String>) r -> Chance.from(r).testKey(), Encoders.STRING())
        .mapGroups((MapGroupsFunction<String, Row, Row>) (key, rows) -> test(rows, withInspections), Encoders.row(SCHEMA));
  }

  /**
   * One event of a group and one officer rostered at its port and hour, as the test reads
   * it: the officer's share of the clearances in that hour, whether the officer cleared a
   * member, and the records and inspections of the officer and of the port for the group.
   * Its columns are named here and read by name in {@link #from(Row)}.
   */
  private record Chance(String group, String port, String officer, String basket, double share, boolean cleared,
      int recordsByOfficer, int inspectedByOfficer, int recordsAtPort, int inspectedAtPort) {
    static final String GROUP = "group_id";
    static final String PORT = "port_id";
    static final String OFFICER = "officer_id";
    static final String BASKET = "basket_id";
    static final String SHARE = "share";
    static final String CLEARED = "cleared";
    static final String RECORDS_BY_OFFICER = "records_by_officer";
    static final String INSPECTED_BY_OFFICER = "inspected_by_officer";
    static final String RECORDS_AT_PORT = "records_at_port";
    static final String INSPECTED_AT_PORT = "inspected_at_port";

    static Chance from(Row r) {
      return new Chance(r.getAs(GROUP), r.getAs(PORT), r.getAs(OFFICER), r.getAs(BASKET), r.<Double>getAs(SHARE),
          r.<Boolean>getAs(CLEARED), r.<Integer>getAs(RECORDS_BY_OFFICER), r.<Integer>getAs(INSPECTED_BY_OFFICER),
          r.<Integer>getAs(RECORDS_AT_PORT), r.<Integer>getAs(INSPECTED_AT_PORT));
    }

    /** One test per group, port and officer. */
    String testKey() {
      return group + '\u0000' + port + '\u0000' + officer;
    }
  }

  private static Row test(Iterator<Row> rows, boolean withInspections) {
    CountDistribution chance = CountDistribution.zero();
    double smallest = 1.0;
    int observed = 0;
    List<Object> clearedBaskets = new ArrayList<>();
    Chance first = null;
    List<Chance> sorted = new ArrayList<>();
    rows.forEachRemaining(r -> sorted.add(Chance.from(r)));
    sorted.sort(java.util.Comparator.comparing(Chance::basket));
    for (Chance c : sorted) {
      first = first == null ? c : first;
      chance = chance.plus(CountDistribution.bernoulli(c.share()));
      smallest *= c.share();
      if (c.cleared()) {
        observed++;
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
    return RowFactory.create(first.group(), first.port(), first.officer(), observed, chance.mean(),
        chance.upperTail(observed), smallest, recordsByOfficer, inspectedByOfficer, recordsByOthers, inspectedByOthers,
        inspectionP, inspectionSmallest, SparkRows.seq(clearedBaskets));
  }

  private static int[][] table(int inspectedByOfficer, int byOfficer, int inspectedByOthers, int byOthers) {
    return new int[][] {{inspectedByOfficer, byOfficer - inspectedByOfficer}, {inspectedByOthers, byOthers - inspectedByOthers}};
  }
}
