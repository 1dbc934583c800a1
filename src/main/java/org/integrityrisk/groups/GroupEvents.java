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

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.baskets.FrequentTravellers;

/**
 * The moments a group crossed: every basket in which two or more of its members were
 * cleared, exits and entries alike. A group's alignment with duty is judged on these.
 */
public final class GroupEvents {
  private GroupEvents() {}

  /**
   * @param groups {@code group_id}, {@code members}
   * @param assigned crossings with their {@code basket_id}
   * @return group_id, basket_id, port_id, direction, event_time (first clearance of a member),
   *     local_date and local_second_of_day of that clearance, members_present, record_ids
   */
  public static Dataset<Row> apply(Dataset<Row> groups, Dataset<Row> assigned) {
    Dataset<Row> membership = groups.select(col(GroupMiner.GROUP_ID),
        explode(col(GroupMiner.MEMBERS)).as(FrequentTravellers.TRAVELLER));
    return assigned.join(membership, FrequentTravellers.TRAVELLER)
        .groupBy(col(GroupMiner.GROUP_ID), col(CoTravelBaskets.BASKET_ID), col("port_id"), col("direction"))
        .agg(countDistinct(FrequentTravellers.TRAVELLER).as("members_present"),
            min(struct(col("crossed_at"), col("local_date"), col("local_second_of_day"))).as("_first"),
            array_sort(collect_list(col("record_id"))).as("record_ids"))
        .filter(col("members_present").geq(2))
        .select(col(GroupMiner.GROUP_ID), col(CoTravelBaskets.BASKET_ID), col("port_id"), col("direction"),
            col("_first.crossed_at").as("event_time"), col("_first.local_date").as("local_date"),
            col("_first.local_second_of_day").as("local_second_of_day"), col("members_present"), col("record_ids"));
  }

  /** Per group: the ports it crossed at, its first and last event and how many events it has. */
  public static Dataset<Row> summary(Dataset<Row> events) {
    return events.groupBy(GroupMiner.GROUP_ID).agg(
        array_sort(collect_set(col("port_id"))).as("ports"),
        min("event_time").as("first_crossing"),
        max("event_time").as("last_crossing"),
        count(lit(1)).as("events"));
  }
}
