package org.integrityrisk.review;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.alignment.DutyRosters;

/**
 * Flag counts per port and division, one row per run date, every run's rows carried in
 * the next: a unit sees whether one office is flagged far more often than the others.
 * Every division rostered in a run is listed, flagged or not, so a zero is a zero and not
 * a missing row.
 */
public final class WatchList {
  public static final StructType SCHEMA = new StructType()
      .add("run_date", DataTypes.DateType)
      .add("port_id", DataTypes.StringType)
      .add("division_id", DataTypes.StringType)
      .add("officers_flagged", DataTypes.IntegerType)
      .add("division_flagged", DataTypes.BooleanType)
      .add("findings_raised", DataTypes.IntegerType)
      .add("findings_not_reraised", DataTypes.IntegerType);

  private WatchList() {}

  /**
   * @param earlier the latest earlier run's watch list
   * @param units the officers and divisions rostered in this run's window
   * @param findings this run's findings (kind, port_id, division_id, raised)
   */
  public static Dataset<Row> apply(Dataset<Row> earlier, Dataset<Row> units, Dataset<Row> findings, LocalDate runDate) {
    Column officer = col("kind").equalTo(DutyRosters.OFFICER);
    Column division = col("kind").equalTo(DutyRosters.DIVISION);
    Dataset<Row> counts = findings.groupBy(col("port_id").as("_port"), col("division_id").as("_division")).agg(
        sum(when(officer.and(col("raised")), 1).otherwise(0)).cast("int").as("officers_flagged"),
        max(division.and(col("raised"))).as("division_flagged"),
        sum(when(col("raised"), 1).otherwise(0)).cast("int").as("findings_raised"),
        sum(when(not(col("raised")), 1).otherwise(0)).cast("int").as("findings_not_reraised"));
    Dataset<Row> thisRun = units.filter(col("unit_kind").equalTo(DutyRosters.DIVISION))
        .select(col("port_id"), col("division_id")).distinct()
        .join(counts, col("port_id").equalTo(col("_port")).and(col("division_id").equalTo(col("_division"))), "left")
        .select(lit(Date.valueOf(runDate)).as("run_date"), col("port_id"), col("division_id"),
            coalesce(col("officers_flagged"), lit(0)).as("officers_flagged"),
            coalesce(col("division_flagged"), lit(false)).as("division_flagged"),
            coalesce(col("findings_raised"), lit(0)).as("findings_raised"),
            coalesce(col("findings_not_reraised"), lit(0)).as("findings_not_reraised"));
    return earlier.filter(col("run_date").lt(lit(Date.valueOf(runDate))))
        .select(FindingReview.names(SCHEMA)).unionByName(thisRun);
  }
}
