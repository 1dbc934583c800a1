package org.integrityrisk.review;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.alignment.DutyRosters;

/**
 * The shifts behind each finding, to draw the group's crossings over: an officer's own
 * shifts at the port, whichever division they are booked to ({@code role = finding}), and
 * for comparison the other shifts of the officer's division there ({@code role = division});
 * for a division, all of its shifts at the port.
 */
public final class FindingShifts {
  public static final String FINDING = "finding";
  public static final String DIVISION = "division";

  private FindingShifts() {}

  public static Dataset<Row> apply(Dataset<Row> findings, Dataset<Row> shifts) {
    Dataset<Row> f = findings.select(col("finding_id"), col("kind"), col("officer_id").as("_f_officer"),
        col("division_id").as("_f_division"), col("port_id").as("_f_port"));
    Column officerFinding = col("kind").equalTo(DutyRosters.OFFICER);
    Column own = officerFinding.and(col("_f_officer").equalTo(col("officer_id")))
        .or(not(officerFinding).and(col("_f_division").equalTo(col("division_id"))));
    Column related = col("_f_port").equalTo(col("port_id"))
        .and(col("_f_division").equalTo(col("division_id")).or(officerFinding.and(col("_f_officer").equalTo(col("officer_id")))));
    return f.join(shifts, related)
        .select(col("finding_id"), when(own, lit(FINDING)).otherwise(lit(DIVISION)).as("role"),
            col("shift_id"), col("officer_id"), col("division_id"), col("port_id"), col("shift_start"),
            col("shift_end"), col("shift_start_local"), col("shift_end_local"));
  }
}
