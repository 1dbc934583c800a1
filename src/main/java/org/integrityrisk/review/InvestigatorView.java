package org.integrityrisk.review;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.scoring.FlaggedCases;
import org.integrityrisk.scoring.RiskTables;
import org.integrityrisk.spark.Persisted;

/**
 * Turns the tested alignments into what investigators work from: findings with ids that
 * last across runs and their history, the investigators' decisions applied, the risk
 * tables and flagged cases of what is raised for review, the shifts and group crossings
 * behind every finding, and the watch list.
 *
 * <p>A finding is one officer or one division at one port with at least one test that
 * passed the false discovery control. It is raised for review unless investigators
 * dismissed it and its evidence has not grown since.
 */
public final class InvestigatorView {
  public static final String GROUP = "group";
  private final SparkSession spark;
  private final LocalDate runDate;
  private final Persisted persisted;

  /** @param persisted owns what the view caches; the tables stay readable until it is closed */
  public InvestigatorView(SparkSession spark, LocalDate runDate, Persisted persisted) {
    this.spark = spark;
    this.runDate = runDate;
    this.persisted = persisted;
  }

  /**
   * @param tests tested alignments after false discovery control ({@code flagged})
   * @param groups the suspect groups with their event summary
   * @param units officers and divisions rostered in the window ({@link DutyRosters#UNIT_SCHEMA})
   * @param events group events
   * @param shifts the window's shifts
   * @param earlier what the latest earlier run handed on
   * @param feedback decisions read from this run's feedback file
   * @return the output tables by folder name
   */
  public Map<String, Dataset<Row>> apply(Dataset<Row> tests, Dataset<Row> groups, Dataset<Row> units,
      Dataset<Row> events, Dataset<Row> shifts, EarlierRun earlier, List<FeedbackFile.Entry> feedback) {
    Dataset<Row> identified = tests.withColumn("finding_id",
        FindingIds.of(col("unit_kind"), col("unit_id"), col("port_id")));
    Dataset<Row> lastAligned = identified.filter(col("flagged"))
        .select(col("finding_id").as("_l_finding"), col("group_id").as("_l_group"),
            explode(col("case_basket_ids")).as("_l_basket"))
        .join(events, col("_l_group").equalTo(events.col("group_id")).and(col("_l_basket").equalTo(events.col("basket_id"))))
        .groupBy("_l_finding").agg(max("event_time").as("last_event_at"));
    Dataset<Row> flaggedFindings = identified.filter(col("flagged"))
        .groupBy(col("finding_id"), col("unit_kind").as("kind"), col("port_id"))
        .agg(max("officer_id").as("officer_id"), max("division_id").as("division_id"),
            sum("aligned_events").cast("int").as("evidence_events"),
            sum("expected_aligned_events").as("expected_aligned_events"),
            array_sort(collect_set("group_id")).as("groups"),
            min(struct(col("p_value"), col("group_id"), col("q_value"), col("evidence"))).as("_strongest"))
        .join(lastAligned, col("finding_id").equalTo(col("_l_finding")), "left").drop("_l_finding");
    Dataset<Row> groupEntries = groups.select(col("group_id").as("finding_id"), lit(GROUP).as("kind"),
        lit(null).cast("string").as("officer_id"), lit(null).cast("string").as("division_id"),
        lit(null).cast("string").as("port_id"), col("events").cast("int").as("evidence_events"),
        array(col("group_id")).as("groups"), col("last_crossing").as("last_event_at"));
    Dataset<Row> entries = flaggedFindings.select(FindingReview.names(FindingReview.ENTRY_SCHEMA))
        .unionByName(groupEntries);

    Dataset<Row> decisions = FindingReview.mergeDecisions(spark, earlier.decisions(), feedback, runDate);
    FindingReview.Reviewed reviewed = new FindingReview(runDate).apply(entries, earlier.history(), decisions);
    // Several tables read each of these; re-rooting them keeps every write from redoing the review.
    Dataset<Row> current = persisted.freshPlan(reviewed.current());
    Dataset<Row> review = current.drop("kind", "evidence_events");

    Dataset<Row> findings = persisted.freshPlan(flaggedFindings.join(review, "finding_id")
        .select(col("finding_id"), col("kind"), col("officer_id"), col("division_id"), col("port_id"),
            col("groups"), col("evidence_events").as("aligned_events"), col("expected_aligned_events"),
            col("_strongest.p_value").as("p_value"), col("_strongest.q_value").as("q_value"),
            col("_strongest.evidence").as("evidence"), col("_strongest.group_id").as("strongest_group_id"),
            col("last_event_at").as("last_aligned_at"),
            col("raised"), col("review_status"), col("first_seen"), col("last_seen"), col("runs_seen"),
            col("decision"), col("decision_date"), col("decision_note"), col("evidence_at_decision"),
            col("groups_at_decision"), col("evidence_grew")));

    Dataset<Row> raisedTests = persisted.freshPlan(identified
        .join(findings.select(col("finding_id").as("_f"), col("raised")), col("finding_id").equalTo(col("_f")), "left")
        .drop("_f")
        .withColumnRenamed("flagged", "statistically_flagged")
        .withColumn("flagged", col("statistically_flagged").and(coalesce(col("raised"), lit(false))))
        .drop("raised"));
    Dataset<Row> cases = persisted.freshPlan(FlaggedCases.apply(raisedTests, events, shifts));
    Dataset<Row> caseCounts = cases.select(col("record_id"), explode(col("finding_ids")).as("_f"))
        .groupBy("_f").agg(countDistinct("record_id").cast("int").as("case_records"));
    Dataset<Row> findingsWithCases = findings
        .join(caseCounts, col("finding_id").equalTo(col("_f")), "left").drop("_f")
        .withColumn("case_records", coalesce(col("case_records"), lit(0)));

    Dataset<Row> groupReview = current.filter(col("kind").equalTo(GROUP))
        .select(col("finding_id").as("_g"), col("first_seen"), col("last_seen"), col("runs_seen"),
            col("decision"), col("decision_date"), col("review_status"));
    Dataset<Row> suspectGroups = groups.join(groupReview, col("group_id").equalTo(col("_g")), "left").drop("_g");

    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put("suspect_groups", suspectGroups);
    tables.put("officer_risk", RiskTables.officers(raisedTests, units));
    tables.put("division_risk", RiskTables.divisions(raisedTests, units));
    tables.put("flagged_cases", cases);
    tables.put("alignment_tests", raisedTests.drop("aligned_basket_ids", "case_basket_ids"));
    tables.put("findings", findingsWithCases);
    tables.put("finding_shifts", FindingShifts.apply(findings, shifts));
    tables.put("group_events", events.drop("basket_id"));
    tables.put(EarlierRun.HISTORY, reviewed.history());
    tables.put(EarlierRun.DECISIONS, decisions);
    tables.put(EarlierRun.WATCH_LIST, WatchList.apply(earlier.watchList(), units, findings, runDate));
    return tables;
  }
}
