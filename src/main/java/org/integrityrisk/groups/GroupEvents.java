package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.integrityrisk.schema.Columns.BASKET_ID;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.DIRECTION;
import static org.integrityrisk.schema.Columns.EVENTS;
import static org.integrityrisk.schema.Columns.EVENT_TIME;
import static org.integrityrisk.schema.Columns.FIRST_CROSSING;
import static org.integrityrisk.schema.Columns.GROUP_ID;
import static org.integrityrisk.schema.Columns.LAST_CROSSING;
import static org.integrityrisk.schema.Columns.LOCAL_DATE;
import static org.integrityrisk.schema.Columns.LOCAL_SECOND_OF_DAY;
import static org.integrityrisk.schema.Columns.MEMBERS;
import static org.integrityrisk.schema.Columns.MEMBERS_PRESENT;
import static org.integrityrisk.schema.Columns.PORTS;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.RECORD_ID;
import static org.integrityrisk.schema.Columns.RECORD_IDS;
import static org.integrityrisk.schema.Columns.TRAVELLER_PSEUDONYM;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.schema.RequiredColumns;

/**
 * The moments a group crossed: every basket in which two or more of its members were
 * cleared, exits and entries alike. A group's alignment with duty is judged on these.
 */
public final class GroupEvents {
  private static final String STAGE = "GroupEvents";
  /** The first clearance of a member in the basket, while events are built. */
  private static final String FIRST = "_first";

  private GroupEvents() {}

  /**
   * @param groups {@code group_id}, {@code members}
   * @param assigned crossings with their {@code basket_id}
   * @return group_id, basket_id, port_id, direction, event_time (first clearance of a member),
   *     local_date and local_second_of_day of that clearance, members_present, record_ids
   */
  public static Dataset<Row> apply(Dataset<Row> groups, Dataset<Row> assigned) {
    RequiredColumns.require(STAGE, "groups", groups, GROUP_ID, MEMBERS);
    RequiredColumns.require(STAGE, "assigned crossings", assigned, TRAVELLER_PSEUDONYM, BASKET_ID, PORT_ID, DIRECTION,
        CROSSED_AT, LOCAL_DATE, LOCAL_SECOND_OF_DAY, RECORD_ID);
    Dataset<Row> membership = groups.select(col(GROUP_ID), explode(col(MEMBERS)).as(TRAVELLER_PSEUDONYM));
    return assigned.join(membership, TRAVELLER_PSEUDONYM)
        .groupBy(col(GROUP_ID), col(BASKET_ID), col(PORT_ID), col(DIRECTION))
        .agg(countDistinct(TRAVELLER_PSEUDONYM).as(MEMBERS_PRESENT),
            min(struct(col(CROSSED_AT), col(LOCAL_DATE), col(LOCAL_SECOND_OF_DAY))).as(FIRST),
            array_sort(collect_list(col(RECORD_ID))).as(RECORD_IDS))
        .filter(col(MEMBERS_PRESENT).geq(2))
        .select(col(GROUP_ID), col(BASKET_ID), col(PORT_ID), col(DIRECTION),
            col(FIRST + "." + CROSSED_AT).as(EVENT_TIME), col(FIRST + "." + LOCAL_DATE).as(LOCAL_DATE),
            col(FIRST + "." + LOCAL_SECOND_OF_DAY).as(LOCAL_SECOND_OF_DAY), col(MEMBERS_PRESENT), col(RECORD_IDS));
  }

  /** Per group: the ports it crossed at, its first and last event and how many events it has. */
  public static Dataset<Row> summary(Dataset<Row> events) {
    RequiredColumns.require(STAGE, "events", events, GROUP_ID, PORT_ID, EVENT_TIME);
    return events.groupBy(GROUP_ID).agg(
        array_sort(collect_set(col(PORT_ID))).as(PORTS),
        min(EVENT_TIME).as(FIRST_CROSSING),
        max(EVENT_TIME).as(LAST_CROSSING),
        count(lit(1)).as(EVENTS));
  }
}
