package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.*;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.integrityrisk.alignment.ClearingEvidence;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.schema.RequiredColumns;

/**
 * One p-value per test from every signal the data carries. Duty alignment is always
 * there; who cleared the group and how often it was inspected are there when the
 * clearance records carry them. The smallest of the k available p-values, times k
 * (Bonferroni), is a valid p-value whatever the dependence between the signals, and
 * {@code evidence} names the signal that carried it. With one signal nothing changes.
 *
 * <p>Each test also carries the observed and expected figures of that signal
 * ({@code evidence_observed}, {@code evidence_expected}): a p-value carried by who cleared
 * the group, printed next to the duty figures (aligned 14, expected 14.1, p 1.6e-9), reads
 * as a contradiction to an investigator. What they count:
 * <ul>
 *   <li>{@value #DUTY}: the group's events on duty, and what its own habits on other days give;
 *   <li>{@value #CLEARING}: the group's clearances the officer made, and the sum of n*s over its
 *       events (their share of the port's clearances at those hours);
 *   <li>{@value #INSPECTION}: the group's passages inspected under the officer, and what the
 *       other officers' inspection rate of the group's passages predicts for the officer's
 *       passages (fewer than expected is the evidence). The other officers' rate, not the
 *       pooled one Fisher's test conditions on: "the others inspect this group half the time"
 *       is what an investigator checks against the officer's record.
 * </ul>
 */
public final class CombinedEvidence {
  public static final String DUTY = "duty";
  public static final String CLEARING = "clearing";
  public static final String INSPECTION = "inspection";

  private static final String STAGE = "CombinedEvidence";
  /** The duty alignment test's own p-values, kept beside the combined ones. */
  private static final String DUTY_P_VALUE = "duty_p_value";
  private static final String DUTY_SMALLEST_P_VALUE = "duty_smallest_p_value";
  // The clearing tests' keys, renamed for the join.
  private static final String CLEARING_GROUP = "_cg";
  private static final String CLEARING_PORT = "_cp";
  private static final String CLEARING_OFFICER = "_co";

  private CombinedEvidence() {}

  /**
   * @param tests duty alignment tests ({@code p_value}, {@code smallest_p_value}, {@code aligned_basket_ids})
   * @param clearing rows of {@link ClearingEvidence#SCHEMA}, when clearances record the officer
   */
  public static Dataset<Row> apply(Dataset<Row> tests, Optional<Dataset<Row>> clearing) {
    RequiredColumns.require(STAGE, "tests", tests, P_VALUE, SMALLEST_P_VALUE, ALIGNED_BASKET_IDS, ALIGNED_EVENTS,
        EXPECTED_ALIGNED_EVENTS);
    Dataset<Row> joined = tests.withColumn(DUTY_P_VALUE, col(P_VALUE))
        .withColumn(DUTY_SMALLEST_P_VALUE, col(SMALLEST_P_VALUE));
    if (clearing.isEmpty()) {
      return joined.withColumn(EVIDENCE, lit(DUTY))
          .withColumn(EVIDENCE_OBSERVED, col(ALIGNED_EVENTS))
          .withColumn(EVIDENCE_EXPECTED, col(EXPECTED_ALIGNED_EVENTS))
          .withColumn(CASE_BASKET_IDS, col(ALIGNED_BASKET_IDS));
    }
    RequiredColumns.require(STAGE, "tests", tests, GROUP_ID, PORT_ID, UNIT_KIND, UNIT_ID);
    RequiredColumns.require(STAGE, "clearing evidence", clearing.get(), GROUP_ID, PORT_ID, OFFICER_ID,
        CLEARING_P_VALUE, CLEARING_SMALLEST_P_VALUE, INSPECTION_P_VALUE, INSPECTION_SMALLEST_P_VALUE,
        CLEARED_BASKET_IDS, CLEARED_EVENTS, EXPECTED_CLEARED_EVENTS, INSPECTED_BY_OFFICER, RECORDS_BY_OFFICER,
        INSPECTED_BY_OTHERS, RECORDS_BY_OTHERS);
    Dataset<Row> evidence = clearing.get().withColumnRenamed(GROUP_ID, CLEARING_GROUP)
        .withColumnRenamed(PORT_ID, CLEARING_PORT).withColumnRenamed(OFFICER_ID, CLEARING_OFFICER);
    joined = joined.join(evidence, col(UNIT_KIND).equalTo(lit(DutyRosters.OFFICER))
        .and(col(GROUP_ID).equalTo(col(CLEARING_GROUP))).and(col(PORT_ID).equalTo(col(CLEARING_PORT)))
        .and(col(UNIT_ID).equalTo(col(CLEARING_OFFICER))), "left")
        .drop(CLEARING_GROUP, CLEARING_PORT, CLEARING_OFFICER);

    Column signals = lit(1)
        .plus(when(col(CLEARING_P_VALUE).isNotNull(), 1).otherwise(0))
        .plus(when(col(INSPECTION_P_VALUE).isNotNull(), 1).otherwise(0)).cast(DataTypes.DoubleType);
    Column clearingP = coalesce(col(CLEARING_P_VALUE), lit(1.0));
    Column inspectionP = coalesce(col(INSPECTION_P_VALUE), lit(1.0));
    Column best = least(col(DUTY_P_VALUE), clearingP, inspectionP);
    Column bestSmallest = least(col(DUTY_SMALLEST_P_VALUE), coalesce(col(CLEARING_SMALLEST_P_VALUE), lit(1.0)),
        coalesce(col(INSPECTION_SMALLEST_P_VALUE), lit(1.0)));
    Column carriedBy = when(col(DUTY_P_VALUE).equalTo(best), lit(DUTY))
        .when(clearingP.equalTo(best), lit(CLEARING)).otherwise(lit(INSPECTION));
    // Inspection carries a test only when it has a p-value, which needs passages cleared by
    // other officers: the rate below never divides by zero where it is used.
    Column othersRate = col(INSPECTED_BY_OTHERS).cast(DataTypes.DoubleType).divide(col(RECORDS_BY_OTHERS));
    Column observed = when(col(EVIDENCE).equalTo(lit(CLEARING)), col(CLEARED_EVENTS))
        .when(col(EVIDENCE).equalTo(lit(INSPECTION)), col(INSPECTED_BY_OFFICER))
        .otherwise(col(ALIGNED_EVENTS));
    Column expected = when(col(EVIDENCE).equalTo(lit(CLEARING)), col(EXPECTED_CLEARED_EVENTS))
        .when(col(EVIDENCE).equalTo(lit(INSPECTION)), col(RECORDS_BY_OFFICER).multiply(othersRate))
        .otherwise(col(EXPECTED_ALIGNED_EVENTS));
    return joined
        .withColumn(EVIDENCE, carriedBy)
        .withColumn(EVIDENCE_OBSERVED, observed)
        .withColumn(EVIDENCE_EXPECTED, expected)
        .withColumn(P_VALUE, least(lit(1.0), best.multiply(signals)))
        .withColumn(SMALLEST_P_VALUE, least(lit(1.0), bestSmallest.multiply(signals)))
        .withColumn(CASE_BASKET_IDS, when(col(EVIDENCE).equalTo(lit(DUTY)), col(ALIGNED_BASKET_IDS))
            .otherwise(coalesce(col(CLEARED_BASKET_IDS), col(ALIGNED_BASKET_IDS))))
        .drop(CLEARED_BASKET_IDS);
  }
}
