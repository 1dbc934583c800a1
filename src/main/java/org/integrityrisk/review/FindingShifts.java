package org.integrityrisk.review;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.alignment.DutyRosters;

/**
 * The shifts behind each finding, to draw the group's crossings over: an officer's own
 * shifts at the port ({@code role = finding}) and, for comparison, their division's other
 * officers' shifts there ({@code role = division}); for a division, all of its shifts at
 * the port.
 */
public final class FindingShifts {
  public static final String FINDING = "finding";
  public static final String DIVISION = "division";

  private FindingShifts() {}

  public static Dataset<Row> apply(Dataset<Row> findings, Dataset<Row> shifts) {
    Dataset<Row> f = findings.select(col("finding_id"), col("kind"), col("officer_id").as("_f_officer"),
        col("division_id").as("_f_division"), col("port_id").as("_f_port"));
    return f.join(shifts, col("_f_division").equalTo(col("division_id")).and(col("_f_port").equalTo(col("port_id"))))
        .select(col("finding_id"),
            when(col("kind").equalTo(DutyRosters.DIVISION).or(col("_f_officer").equalTo(col("officer_id"))),
                lit(FINDING)).otherwise(lit(DIVISION)).as("role"),
            col("shift_id"), col("officer_id"), col("division_id"), col("port_id"), col("shift_start"),
            col("shift_end"), col("shift_start_local"), col("shift_end_local"));
  }
}
