package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.schema.RequiredColumns;

/**
 * Officer and division risk from the tested alignments. Each row carries the evidence
 * of its strongest test (group, aligned and expected events, p and q values, and the observed
 * and expected figures of the signal that carried its p-value) and the
 * groups whose tests were flagged. The strongest test is the one with the smallest p / w
 * (p-value over its {@link TestWeights weight}), and {@code risk_score} is -log10 of
 * min(1, that ratio times the sum of the unit's weights): the weighted Bonferroni p-value
 * over all of the unit's tests. It orders everyone, flagged or not, by the weight of their
 * evidence, and it does not grow with the number of tests a unit happens to get: the
 * largest -log10 p over more chance groups would, and at four times the traffic it put
 * team-mates above the colluder of their division.
 * {@code flagged} is what investigators are asked to look at: a test that passed the
 * false discovery control and whose finding was not dismissed ({@code statistically_flagged}
 * keeps the first alone), with the ids of those findings.
 */
public final class RiskTables {

  private static final double SMALLEST_P = 1e-300;
  private static final String STAGE = "RiskTables";
  /** The strongest test, as a struct whose fields order the tests. */
  private static final String BEST = "_best";
  private static final String NEG_ALIGNED = "_neg_aligned";
  private static final String WEIGHTED_P = "_weighted_p";
  private static final String WEIGHTS = "_weights";

  private RiskTables() {}

  /**
   * @param tests tested alignments with q_value, statistically_flagged, flagged (raised for review) and finding_id
   * @param units every officer and division rostered in the window ({@link DutyRosters#UNIT_SCHEMA})
   */
  public static Dataset<Row> officers(Dataset<Row> tests, Dataset<Row> units) {
    RequiredColumns.require(STAGE, "units", units, UNIT_KIND, OFFICER_ID, DIVISION_ID, PORT_ID, DutyRosters.SHIFTS);
    requireTests(tests);
    Dataset<Row> roster = units.filter(col(UNIT_KIND).equalTo(DutyRosters.OFFICER))
        .groupBy(OFFICER_ID)
        // An officer rostered at several ports is listed once, under the division of most shifts.
        .agg(max(struct(col(DutyRosters.SHIFTS), col(DIVISION_ID))).getField(DIVISION_ID).as(DIVISION_ID),
            array_sort(collect_set(PORT_ID)).as(PORTS));
    return risk(tests.filter(col(UNIT_KIND).equalTo(DutyRosters.OFFICER)), roster, OFFICER_ID);
  }

  public static Dataset<Row> divisions(Dataset<Row> tests, Dataset<Row> units) {
    RequiredColumns.require(STAGE, "units", units, UNIT_KIND, DIVISION_ID, PORT_ID);
    requireTests(tests);
    Dataset<Row> roster = units.filter(col(UNIT_KIND).equalTo(DutyRosters.DIVISION))
        .groupBy(DIVISION_ID).agg(array_sort(collect_set(PORT_ID)).as(PORTS));
    return risk(tests.filter(col(UNIT_KIND).equalTo(DutyRosters.DIVISION)), roster, DIVISION_ID);
  }

  private static void requireTests(Dataset<Row> tests) {
    RequiredColumns.require(STAGE, "tests", tests, UNIT_KIND, UNIT_ID, GROUP_ID, PORT_ID, P_VALUE, Q_VALUE,
        ALIGNED_EVENTS, EXPECTED_ALIGNED_EVENTS, EVIDENCE, EVIDENCE_OBSERVED, EVIDENCE_EXPECTED, FLAGGED, STATISTICALLY_FLAGGED, FINDING_ID, WEIGHT);
  }

  /** A field of the strongest test. */
  private static Column best(String field) {
    return col(BEST + "." + field);
  }

  private static Dataset<Row> risk(Dataset<Row> tests, Dataset<Row> roster, String key) {
    // The strongest test: smallest p / w, then most aligned events, then group id for repeatability.
    Column strongest = min(struct(col(P_VALUE).divide(col(WEIGHT)).as(WEIGHTED_P),
        col(ALIGNED_EVENTS).multiply(-1).as(NEG_ALIGNED), col(P_VALUE), col(GROUP_ID), col(Q_VALUE), col(ALIGNED_EVENTS), col(EXPECTED_ALIGNED_EVENTS), col(PORT_ID),
        col(EVIDENCE), col(EVIDENCE_OBSERVED), col(EVIDENCE_EXPECTED)));
    Dataset<Row> evidence = tests.groupBy(col(UNIT_ID).as(key)).agg(
        strongest.as(BEST),
        sum(col(WEIGHT)).as(WEIGHTS),
        count(lit(1)).as(GROUPS_TESTED),
        max(col(FLAGGED)).as(FLAGGED),
        max(col(STATISTICALLY_FLAGGED)).as(STATISTICALLY_FLAGGED),
        array_sort(collect_set(when(col(FLAGGED), col(GROUP_ID)))).as(FLAGGED_GROUPS),
        array_sort(collect_set(when(col(STATISTICALLY_FLAGGED), col(FINDING_ID)))).as(FINDING_IDS));
    return roster.join(evidence, roster.col(key).equalTo(evidence.col(key)), "left")
        .drop(evidence.col(key))
        .select(roster.col("*"),
            coalesce(log10(greatest(least(lit(1.0), best(WEIGHTED_P).multiply(col(WEIGHTS))), lit(SMALLEST_P)))
                .multiply(-1), lit(0.0)).as(RISK_SCORE),
            coalesce(col(FLAGGED), lit(false)).as(FLAGGED),
            coalesce(col(STATISTICALLY_FLAGGED), lit(false)).as(STATISTICALLY_FLAGGED),
            best(GROUP_ID).as(STRONGEST_GROUP_ID),
            best(PORT_ID).as(STRONGEST_PORT_ID),
            best(ALIGNED_EVENTS).as(ALIGNED_EVENTS),
            best(EXPECTED_ALIGNED_EVENTS).as(EXPECTED_ALIGNED_EVENTS),
            best(P_VALUE).as(P_VALUE),
            best(Q_VALUE).as(Q_VALUE),
            best(EVIDENCE).as(EVIDENCE),
            best(EVIDENCE_OBSERVED).as(EVIDENCE_OBSERVED),
            best(EVIDENCE_EXPECTED).as(EVIDENCE_EXPECTED),
            coalesce(col(GROUPS_TESTED), lit(0L)).as(GROUPS_TESTED),
            coalesce(col(FLAGGED_GROUPS), array().cast("array<string>")).as(FLAGGED_GROUPS),
            coalesce(col(FINDING_IDS), array().cast("array<string>")).as(FINDING_IDS));
  }
}
