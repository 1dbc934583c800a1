package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.spark.Persisted;

/**
 * Finds large groups before mining, so FP-growth never sees them as separate items.
 *
 * <p>A workers' shuttle of 40 riders, each present on 9 days in 10, makes nearly every
 * subset of its riders frequent: some 2^40 itemsets. Its riders are recognisable without
 * mining: their baskets are nearly the same (Jaccard at least {@code jaccard}) and they
 * share at least S of them. Connected components of such pairs, of at least
 * {@code minSize} travellers, become one item each (a basket holds the item when at
 * least half of the group is in it) and are reported as one large group. Small groups
 * (rings, carpools, families) stay as separate travellers, since FP-growth handles them
 * at no cost and their exact membership matters.
 */
public final class LargeGroups {
  /** Items standing for a large group start with this; pseudonyms are lowercase hex, so never do. */
  public static final String TOKEN_PREFIX = "large:";
  private static final int MAX_LABEL_ROUNDS = 64;
  private static final org.apache.spark.sql.types.StructType MEMBERS_SCHEMA = new org.apache.spark.sql.types.StructType()
      .add("traveller_pseudonym", DataTypes.StringType)
      .add(GroupMiner.GROUP_ID, DataTypes.StringType)
      .add("group_size", DataTypes.IntegerType);

  private final int minSize;
  private final double jaccard;
  private final Persisted persisted;

  /** @param persisted owns the edges and label rounds this keeps in memory */
  public LargeGroups(int minSize, double jaccard, Persisted persisted) {
    this.minSize = minSize;
    this.jaccard = jaccard;
    this.persisted = persisted;
  }

  /**
   * @param baskets {@code basket_id}, {@code items}
   * @param pairs {@link SharedBaskets#pairs} of the same baskets
   * @return traveller_pseudonym, group_id, group_size for every member of a large group
   */
  public Dataset<Row> members(Dataset<Row> baskets, Dataset<Row> pairs) {
    Dataset<Row> perTraveller = baskets.select(explode(col(CoTravelBaskets.ITEMS)).as("t"))
        .groupBy("t").agg(count(lit(1)).as("n"));
    Column union = col("na").plus(col("nb")).minus(col(SharedBaskets.TOGETHER));
    Dataset<Row> edges = pairs
        .join(perTraveller.withColumnRenamed("t", "a").withColumnRenamed("n", "na"), "a")
        .join(perTraveller.withColumnRenamed("t", "b").withColumnRenamed("n", "nb"), "b")
        .filter(col(SharedBaskets.TOGETHER).divide(union).geq(jaccard))
        .select("a", "b");
    edges = persisted.persist(edges);
    if (edges.isEmpty()) {
      // The usual night: no shuttle, nothing to merge, no label rounds to run.
      return baskets.sparkSession().createDataFrame(java.util.List.of(), MEMBERS_SCHEMA);
    }
    Dataset<Row> components = components(edges);
    Dataset<Row> sized = components.groupBy("component").agg(
        array_sort(collect_list("t")).as("_members"), count(lit(1)).as("group_size"))
        .filter(col("group_size").geq(minSize))
        .withColumn(GroupMiner.GROUP_ID, concat(lit("G-"), substring(sha2(concat_ws(",", col("_members")), 256), 1, 16)));
    return components.join(sized, "component")
        .select(col("t").as("traveller_pseudonym"), col(GroupMiner.GROUP_ID), col("group_size").cast(DataTypes.IntegerType));
  }

  /**
   * Connected components by repeated minimum-label propagation: every traveller takes the
   * smallest label among itself and its neighbours until nothing changes. Edges join
   * travellers of one shuttle, so components are small and converge in a few rounds.
   */
  private Dataset<Row> components(Dataset<Row> edges) {
    Dataset<Row> both = persisted.persist(edges.select(col("a").as("t"), col("b").as("n"))
        .union(edges.select(col("b").as("t"), col("a").as("n"))));
    Dataset<Row> labels = both.select(col("t"), col("t").as("component")).distinct();
    for (int round = 0; round < MAX_LABEL_ROUNDS; round++) {
      Dataset<Row> next = both.join(labels.withColumnRenamed("t", "n").withColumnRenamed("component", "nc"), "n")
          .groupBy("t").agg(min("nc").as("nc"))
          .join(labels, "t")
          .select(col("t"), least(col("component"), col("nc")).as("component"));
      next = persisted.freshPlan(next);
      long changed = next.join(labels.withColumnRenamed("component", "old"), "t")
          .filter(col("component").notEqual(col("old"))).count();
      labels = next;
      if (changed == 0) {
        break;
      }
    }
    return labels;
  }

  /**
   * Replaces each large group in a basket by its item when at least half of its members
   * are there; members of a group that is not there stay as themselves.
   *
   * @return baskets with the same columns, items rewritten
   */
  public static Dataset<Row> merge(Dataset<Row> baskets, Dataset<Row> largeMembers) {
    Dataset<Row> exploded = baskets.select(col(CoTravelBaskets.BASKET_ID), explode(col(CoTravelBaskets.ITEMS)).as("traveller_pseudonym"))
        .join(largeMembers, new String[] {"traveller_pseudonym"}, "left");
    Dataset<Row> present = exploded.filter(col(GroupMiner.GROUP_ID).isNotNull())
        .groupBy(CoTravelBaskets.BASKET_ID, GroupMiner.GROUP_ID)
        .agg(countDistinct("traveller_pseudonym").as("_present"), min("group_size").as("_size"))
        .filter(col("_present").geq(ceil(col("_size").divide(2.0))))
        .select(col(CoTravelBaskets.BASKET_ID).as("_present_basket"), col(GroupMiner.GROUP_ID).as("_present_group"));
    Dataset<Row> items = exploded.join(present, col(CoTravelBaskets.BASKET_ID).equalTo(col("_present_basket"))
            .and(col(GroupMiner.GROUP_ID).equalTo(col("_present_group"))), "left")
        .select(col(CoTravelBaskets.BASKET_ID),
            when(col("_present_group").isNotNull(), concat(lit(TOKEN_PREFIX), col("_present_group")))
                .otherwise(col("traveller_pseudonym")).as("item"));
    Dataset<Row> rewritten = items.groupBy(CoTravelBaskets.BASKET_ID)
        .agg(array_sort(array_distinct(collect_list("item"))).as("_items"));
    return baskets.join(rewritten, CoTravelBaskets.BASKET_ID)
        .withColumn(CoTravelBaskets.ITEMS, col("_items")).drop("_items")
        .filter(size(col(CoTravelBaskets.ITEMS)).geq(1));
  }
}
