package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.ingest.LocalClock;
import org.integrityrisk.schema.RequiredColumns;

/**
 * The clearance records behind every flagged test: the records of the group's events
 * that fell in the flagged officer's or division's duty. Where an officer is flagged,
 * the record carries the officer; a record that only a division's flag explains has
 * no officer. Each row names the findings it backs ({@code finding_ids}: the officer's
 * and, when the division is flagged for the same record, the division's) and the shifts
 * it fell in ({@code shift_ids}: the officer's own shift at the port, or for a division
 * the shifts of its officers on duty then), so an investigator can pull the records and
 * the footage of those shifts. Each row also carries what an investigator needs to ask for
 * the footage of that one clearance: the crossing's time on the port's clock, lane, vehicle, who the record says
 * cleared it, whether it was inspected or led to a seizure, the crossing ({@code basket_id})
 * and how many of the group were in it.
 */
public final class FlaggedCases {

  private static final String STAGE = "FlaggedCases";
  // Per record: whether an officer's flag carries it, and the division's finding behind it.
  private static final String OFFICER_FLAGGED = "_officer_flagged";
  private static final String DIVISION_FINDING = "_division_finding";
  // A case's keys, and a shift's, renamed for the join that finds the shifts a case fell in.
  private static final String CASE_RECORD = "_s_record";
  private static final String CASE_OFFICER = "_s_officer";
  private static final String CASE_DIVISION = "_s_division";
  private static final String CASE_PORT = "_s_port";
  private static final String CASE_AT = "_s_at";
  private static final String SHIFT_OFFICER = "_r_officer";
  private static final String SHIFT_DIVISION = "_r_division";
  private static final String SHIFT_PORT = "_r_port";
  private static final String CASE_SHIFT_IDS = "_shift_ids";
  private static final String DETAIL_RECORD = "_d_record";
  private static final String DETAIL_ZONE = "_d_zone";

  private FlaggedCases() {}

  /**
   * @param tests tested alignments with {@code flagged} and {@code finding_id}
   * @param events group events (group_id, basket_id, record_ids, event_time)
   * @param shifts the window's shifts (shift_id, officer_id, division_id, port_id, shift_start, shift_end)
   * @param crossings the clearance records the tests read, one row per record_id, with their port-local time
   */
  public static Dataset<Row> apply(Dataset<Row> tests, Dataset<Row> events, Dataset<Row> shifts,
      Dataset<Row> crossings) {
    RequiredColumns.require(STAGE, "tests", tests, FLAGGED, GROUP_ID, PORT_ID, UNIT_KIND, OFFICER_ID, DIVISION_ID,
        FINDING_ID, P_VALUE, Q_VALUE, EVIDENCE, CASE_BASKET_IDS);
    RequiredColumns.require(STAGE, "events", events, GROUP_ID, BASKET_ID, DIRECTION, EVENT_TIME, RECORD_IDS,
        MEMBERS_PRESENT);
    RequiredColumns.require(STAGE, "crossings", crossings, RECORD_ID, TIMEZONE, LANE_ID, VEHICLE_ID, OFFICER_ID,
        INSPECTED, SEIZURE);
    RequiredColumns.require(STAGE, "shifts", shifts, SHIFT_ID, OFFICER_ID, DIVISION_ID, PORT_ID, SHIFT_START,
        SHIFT_END);
    Dataset<Row> alignedEvents = tests.filter(col(FLAGGED))
        .select(col(GROUP_ID), col(PORT_ID), col(UNIT_KIND), col(OFFICER_ID), col(DIVISION_ID),
            col(FINDING_ID), col(P_VALUE), col(Q_VALUE), col(EVIDENCE),
            explode(col(CASE_BASKET_IDS)).as(BASKET_ID));
    Dataset<Row> records = alignedEvents
        .join(events.select(col(GROUP_ID), col(BASKET_ID), col(DIRECTION), col(EVENT_TIME), col(MEMBERS_PRESENT),
            explode(col(RECORD_IDS)).as(RECORD_ID)), new String[] {GROUP_ID, BASKET_ID})
        .select(col(RECORD_ID), col(GROUP_ID), col(BASKET_ID), col(MEMBERS_PRESENT), col(OFFICER_ID),
            col(DIVISION_ID), col(PORT_ID), col(DIRECTION), col(EVENT_TIME).as(CROSSED_AT), col(UNIT_KIND).as(FLAGGED_FOR),
            col(FINDING_ID), col(EVIDENCE), col(P_VALUE), col(Q_VALUE));
    // One pass over each record's rows: an officer's flag carries the record, a division's
    // flag carries it only where no officer of that division is flagged for it, and every
    // row names the division's finding too. A record and group have one port, so at most
    // one division finding backs them.
    WindowSpec sameRecord = Window.partitionBy(RECORD_ID, GROUP_ID, DIVISION_ID);
    Column forOfficer = col(FLAGGED_FOR).equalTo(DutyRosters.OFFICER);
    Dataset<Row> withFindings = records
        .withColumn(OFFICER_FLAGGED, max(forOfficer).over(sameRecord))
        .withColumn(DIVISION_FINDING,
            max(when(col(FLAGGED_FOR).equalTo(DutyRosters.DIVISION), col(FINDING_ID))).over(sameRecord))
        .filter(forOfficer.or(not(col(OFFICER_FLAGGED))))
        .withColumn(OFFICER_ID, when(forOfficer, col(OFFICER_ID)))
        .withColumn(FINDING_IDS,
            array_sort(array_distinct(array_compact(array(col(FINDING_ID), col(DIVISION_FINDING))))))
        .drop(OFFICER_FLAGGED, DIVISION_FINDING);
    Dataset<Row> details = crossings.select(col(RECORD_ID).as(DETAIL_RECORD), col(TIMEZONE).as(DETAIL_ZONE),
        col(LANE_ID), col(VEHICLE_ID), col(OFFICER_ID).as(CLEARED_BY), col(INSPECTED), col(SEIZURE));
    return withFindings.join(shiftsOf(withFindings, shifts),
        col(RECORD_ID).equalTo(col(CASE_RECORD)).and(col(OFFICER_ID).eqNullSafe(col(CASE_OFFICER)))
            .and(col(DIVISION_ID).equalTo(col(CASE_DIVISION))), "left")
        .withColumn(SHIFT_IDS, coalesce(col(CASE_SHIFT_IDS), array().cast("array<string>")))
        .drop(CASE_RECORD, CASE_OFFICER, CASE_DIVISION, CASE_SHIFT_IDS)
        .join(details, col(RECORD_ID).equalTo(col(DETAIL_RECORD)), "left")
        // The crossing's time as the test counted it, on the port's clock: the same instant as crossed_at.
        .withColumn(CROSSED_AT_LOCAL, LocalClock.localTime(col(CROSSED_AT), col(DETAIL_ZONE)))
        .drop(DETAIL_RECORD, DETAIL_ZONE);
  }

  private static Dataset<Row> shiftsOf(Dataset<Row> cases, Dataset<Row> shifts) {
    Dataset<Row> keys = cases.select(col(RECORD_ID).as(CASE_RECORD), col(OFFICER_ID).as(CASE_OFFICER),
        col(DIVISION_ID).as(CASE_DIVISION), col(PORT_ID).as(CASE_PORT), col(CROSSED_AT).as(CASE_AT)).distinct();
    Dataset<Row> s = shifts.select(col(SHIFT_ID), col(OFFICER_ID).as(SHIFT_OFFICER),
        col(DIVISION_ID).as(SHIFT_DIVISION), col(PORT_ID).as(SHIFT_PORT), col(SHIFT_START), col(SHIFT_END));
    // An officer's duty at a port is all of their shifts there, whichever division a shift is booked to.
    Column unit = when(col(CASE_OFFICER).isNull(), col(CASE_DIVISION).equalTo(col(SHIFT_DIVISION)))
        .otherwise(col(CASE_OFFICER).equalTo(col(SHIFT_OFFICER)));
    Column covers = col(CASE_PORT).equalTo(col(SHIFT_PORT)).and(unit)
        .and(col(SHIFT_START).leq(col(CASE_AT))).and(col(SHIFT_END).gt(col(CASE_AT)));
    return keys.join(s, covers)
        .groupBy(CASE_RECORD, CASE_OFFICER, CASE_DIVISION)
        .agg(array_sort(collect_set(col(SHIFT_ID))).as(CASE_SHIFT_IDS));
  }
}
