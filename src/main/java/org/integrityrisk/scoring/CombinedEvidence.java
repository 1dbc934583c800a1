package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.integrityrisk.alignment.ClearingEvidence;
import org.integrityrisk.alignment.DutyRosters;

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

  private CombinedEvidence() {}

  /**
   * @param tests duty alignment tests ({@code p_value}, {@code smallest_p_value}, {@code aligned_basket_ids})
   * @param clearing rows of {@link ClearingEvidence#SCHEMA}, when clearances record the officer
   */
  public static Dataset<Row> apply(Dataset<Row> tests, Optional<Dataset<Row>> clearing) {
    Dataset<Row> joined = tests.withColumn("duty_p_value", col("p_value"))
        .withColumn("duty_smallest_p_value", col("smallest_p_value"));
    if (clearing.isEmpty()) {
      return joined.withColumn("evidence", lit(DUTY)).withColumn("case_basket_ids", col("aligned_basket_ids"));
    }
    Dataset<Row> evidence = clearing.get()
        .withColumnRenamed("group_id", "_cg").withColumnRenamed("port_id", "_cp").withColumnRenamed("officer_id", "_co");
    joined = joined.join(evidence, col("unit_kind").equalTo(lit(DutyRosters.OFFICER))
        .and(col("group_id").equalTo(col("_cg"))).and(col("port_id").equalTo(col("_cp")))
        .and(col("unit_id").equalTo(col("_co"))), "left").drop("_cg", "_cp", "_co");

    Column signals = lit(1)
        .plus(when(col("clearing_p_value").isNotNull(), 1).otherwise(0))
        .plus(when(col("inspection_p_value").isNotNull(), 1).otherwise(0)).cast(DataTypes.DoubleType);
    Column clearingP = coalesce(col("clearing_p_value"), lit(1.0));
    Column inspectionP = coalesce(col("inspection_p_value"), lit(1.0));
    Column best = least(col("duty_p_value"), clearingP, inspectionP);
    Column bestSmallest = least(col("duty_smallest_p_value"), coalesce(col("clearing_smallest_p_value"), lit(1.0)),
        coalesce(col("inspection_smallest_p_value"), lit(1.0)));
    Column carriedBy = when(col("duty_p_value").equalTo(best), lit(DUTY))
        .when(clearingP.equalTo(best), lit(CLEARING)).otherwise(lit(INSPECTION));
    return joined
        .withColumn("evidence", carriedBy)
        .withColumn("p_value", least(lit(1.0), best.multiply(signals)))
        .withColumn("smallest_p_value", least(lit(1.0), bestSmallest.multiply(signals)))
        .withColumn("case_basket_ids", when(col("evidence").equalTo(lit(DUTY)), col("aligned_basket_ids"))
            .otherwise(coalesce(col("cleared_basket_ids"), col("aligned_basket_ids"))))
        .drop("cleared_basket_ids");
  }
}
