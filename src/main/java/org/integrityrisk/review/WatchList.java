package org.integrityrisk.review;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.DIVISION_FLAGGED;
import static org.integrityrisk.schema.Columns.DIVISION_ID;
import static org.integrityrisk.schema.Columns.FINDINGS_NOT_RERAISED;
import static org.integrityrisk.schema.Columns.FINDINGS_RAISED;
import static org.integrityrisk.schema.Columns.KIND;
import static org.integrityrisk.schema.Columns.LEADS_RAISED;
import static org.integrityrisk.schema.Columns.LEAD_ID;
import static org.integrityrisk.schema.Columns.FINDING_ID;
import static org.integrityrisk.schema.Columns.OFFICERS_FLAGGED;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.RAISED;
import static org.integrityrisk.schema.Columns.RUN_DATE;
import static org.integrityrisk.schema.Columns.UNIT_KIND;

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
 * a missing row. {@code leads_raised} counts each pattern once: a division finding shown under
 * one of its officers' leads adds nothing to the officer's flag (runs written before the
 * column have it null).
 */
public final class WatchList {

  public static final StructType SCHEMA = new StructType()
      .add(RUN_DATE, DataTypes.DateType)
      .add(PORT_ID, DataTypes.StringType)
      .add(DIVISION_ID, DataTypes.StringType)
      .add(OFFICERS_FLAGGED, DataTypes.IntegerType)
      .add(DIVISION_FLAGGED, DataTypes.BooleanType)
      .add(FINDINGS_RAISED, DataTypes.IntegerType)
      .add(FINDINGS_NOT_RERAISED, DataTypes.IntegerType)
      .add(LEADS_RAISED, DataTypes.IntegerType);

  private static final String PORT_KEY = "_port";
  private static final String DIVISION_KEY = "_division";

  private WatchList() {}

  /**
   * @param earlier the latest earlier run's watch list
   * @param units the officers and divisions rostered in this run's window
   * @param findings this run's findings (finding_id, kind, port_id, division_id, raised, lead_id)
   */
  public static Dataset<Row> apply(Dataset<Row> earlier, Dataset<Row> units, Dataset<Row> findings, LocalDate runDate) {
    Column officer = col(KIND).equalTo(DutyRosters.OFFICER);
    Column division = col(KIND).equalTo(DutyRosters.DIVISION);
    Dataset<Row> counts = findings.groupBy(col(PORT_ID).as(PORT_KEY), col(DIVISION_ID).as(DIVISION_KEY)).agg(
        sum(when(officer.and(col(RAISED)), 1).otherwise(0)).cast("int").as(OFFICERS_FLAGGED),
        max(division.and(col(RAISED))).as(DIVISION_FLAGGED),
        sum(when(col(RAISED), 1).otherwise(0)).cast("int").as(FINDINGS_RAISED),
        sum(when(not(col(RAISED)), 1).otherwise(0)).cast("int").as(FINDINGS_NOT_RERAISED),
        sum(when(col(RAISED).and(col(LEAD_ID).equalTo(col(FINDING_ID))), 1).otherwise(0)).cast("int")
            .as(LEADS_RAISED));
    Dataset<Row> thisRun = units.filter(col(UNIT_KIND).equalTo(DutyRosters.DIVISION))
        .select(col(PORT_ID), col(DIVISION_ID)).distinct()
        .join(counts, col(PORT_ID).equalTo(col(PORT_KEY)).and(col(DIVISION_ID).equalTo(col(DIVISION_KEY))), "left")
        .select(lit(Date.valueOf(runDate)).as(RUN_DATE), col(PORT_ID), col(DIVISION_ID),
            coalesce(col(OFFICERS_FLAGGED), lit(0)).as(OFFICERS_FLAGGED),
            coalesce(col(DIVISION_FLAGGED), lit(false)).as(DIVISION_FLAGGED),
            coalesce(col(FINDINGS_RAISED), lit(0)).as(FINDINGS_RAISED),
            coalesce(col(FINDINGS_NOT_RERAISED), lit(0)).as(FINDINGS_NOT_RERAISED),
            coalesce(col(LEADS_RAISED), lit(0)).as(LEADS_RAISED));
    return earlier.filter(col(RUN_DATE).lt(lit(Date.valueOf(runDate))))
        .select(FindingReview.names(SCHEMA)).unionByName(thisRun);
  }
}
