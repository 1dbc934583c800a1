package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.alignment.DutyRosters;

/**
 * Officer and division risk from the tested alignments. Each row carries the evidence
 * of its strongest test (group, aligned and expected events, p and q values) and the
 * groups whose tests were flagged; {@code risk_score} is -log10 of the strongest test's
 * p-value, so it orders everyone, flagged or not, by the weight of their evidence.
 * {@code flagged} is what investigators are asked to look at: a test that passed the
 * false discovery control and whose finding was not dismissed ({@code statistically_flagged}
 * keeps the first alone), with the ids of those findings.
 */
public final class RiskTables {
  private static final double SMALLEST_P = 1e-300;

  private RiskTables() {}

  /**
   * @param tests tested alignments with q_value, statistically_flagged, flagged (raised for review) and finding_id
   * @param units every officer and division rostered in the window ({@link DutyRosters#UNIT_SCHEMA})
   */
  public static Dataset<Row> officers(Dataset<Row> tests, Dataset<Row> units) {
    Dataset<Row> roster = units.filter(col("unit_kind").equalTo(DutyRosters.OFFICER))
        .groupBy("officer_id")
        // An officer rostered at several ports is listed once, under the division of most shifts.
        .agg(max(struct(col("shifts"), col("division_id"))).getField("division_id").as("division_id"),
            array_sort(collect_set("port_id")).as("ports"));
    return risk(tests.filter(col("unit_kind").equalTo(DutyRosters.OFFICER)), roster, "officer_id");
  }

  public static Dataset<Row> divisions(Dataset<Row> tests, Dataset<Row> units) {
    Dataset<Row> roster = units.filter(col("unit_kind").equalTo(DutyRosters.DIVISION))
        .groupBy("division_id").agg(array_sort(collect_set("port_id")).as("ports"));
    return risk(tests.filter(col("unit_kind").equalTo(DutyRosters.DIVISION)), roster, "division_id");
  }

  private static Dataset<Row> risk(Dataset<Row> tests, Dataset<Row> roster, String key) {
    // The strongest test: smallest p, then most aligned events, then group id for repeatability.
    Column strongest = min(struct(col("p_value"), col("aligned_events").multiply(-1).as("_neg_aligned"),
        col("group_id"), col("q_value"), col("aligned_events"), col("expected_aligned_events"), col("port_id"),
        col("evidence")));
    Dataset<Row> evidence = tests.groupBy(col("unit_id").as(key)).agg(
        strongest.as("_best"),
        count(lit(1)).as("groups_tested"),
        max(col("flagged")).as("flagged"),
        max(col("statistically_flagged")).as("statistically_flagged"),
        array_sort(collect_set(when(col("flagged"), col("group_id")))).as("flagged_groups"),
        array_sort(collect_set(when(col("statistically_flagged"), col("finding_id")))).as("finding_ids"));
    return roster.join(evidence, roster.col(key).equalTo(evidence.col(key)), "left")
        .drop(evidence.col(key))
        .select(roster.col("*"),
            coalesce(log10(greatest(col("_best.p_value"), lit(SMALLEST_P))).multiply(-1), lit(0.0)).as("risk_score"),
            coalesce(col("flagged"), lit(false)).as("flagged"),
            coalesce(col("statistically_flagged"), lit(false)).as("statistically_flagged"),
            col("_best.group_id").as("strongest_group_id"),
            col("_best.port_id").as("strongest_port_id"),
            col("_best.aligned_events").as("aligned_events"),
            col("_best.expected_aligned_events").as("expected_aligned_events"),
            col("_best.p_value").as("p_value"),
            col("_best.q_value").as("q_value"),
            col("_best.evidence").as("evidence"),
            coalesce(col("groups_tested"), lit(0L)).as("groups_tested"),
            coalesce(col("flagged_groups"), array().cast("array<string>")).as("flagged_groups"),
            coalesce(col("finding_ids"), array().cast("array<string>")).as("finding_ids"));
  }
}
