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

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.integrityrisk.alignment.DutyRosters;

/**
 * The clearance records behind every flagged test: the records of the group's events
 * that fell in the flagged officer's or division's duty. Where an officer is flagged,
 * the record carries the officer; a record that only a division's flag explains has
 * no officer. Each row names the findings it backs ({@code finding_ids}: the officer's
 * and, when the division is flagged for the same record, the division's) and the shifts
 * it fell in ({@code shift_ids}: the officer's own shift at the port, or for a division
 * the shifts of its officers on duty then), so an investigator can pull the records and
 * the footage of those shifts.
 */
public final class FlaggedCases {
  private FlaggedCases() {}

  /**
   * @param tests tested alignments with {@code flagged} and {@code finding_id}
   * @param events group events (group_id, basket_id, record_ids, event_time)
   * @param shifts the window's shifts (shift_id, officer_id, division_id, port_id, shift_start, shift_end)
   */
  public static Dataset<Row> apply(Dataset<Row> tests, Dataset<Row> events, Dataset<Row> shifts) {
    Dataset<Row> alignedEvents = tests.filter(col("flagged"))
        .select(col("group_id"), col("port_id"), col("unit_kind"), col("officer_id"), col("division_id"),
            col("finding_id"), col("p_value"), col("q_value"), col("evidence"),
            explode(col("case_basket_ids")).as("basket_id"));
    Dataset<Row> records = alignedEvents
        .join(events.select(col("group_id"), col("basket_id"), col("direction"), col("event_time"),
            explode(col("record_ids")).as("record_id")), new String[] {"group_id", "basket_id"})
        .select(col("record_id"), col("group_id"), col("officer_id"), col("division_id"), col("port_id"),
            col("direction"), col("event_time").as("crossed_at"), col("unit_kind").as("flagged_for"),
            col("finding_id"), col("evidence"), col("p_value"), col("q_value"));
    // One pass over each record's rows: an officer's flag carries the record, a division's
    // flag carries it only where no officer of that division is flagged for it, and every
    // row names the division's finding too. A record and group have one port, so at most
    // one division finding backs them.
    WindowSpec sameRecord = Window.partitionBy("record_id", "group_id", "division_id");
    Column forOfficer = col("flagged_for").equalTo(DutyRosters.OFFICER);
    Dataset<Row> withFindings = records
        .withColumn("_officer_flagged", max(forOfficer).over(sameRecord))
        .withColumn("_division_finding",
            max(when(col("flagged_for").equalTo(DutyRosters.DIVISION), col("finding_id"))).over(sameRecord))
        .filter(forOfficer.or(not(col("_officer_flagged"))))
        .withColumn("officer_id", when(forOfficer, col("officer_id")))
        .withColumn("finding_ids",
            array_sort(array_distinct(array_compact(array(col("finding_id"), col("_division_finding"))))))
        .drop("_officer_flagged", "_division_finding");
    return withFindings.join(shiftsOf(withFindings, shifts),
        col("record_id").equalTo(col("_s_record")).and(col("officer_id").eqNullSafe(col("_s_officer")))
            .and(col("division_id").equalTo(col("_s_division"))), "left")
        .withColumn("shift_ids", coalesce(col("_shift_ids"), array().cast("array<string>")))
        .drop("_s_record", "_s_officer", "_s_division", "_shift_ids");
  }

  private static Dataset<Row> shiftsOf(Dataset<Row> cases, Dataset<Row> shifts) {
    Dataset<Row> keys = cases.select(col("record_id").as("_s_record"), col("officer_id").as("_s_officer"),
        col("division_id").as("_s_division"), col("port_id").as("_s_port"), col("crossed_at").as("_s_at")).distinct();
    Dataset<Row> s = shifts.select(col("shift_id"), col("officer_id").as("_r_officer"),
        col("division_id").as("_r_division"), col("port_id").as("_r_port"), col("shift_start"), col("shift_end"));
    // An officer's duty at a port is all of their shifts there, whichever division a shift is booked to.
    Column unit = when(col("_s_officer").isNull(), col("_s_division").equalTo(col("_r_division")))
        .otherwise(col("_s_officer").equalTo(col("_r_officer")));
    Column covers = col("_s_port").equalTo(col("_r_port")).and(unit)
        .and(col("shift_start").leq(col("_s_at"))).and(col("shift_end").gt(col("_s_at")));
    return keys.join(s, covers)
        .groupBy("_s_record", "_s_officer", "_s_division")
        .agg(array_sort(collect_set(col("shift_id"))).as("_shift_ids"));
  }
}
