package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.baskets.CoTravelBaskets.ITEMS;
import static org.integrityrisk.groups.SharedBaskets.A;
import static org.integrityrisk.groups.SharedBaskets.B;
import static org.integrityrisk.groups.SharedBaskets.TOGETHER;
import static org.integrityrisk.schema.Columns.BASKET_ID;
import static org.integrityrisk.schema.Columns.GROUP_ID;
import static org.integrityrisk.schema.Columns.TRAVELLER_PSEUDONYM;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.schema.RequiredColumns;
import org.integrityrisk.spark.Persisted;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.StageParameters;

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
  private static final String STAGE = "LargeGroups";
  /** Items standing for a large group start with this; pseudonyms are lowercase hex, so never do. */
  public static final String TOKEN_PREFIX = "large:";
  private static final int MAX_LABEL_ROUNDS = 64;
  /** How many travellers the member's large group has. */
  private static final String GROUP_SIZE = "group_size";
  // Aliases inside this class: a traveller, their basket count, a neighbour, a component's label.
  private static final String TRAVELLER = "t";
  private static final String BASKET_COUNT = "n";
  private static final String NEIGHBOUR = "n";
  private static final String BASKETS_A = "na";
  private static final String BASKETS_B = "nb";
  private static final String COMPONENT = "component";
  private static final String NEIGHBOUR_COMPONENT = "nc";
  private static final String OLD_COMPONENT = "old";
  private static final String SORTED_MEMBERS = "_members";
  private static final String PRESENT = "_present";
  private static final String SIZE = "_size";
  private static final String PRESENT_BASKET = "_present_basket";
  private static final String PRESENT_GROUP = "_present_group";
  private static final String ITEM = "item";
  private static final String NEW_ITEMS = "_items";
  private static final StructType MEMBERS_SCHEMA = new StructType()
      .add(TRAVELLER_PSEUDONYM, DataTypes.StringType)
      .add(GROUP_ID, DataTypes.StringType)
      .add(GROUP_SIZE, DataTypes.IntegerType);

  private final Params params;
  private final Persisted persisted;

  /**
   * What makes a large group, each checked against its configuration key's range.
   *
   * @param minSize {@code large-group-size}: the fewest travellers a large group has
   * @param jaccard {@code large-group-jaccard}: how alike two members' baskets must be
   */
  public record Params(int minSize, double jaccard) {
    public Params {
      Parameters.LARGE_GROUP_SIZE.require(STAGE, minSize);
      Parameters.LARGE_GROUP_JACCARD.require(STAGE, jaccard);
    }

    /** The configuration's values. */
    public static Params of(PipelineConfig config) {
      return new Params(config.largeGroupSize(), config.largeGroupJaccard());
    }
  }

  /** @param persisted owns the edges and label rounds this keeps in memory */
  public LargeGroups(Params params, Persisted persisted) {
    this.params = StageParameters.given(STAGE, "params", params);
    this.persisted = StageParameters.given(STAGE, "persisted", persisted);
  }

  /**
   * @param baskets {@code basket_id}, {@code items}
   * @param pairs {@link SharedBaskets#pairs} of the same baskets
   * @return traveller_pseudonym, group_id, group_size for every member of a large group
   */
  public Dataset<Row> members(Dataset<Row> baskets, Dataset<Row> pairs) {
    RequiredColumns.require(STAGE, "baskets", baskets, ITEMS);
    RequiredColumns.require(STAGE, "pairs", pairs, A, B, TOGETHER);
    Dataset<Row> perTraveller = baskets.select(explode(col(ITEMS)).as(TRAVELLER))
        .groupBy(TRAVELLER).agg(count(lit(1)).as(BASKET_COUNT));
    Column union = col(BASKETS_A).plus(col(BASKETS_B)).minus(col(TOGETHER));
    Dataset<Row> edges = pairs
        .join(perTraveller.withColumnRenamed(TRAVELLER, A).withColumnRenamed(BASKET_COUNT, BASKETS_A), A)
        .join(perTraveller.withColumnRenamed(TRAVELLER, B).withColumnRenamed(BASKET_COUNT, BASKETS_B), B)
        .filter(col(TOGETHER).divide(union).geq(params.jaccard()))
        .select(A, B);
    edges = persisted.persist(edges);
    if (edges.isEmpty()) {
      // The usual night: no shuttle, nothing to merge, no label rounds to run.
      return baskets.sparkSession().createDataFrame(java.util.List.of(), MEMBERS_SCHEMA);
    }
    Dataset<Row> components = components(edges);
    Dataset<Row> sized = components.groupBy(COMPONENT).agg(
        array_sort(collect_list(TRAVELLER)).as(SORTED_MEMBERS), count(lit(1)).as(GROUP_SIZE))
        .filter(col(GROUP_SIZE).geq(params.minSize()))
        .withColumn(GROUP_ID, GroupMiner.groupId(col(SORTED_MEMBERS)));
    return components.join(sized, COMPONENT)
        .select(col(TRAVELLER).as(TRAVELLER_PSEUDONYM), col(GROUP_ID), col(GROUP_SIZE).cast(DataTypes.IntegerType));
  }

  /**
   * Connected components by repeated minimum-label propagation: every traveller takes the
   * smallest label among itself and its neighbours until nothing changes. Edges join
   * travellers of one shuttle, so components are small and converge in a few rounds.
   */
  private Dataset<Row> components(Dataset<Row> edges) {
    Dataset<Row> both = persisted.persist(edges.select(col(A).as(TRAVELLER), col(B).as(NEIGHBOUR))
        .union(edges.select(col(B).as(TRAVELLER), col(A).as(NEIGHBOUR))));
    Dataset<Row> labels = both.select(col(TRAVELLER), col(TRAVELLER).as(COMPONENT)).distinct();
    for (int round = 0; round < MAX_LABEL_ROUNDS; round++) {
      Dataset<Row> next = both.join(labels.withColumnRenamed(TRAVELLER, NEIGHBOUR)
              .withColumnRenamed(COMPONENT, NEIGHBOUR_COMPONENT), NEIGHBOUR)
          .groupBy(TRAVELLER).agg(min(NEIGHBOUR_COMPONENT).as(NEIGHBOUR_COMPONENT))
          .join(labels, TRAVELLER)
          .select(col(TRAVELLER), least(col(COMPONENT), col(NEIGHBOUR_COMPONENT)).as(COMPONENT));
      next = persisted.freshPlan(next);
      long changed = next.join(labels.withColumnRenamed(COMPONENT, OLD_COMPONENT), TRAVELLER)
          .filter(col(COMPONENT).notEqual(col(OLD_COMPONENT))).count();
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
   * @param largeMembers {@link #members}' rows
   * @return baskets with the same columns, items rewritten
   */
  public static Dataset<Row> merge(Dataset<Row> baskets, Dataset<Row> largeMembers) {
    RequiredColumns.require(STAGE, "baskets", baskets, BASKET_ID, ITEMS);
    RequiredColumns.require(STAGE, "large group members", largeMembers, TRAVELLER_PSEUDONYM, GROUP_ID, GROUP_SIZE);
    Dataset<Row> exploded = baskets.select(col(BASKET_ID), explode(col(ITEMS)).as(TRAVELLER_PSEUDONYM))
        .join(largeMembers, new String[] {TRAVELLER_PSEUDONYM}, "left");
    Dataset<Row> present = exploded.filter(col(GROUP_ID).isNotNull())
        .groupBy(BASKET_ID, GROUP_ID)
        .agg(countDistinct(TRAVELLER_PSEUDONYM).as(PRESENT), min(GROUP_SIZE).as(SIZE))
        .filter(col(PRESENT).geq(ceil(col(SIZE).divide(2.0))))
        .select(col(BASKET_ID).as(PRESENT_BASKET), col(GROUP_ID).as(PRESENT_GROUP));
    Dataset<Row> items = exploded.join(present, col(BASKET_ID).equalTo(col(PRESENT_BASKET))
            .and(col(GROUP_ID).equalTo(col(PRESENT_GROUP))), "left")
        .select(col(BASKET_ID),
            when(col(PRESENT_GROUP).isNotNull(), concat(lit(TOKEN_PREFIX), col(PRESENT_GROUP)))
                .otherwise(col(TRAVELLER_PSEUDONYM)).as(ITEM));
    Dataset<Row> rewritten = items.groupBy(BASKET_ID)
        .agg(array_sort(array_distinct(collect_list(ITEM))).as(NEW_ITEMS));
    return baskets.join(rewritten, BASKET_ID)
        .withColumn(ITEMS, col(NEW_ITEMS)).drop(NEW_ITEMS)
        .filter(size(col(ITEMS)).geq(1));
  }
}
