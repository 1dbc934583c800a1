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
      .add("finding_id", DataTypes.StringType)
      .add("kind", DataTypes.StringType)
      .add("officer_id", DataTypes.StringType)
      .add("division_id", DataTypes.StringType)
      .add("port_id", DataTypes.StringType)
      .add("evidence_events", DataTypes.IntegerType)
      .add("groups", DataTypes.createArrayType(DataTypes.StringType))
      .add("last_event_at", DataTypes.TimestampType);

  /** Everything ever found, up to and including a run; each run writes it, the next reads it. */
  public static final StructType HISTORY_SCHEMA = new StructType()
      .add("finding_id", DataTypes.StringType)
      .add("kind", DataTypes.StringType)
      .add("officer_id", DataTypes.StringType)
      .add("division_id", DataTypes.StringType)
      .add("port_id", DataTypes.StringType)
      .add("first_seen", DataTypes.DateType)
      .add("last_seen", DataTypes.DateType)
      .add("runs_seen", DataTypes.IntegerType)
      .add("evidence_events", DataTypes.IntegerType)
      .add("groups", DataTypes.createArrayType(DataTypes.StringType))
      .add("last_event_at", DataTypes.TimestampType)
      .add("decision", DataTypes.StringType)
      .add("decision_date", DataTypes.DateType)
      .add("decision_note", DataTypes.StringType)
      .add("evidence_at_decision", DataTypes.IntegerType)
      .add("groups_at_decision", DataTypes.createArrayType(DataTypes.StringType));

  /** Every decision received, with where and when it was received. */
  public static final StructType DECISION_SCHEMA = new StructType()
      .add("finding_id", DataTypes.StringType)
      .add("decision", DataTypes.StringType)
      .add("decision_date", DataTypes.DateType)
      .add("note", DataTypes.StringType)
      .add("source", DataTypes.StringType)
      .add("source_row", DataTypes.IntegerType)
      .add("received_run_date", DataTypes.DateType);

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
      previous = previous.withColumnRenamed(name, "h_" + name);
    }
    Column present = col("finding_id").isNotNull();
    Column seenBefore = col("h_finding_id").isNotNull();
    Column date = lit(Date.valueOf(runDate));
    Dataset<Row> base = current.join(previous, col("finding_id").equalTo(col("h_finding_id")), "full_outer")
        .select(
            coalesce(col("finding_id"), col("h_finding_id")).as("finding_id"),
            coalesce(col("kind"), col("h_kind")).as("kind"),
            coalesce(col("officer_id"), col("h_officer_id")).as("officer_id"),
            coalesce(col("division_id"), col("h_division_id")).as("division_id"),
            coalesce(col("port_id"), col("h_port_id")).as("port_id"),
            coalesce(col("h_first_seen"), date).as("first_seen"),
            when(present, date).otherwise(col("h_last_seen")).as("last_seen"),
            coalesce(col("h_runs_seen"), lit(0)).plus(when(present, 1).otherwise(0)).as("runs_seen"),
            coalesce(col("evidence_events"), col("h_evidence_events")).as("evidence_events"),
            coalesce(col("groups"), col("h_groups")).as("groups"),
            coalesce(col("last_event_at"), col("h_last_event_at")).as("last_event_at"),
            present.as("present"), seenBefore.as("seen_before"),
            col("h_evidence_events"), col("h_groups"), col("h_decision"), col("h_decision_date"),
            col("h_decision_note"), col("h_evidence_at_decision"), col("h_groups_at_decision"));

    Dataset<Row> latest = latestDecisions(decisions);
    Dataset<Row> decided = base.join(latest, base.col("finding_id").equalTo(latest.col("d_finding_id")), "left")
        .drop("d_finding_id");
    Column isDecided = col("d_decision").isNotNull();
    Column unchanged = col("h_decision").eqNullSafe(col("d_decision"))
        .and(col("h_decision_date").eqNullSafe(col("d_decision_date")))
        .and(col("h_decision_note").eqNullSafe(col("d_note")));
    Column evidenceAtDecision = when(isDecided.and(unchanged), col("h_evidence_at_decision"))
        .when(isDecided.and(col("seen_before")), col("h_evidence_events"))
        .when(isDecided, col("evidence_events"));
    Column groupsAtDecision = when(isDecided.and(unchanged), col("h_groups_at_decision"))
        .when(isDecided.and(col("seen_before")), col("h_groups"))
        .when(isDecided, col("groups"));
    Dataset<Row> reviewed = decided
        .withColumn("evidence_at_decision", evidenceAtDecision)
        .withColumn("groups_at_decision", groupsAtDecision)
        .withColumn("evidence_grew", isDecided.and(col("evidence_events").gt(col("evidence_at_decision"))
            .or(size(array_except(col("groups"), col("groups_at_decision"))).gt(0))
            .or(to_date(col("last_event_at")).gt(col("d_decision_date")))))
        .withColumn("decision", col("d_decision"))
        .withColumn("decision_date", col("d_decision_date"))
        .withColumn("decision_note", col("d_note"));
    Column dismissed = coalesce(col("decision").equalTo(lit(Decision.DISMISSED.word())), lit(false));
    reviewed = reviewed
        .withColumn("raised", col("present").and(not(dismissed.and(not(col("evidence_grew"))))))
        .withColumn("review_status", when(not(col("present")), lit(NOT_FLAGGED_THIS_RUN))
            .when(dismissed.and(not(col("evidence_grew"))), lit(DISMISSED_NOT_RERAISED))
            .when(dismissed, lit(RERAISED_EVIDENCE_GREW))
            .when(not(col("seen_before")), lit(NEW))
            .otherwise(lit(SEEN_BEFORE)));

    Dataset<Row> newHistory = reviewed.select(names(HISTORY_SCHEMA));
    Dataset<Row> thisRun = reviewed.filter(col("present")).select(
        col("finding_id"), col("kind"), col("first_seen"), col("last_seen"), col("runs_seen"),
        col("evidence_events"), col("decision"), col("decision_date"), col("decision_note"),
        col("evidence_at_decision"), col("groups_at_decision"), col("evidence_grew"), col("raised"),
        col("review_status"));
    Dataset<Row> unknown = decisions.join(base, decisions.col("finding_id").equalTo(base.col("finding_id")), "left_anti");
    return new Reviewed(thisRun, newHistory, unknown);
  }

  /** The run's review of its findings. */
  public record Reviewed(Dataset<Row> current, Dataset<Row> history, Dataset<Row> unknownDecisions) {}

  /** The latest decision on each finding that was dated and received by the run date. */
  Dataset<Row> latestDecisions(Dataset<Row> decisions) {
    Column date = lit(Date.valueOf(runDate));
    return decisions
        .filter(col("decision_date").leq(date).and(col("received_run_date").leq(date)))
        .withColumn("_rank", row_number().over(Window.partitionBy("finding_id")
            .orderBy(col("decision_date").desc(), col("received_run_date").desc(), col("source_row").desc())))
        .filter(col("_rank").equalTo(1))
        .select(col("finding_id").as("d_finding_id"), col("decision").as("d_decision"),
            col("decision_date").as("d_decision_date"), col("note").as("d_note"));
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
    Dataset<Row> known = earlier.filter(col("received_run_date").leq(lit(Date.valueOf(runDate))));
    return known.select(names(DECISION_SCHEMA)).unionByName(received)
        .groupBy("finding_id", "decision", "decision_date", "note")
        .agg(min(struct(col("received_run_date"), col("source"), col("source_row"))).as("_first"))
        .select(col("finding_id"), col("decision"), col("decision_date"), col("note"),
            col("_first.source").as("source"), col("_first.source_row").as("source_row"),
            col("_first.received_run_date").as("received_run_date"));
  }

  static Column[] names(StructType schema) {
    return java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
