package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.alignment.DutyRosters;

/**
 * The clearance records behind every flagged test: the records of the group's events
 * that fell in the flagged officer's or division's duty. Where an officer is flagged,
 * the record carries the officer; a record that only a division's flag explains has
 * no officer.
 */
public final class FlaggedCases {
  private FlaggedCases() {}

  /**
   * @param tests tested alignments with {@code flagged}
   * @param events group events (group_id, basket_id, record_ids, event_time)
   */
  public static Dataset<Row> apply(Dataset<Row> tests, Dataset<Row> events) {
    Dataset<Row> alignedEvents = tests.filter(col("flagged"))
        .select(col("group_id"), col("port_id"), col("unit_kind"), col("officer_id"), col("division_id"),
            col("p_value"), col("q_value"), col("evidence"), explode(col("case_basket_ids")).as("basket_id"));
    Dataset<Row> records = alignedEvents
        .join(events.select(col("group_id"), col("basket_id"), col("direction"), col("event_time"),
            explode(col("record_ids")).as("record_id")), new String[] {"group_id", "basket_id"})
        .select(col("record_id"), col("group_id"), col("officer_id"), col("division_id"), col("port_id"),
            col("direction"), col("event_time").as("crossed_at"), col("unit_kind").as("flagged_for"),
            col("evidence"), col("p_value"), col("q_value"));
    Dataset<Row> byOfficer = records.filter(col("flagged_for").equalTo(DutyRosters.OFFICER));
    Dataset<Row> byDivision = records.filter(col("flagged_for").equalTo(DutyRosters.DIVISION));
    Dataset<Row> divisionOnly = byDivision.join(
        byOfficer.select(col("record_id"), col("group_id"), col("division_id")),
        new String[] {"record_id", "group_id", "division_id"}, "left_anti");
    return byOfficer.unionByName(divisionOnly.withColumn("officer_id", lit(null).cast("string")));
  }
}
