package org.integrityrisk.review;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.DIVISION_ID;
import static org.integrityrisk.schema.Columns.FINDING_ID;
import static org.integrityrisk.schema.Columns.KIND;
import static org.integrityrisk.schema.Columns.OFFICER_ID;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.ROLE;
import static org.integrityrisk.schema.Columns.SHIFT_END;
import static org.integrityrisk.schema.Columns.SHIFT_END_LOCAL;
import static org.integrityrisk.schema.Columns.SHIFT_ID;
import static org.integrityrisk.schema.Columns.SHIFT_START;
import static org.integrityrisk.schema.Columns.SHIFT_START_LOCAL;

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

  private static final String FINDING_OFFICER = "_f_officer";
  private static final String FINDING_DIVISION = "_f_division";
  private static final String FINDING_PORT = "_f_port";

  private FindingShifts() {}

  public static Dataset<Row> apply(Dataset<Row> findings, Dataset<Row> shifts) {
    Dataset<Row> f = findings.select(col(FINDING_ID), col(KIND), col(OFFICER_ID).as(FINDING_OFFICER),
        col(DIVISION_ID).as(FINDING_DIVISION), col(PORT_ID).as(FINDING_PORT));
    Column officerFinding = col(KIND).equalTo(DutyRosters.OFFICER);
    Column own = officerFinding.and(col(FINDING_OFFICER).equalTo(col(OFFICER_ID)))
        .or(not(officerFinding).and(col(FINDING_DIVISION).equalTo(col(DIVISION_ID))));
    Column related = col(FINDING_PORT).equalTo(col(PORT_ID))
        .and(col(FINDING_DIVISION).equalTo(col(DIVISION_ID))
            .or(officerFinding.and(col(FINDING_OFFICER).equalTo(col(OFFICER_ID)))));
    return f.join(shifts, related)
        .select(col(FINDING_ID), when(own, lit(FINDING)).otherwise(lit(DIVISION)).as(ROLE),
            col(SHIFT_ID), col(OFFICER_ID), col(DIVISION_ID), col(PORT_ID), col(SHIFT_START),
            col(SHIFT_END), col(SHIFT_START_LOCAL), col(SHIFT_END_LOCAL));
  }
}
