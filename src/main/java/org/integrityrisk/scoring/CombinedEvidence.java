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
    RequiredColumns.require(STAGE, "tests", tests, P_VALUE, SMALLEST_P_VALUE, ALIGNED_BASKET_IDS);
    Dataset<Row> joined = tests.withColumn(DUTY_P_VALUE, col(P_VALUE))
        .withColumn(DUTY_SMALLEST_P_VALUE, col(SMALLEST_P_VALUE));
    if (clearing.isEmpty()) {
      return joined.withColumn(EVIDENCE, lit(DUTY)).withColumn(CASE_BASKET_IDS, col(ALIGNED_BASKET_IDS));
    }
    RequiredColumns.require(STAGE, "tests", tests, GROUP_ID, PORT_ID, UNIT_KIND, UNIT_ID);
    RequiredColumns.require(STAGE, "clearing evidence", clearing.get(), GROUP_ID, PORT_ID, OFFICER_ID,
        CLEARING_P_VALUE, CLEARING_SMALLEST_P_VALUE, INSPECTION_P_VALUE, INSPECTION_SMALLEST_P_VALUE,
        CLEARED_BASKET_IDS);
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
    return joined
        .withColumn(EVIDENCE, carriedBy)
        .withColumn(P_VALUE, least(lit(1.0), best.multiply(signals)))
        .withColumn(SMALLEST_P_VALUE, least(lit(1.0), bestSmallest.multiply(signals)))
        .withColumn(CASE_BASKET_IDS, when(col(EVIDENCE).equalTo(lit(DUTY)), col(ALIGNED_BASKET_IDS))
            .otherwise(coalesce(col(CLEARED_BASKET_IDS), col(ALIGNED_BASKET_IDS))))
        .drop(CLEARED_BASKET_IDS);
  }
}
