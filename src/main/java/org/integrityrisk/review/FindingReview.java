package org.integrityrisk.review;

import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.DECISION;
import static org.integrityrisk.schema.Columns.DECISION_DATE;
import static org.integrityrisk.schema.Columns.DECISION_NOTE;
import static org.integrityrisk.schema.Columns.DIVISION_ID;
import static org.integrityrisk.schema.Columns.EVIDENCE_AT_DECISION;
import static org.integrityrisk.schema.Columns.EVIDENCE_EVENTS;
import static org.integrityrisk.schema.Columns.EVIDENCE_GREW;
import static org.integrityrisk.schema.Columns.FINDING_ID;
import static org.integrityrisk.schema.Columns.FIRST_SEEN;
import static org.integrityrisk.schema.Columns.GROUPS;
import static org.integrityrisk.schema.Columns.GROUPS_AT_DECISION;
import static org.integrityrisk.schema.Columns.KIND;
import static org.integrityrisk.schema.Columns.LAST_EVENT_AT;
import static org.integrityrisk.schema.Columns.LAST_SEEN;
import static org.integrityrisk.schema.Columns.NOTE;
import static org.integrityrisk.schema.Columns.OFFICER_ID;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.RAISED;
import static org.integrityrisk.schema.Columns.RECEIVED_RUN_DATE;
import static org.integrityrisk.schema.Columns.REVIEW_STATUS;
import static org.integrityrisk.schema.Columns.RUNS_SEEN;
import static org.integrityrisk.schema.Columns.SOURCE;
import static org.integrityrisk.schema.Columns.SOURCE_ROW;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Carries every finding's history and the investigators' latest decision on it from one
 * run to the next.
 *
 * <p>A finding is first seen on the first run that flagged it and last seen on the latest.
 * A decision applies from its date on. A dismissed finding is not raised again unless its
 * evidence grew: an aligned crossing after the decision date (which the investigator
 * cannot have seen), more aligned events than when the decision was taken (records that
 * arrived late), or a group that was not part of it then. "When the decision was taken"
 * is the evidence the finding had on the last run before the decision reached the
 * pipeline, which is what the investigator saw; a decision on a finding the pipeline has
 * not seen yet takes the evidence of the run that first reads it. A count alone would not
 * do: in a sliding window, a pattern that goes on replaces old crossings by new ones at
 * the same count.
 */
public final class FindingReview {
  public static final String NEW = "new";
  public static final String SEEN_BEFORE = "seen_before";
  public static final String DISMISSED_NOT_RERAISED = "dismissed_not_reraised";
  public static final String RERAISED_EVIDENCE_GREW = "reraised_evidence_grew";
  public static final String NOT_FLAGGED_THIS_RUN = "not_flagged_this_run";


  /** One row per officer or division finding and per group, as this run found it. */
  public static final StructType ENTRY_SCHEMA = new StructType()
      .add(FINDING_ID, DataTypes.StringType)
      .add(KIND, DataTypes.StringType)
      .add(OFFICER_ID, DataTypes.StringType)
      .add(DIVISION_ID, DataTypes.StringType)
      .add(PORT_ID, DataTypes.StringType)
      .add(EVIDENCE_EVENTS, DataTypes.IntegerType)
      .add(GROUPS, DataTypes.createArrayType(DataTypes.StringType))
      .add(LAST_EVENT_AT, DataTypes.TimestampType);

  /** Everything ever found, up to and including a run; each run writes it, the next reads it. */
  public static final StructType HISTORY_SCHEMA = new StructType()
      .add(FINDING_ID, DataTypes.StringType)
      .add(KIND, DataTypes.StringType)
      .add(OFFICER_ID, DataTypes.StringType)
      .add(DIVISION_ID, DataTypes.StringType)
      .add(PORT_ID, DataTypes.StringType)
      .add(FIRST_SEEN, DataTypes.DateType)
      .add(LAST_SEEN, DataTypes.DateType)
      .add(RUNS_SEEN, DataTypes.IntegerType)
      .add(EVIDENCE_EVENTS, DataTypes.IntegerType)
      .add(GROUPS, DataTypes.createArrayType(DataTypes.StringType))
      .add(LAST_EVENT_AT, DataTypes.TimestampType)
      .add(DECISION, DataTypes.StringType)
      .add(DECISION_DATE, DataTypes.DateType)
      .add(DECISION_NOTE, DataTypes.StringType)
      .add(EVIDENCE_AT_DECISION, DataTypes.IntegerType)
      .add(GROUPS_AT_DECISION, DataTypes.createArrayType(DataTypes.StringType));

  /** Every decision received, with where and when it was received. */
  public static final StructType DECISION_SCHEMA = new StructType()
      .add(FINDING_ID, DataTypes.StringType)
      .add(DECISION, DataTypes.StringType)
      .add(DECISION_DATE, DataTypes.DateType)
      .add(NOTE, DataTypes.StringType)
      .add(SOURCE, DataTypes.StringType)
      .add(SOURCE_ROW, DataTypes.IntegerType)
      .add(RECEIVED_RUN_DATE, DataTypes.DateType);

  /** The prefix of the earlier history's columns while it is joined to this run's entries. */
  private static final String PREVIOUS = "h_";
  /** The prefix of the latest decision's columns while it is joined to the entries. */
  private static final String DECIDED = "d_";
  private static final String PRESENT = "present";
  private static final String WAS_SEEN_BEFORE = "seen_before";
  private static final String RANK = "_rank";
  private static final String FIRST_RECEIVED = "_first";
  private static final String FULL_OUTER = "full_outer";
  private static final String LEFT = "left";
  private static final String LEFT_ANTI = "left_anti";

  private final LocalDate runDate;

  public FindingReview(LocalDate runDate) {
    this.runDate = runDate;
  }

  /**
   * @param current this run's findings and groups ({@link #ENTRY_SCHEMA})
   * @param history the latest earlier run's history ({@link #HISTORY_SCHEMA}); empty on a first run
   * @param decisions every decision known ({@link #DECISION_SCHEMA})
   * @return current: this run's entries with their history and review columns;
   *     history: the new history; unknown: decisions naming no finding ever seen
   */
  public Reviewed apply(Dataset<Row> current, Dataset<Row> history, Dataset<Row> decisions) {
    Dataset<Row> previous = history;
    for (String name : HISTORY_SCHEMA.fieldNames()) {
      previous = previous.withColumnRenamed(name, PREVIOUS + name);
    }
    Column present = col(FINDING_ID).isNotNull();
    Column seenBefore = previous(FINDING_ID).isNotNull();
    Column date = lit(Date.valueOf(runDate));
    Dataset<Row> base = current.join(previous, col(FINDING_ID).equalTo(previous(FINDING_ID)), FULL_OUTER)
        .select(
            coalesce(col(FINDING_ID), previous(FINDING_ID)).as(FINDING_ID),
            coalesce(col(KIND), previous(KIND)).as(KIND),
            coalesce(col(OFFICER_ID), previous(OFFICER_ID)).as(OFFICER_ID),
            coalesce(col(DIVISION_ID), previous(DIVISION_ID)).as(DIVISION_ID),
            coalesce(col(PORT_ID), previous(PORT_ID)).as(PORT_ID),
            coalesce(previous(FIRST_SEEN), date).as(FIRST_SEEN),
            when(present, date).otherwise(previous(LAST_SEEN)).as(LAST_SEEN),
            coalesce(previous(RUNS_SEEN), lit(0)).plus(when(present, 1).otherwise(0)).as(RUNS_SEEN),
            coalesce(col(EVIDENCE_EVENTS), previous(EVIDENCE_EVENTS)).as(EVIDENCE_EVENTS),
            coalesce(col(GROUPS), previous(GROUPS)).as(GROUPS),
            coalesce(col(LAST_EVENT_AT), previous(LAST_EVENT_AT)).as(LAST_EVENT_AT),
            present.as(PRESENT), seenBefore.as(WAS_SEEN_BEFORE),
            previous(EVIDENCE_EVENTS), previous(GROUPS), previous(DECISION), previous(DECISION_DATE),
            previous(DECISION_NOTE), previous(EVIDENCE_AT_DECISION), previous(GROUPS_AT_DECISION));

    Dataset<Row> latest = latestDecisions(decisions);
    Dataset<Row> decided = base.join(latest, base.col(FINDING_ID).equalTo(latest.col(DECIDED + FINDING_ID)), LEFT)
        .drop(DECIDED + FINDING_ID);
    Column isDecided = decided(DECISION).isNotNull();
    Column unchanged = previous(DECISION).eqNullSafe(decided(DECISION))
        .and(previous(DECISION_DATE).eqNullSafe(decided(DECISION_DATE)))
        .and(previous(DECISION_NOTE).eqNullSafe(decided(NOTE)));
    Column evidenceAtDecision = when(isDecided.and(unchanged), previous(EVIDENCE_AT_DECISION))
        .when(isDecided.and(col(WAS_SEEN_BEFORE)), previous(EVIDENCE_EVENTS))
        .when(isDecided, col(EVIDENCE_EVENTS));
    Column groupsAtDecision = when(isDecided.and(unchanged), previous(GROUPS_AT_DECISION))
        .when(isDecided.and(col(WAS_SEEN_BEFORE)), previous(GROUPS))
        .when(isDecided, col(GROUPS));
    Dataset<Row> reviewed = decided
        .withColumn(EVIDENCE_AT_DECISION, evidenceAtDecision)
        .withColumn(GROUPS_AT_DECISION, groupsAtDecision)
        .withColumn(EVIDENCE_GREW, isDecided.and(col(EVIDENCE_EVENTS).gt(col(EVIDENCE_AT_DECISION))
            .or(size(array_except(col(GROUPS), col(GROUPS_AT_DECISION))).gt(0))
            .or(to_date(col(LAST_EVENT_AT)).gt(decided(DECISION_DATE)))))
        .withColumn(DECISION, decided(DECISION))
        .withColumn(DECISION_DATE, decided(DECISION_DATE))
        .withColumn(DECISION_NOTE, decided(NOTE));
    Column dismissed = coalesce(col(DECISION).equalTo(lit(Decision.DISMISSED.word())), lit(false));
    reviewed = reviewed
        .withColumn(RAISED, col(PRESENT).and(not(dismissed.and(not(col(EVIDENCE_GREW))))))
        .withColumn(REVIEW_STATUS, when(not(col(PRESENT)), lit(NOT_FLAGGED_THIS_RUN))
            .when(dismissed.and(not(col(EVIDENCE_GREW))), lit(DISMISSED_NOT_RERAISED))
            .when(dismissed, lit(RERAISED_EVIDENCE_GREW))
            .when(not(col(WAS_SEEN_BEFORE)), lit(NEW))
            .otherwise(lit(SEEN_BEFORE)));

    Dataset<Row> newHistory = reviewed.select(names(HISTORY_SCHEMA));
    Dataset<Row> thisRun = reviewed.filter(col(PRESENT)).select(
        col(FINDING_ID), col(KIND), col(FIRST_SEEN), col(LAST_SEEN), col(RUNS_SEEN),
        col(EVIDENCE_EVENTS), col(DECISION), col(DECISION_DATE), col(DECISION_NOTE),
        col(EVIDENCE_AT_DECISION), col(GROUPS_AT_DECISION), col(EVIDENCE_GREW), col(RAISED),
        col(REVIEW_STATUS));
    Dataset<Row> unknown = decisions.join(base, decisions.col(FINDING_ID).equalTo(base.col(FINDING_ID)), LEFT_ANTI);
    return new Reviewed(thisRun, newHistory, unknown);
  }

  /** The run's review of its findings. */
  public record Reviewed(Dataset<Row> current, Dataset<Row> history, Dataset<Row> unknownDecisions) {}

  /** The latest decision on each finding that was dated and received by the run date. */
  Dataset<Row> latestDecisions(Dataset<Row> decisions) {
    Column date = lit(Date.valueOf(runDate));
    return decisions
        .filter(col(DECISION_DATE).leq(date).and(col(RECEIVED_RUN_DATE).leq(date)))
        .withColumn(RANK, row_number().over(Window.partitionBy(FINDING_ID)
            .orderBy(col(DECISION_DATE).desc(), col(RECEIVED_RUN_DATE).desc(), col(SOURCE_ROW).desc())))
        .filter(col(RANK).equalTo(1))
        .select(col(FINDING_ID).as(DECIDED + FINDING_ID), col(DECISION).as(DECIDED + DECISION),
            col(DECISION_DATE).as(DECIDED + DECISION_DATE), col(NOTE).as(DECIDED + NOTE));
  }

  /**
   * All decisions known after this run: those received by published runs up to this run's
   * date and the new file's. A decision given again (same finding, decision, date and
   * note) is the same decision, kept once with where it was first received. Runs of later
   * dates may have received more; they do not count here, so a re-run of an old date
   * decides as it did.
   */
  public static Dataset<Row> mergeDecisions(SparkSession spark, Dataset<Row> earlier, List<FeedbackFile.Entry> entries,
      LocalDate runDate) {
    List<Row> rows = entries.stream().map(e -> RowFactory.create(e.findingId(), e.decision().word(),
        Date.valueOf(e.date()), e.note(), e.source(), e.row(), Date.valueOf(runDate))).toList();
    Dataset<Row> received = spark.createDataFrame(rows, DECISION_SCHEMA);
    Dataset<Row> known = earlier.filter(col(RECEIVED_RUN_DATE).leq(lit(Date.valueOf(runDate))));
    return known.select(names(DECISION_SCHEMA)).unionByName(received)
        .groupBy(FINDING_ID, DECISION, DECISION_DATE, NOTE)
        .agg(min(struct(col(RECEIVED_RUN_DATE), col(SOURCE), col(SOURCE_ROW))).as(FIRST_RECEIVED))
        .select(col(FINDING_ID), col(DECISION), col(DECISION_DATE), col(NOTE),
            firstReceived(SOURCE).as(SOURCE), firstReceived(SOURCE_ROW).as(SOURCE_ROW),
            firstReceived(RECEIVED_RUN_DATE).as(RECEIVED_RUN_DATE));
  }

  static Column[] names(StructType schema) {
    return java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** A column of the earlier history, as it is named while joined to this run's entries. */
  private static Column previous(String column) {
    return col(PREVIOUS + column);
  }

  /** A column of the latest decision, as it is named while joined to the entries. */
  private static Column decided(String column) {
    return col(DECIDED + column);
  }

  /** A field of where a decision was first received, by the same dotted name Spark resolves. */
  private static Column firstReceived(String field) {
    return col(FIRST_RECEIVED + "." + field);
  }
}
