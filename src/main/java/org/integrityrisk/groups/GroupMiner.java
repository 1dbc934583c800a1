package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.baskets.FrequentTravellers;

/**
 * Finds groups of travellers who repeatedly cross together: the closed frequent itemsets
 * of two or more travellers that Spark MLlib's FP-growth finds in the baskets.
 */
public final class GroupMiner {
  public static final String GROUP_ID = "group_id";
  public static final String MEMBERS = "members";
  static final StructType SCHEMA = new StructType()
      .add(GROUP_ID, DataTypes.StringType)
      .add(MEMBERS, DataTypes.createArrayType(DataTypes.StringType))
      .add("co_crossings", DataTypes.IntegerType)
      .add("size", DataTypes.IntegerType)
      .add("association_lift", DataTypes.DoubleType)
      .add("all_confidence", DataTypes.DoubleType)
      .add("large_group", DataTypes.BooleanType);

  private final int minSupport;

  public GroupMiner(int minSupport) {
    this.minSupport = minSupport;
  }

  /**
   * @param baskets the baskets, large groups merged ({@link LargeGroups#merge}): each large
   *     group's co-crossings are counted here
   * @param transactions what FP-growth mines ({@link CoTravellers#transactions}): individual
   *     travellers only, {@code transactionCount} of them
   * @param basketCount every basket of the window, singletons included: the crossing
   *     moments against which chance co-travel is measured
   * @param travellerCrossings {@code traveller_pseudonym}, {@code traveller_crossings}
   * @param largeMembers members of large groups ({@link LargeGroups#members})
   * @return one row per group: id, members, co_crossings, size, association_lift, all_confidence, large_group
   */
  public Dataset<Row> apply(Dataset<Row> baskets, Dataset<Row> transactions, long transactionCount, long basketCount,
      Dataset<Row> travellerCrossings, Dataset<Row> largeMembers) {
    Dataset<Row> tokens = largeMembers.groupBy(GROUP_ID)
        .agg(array_sort(collect_list(FrequentTravellers.TRAVELLER)).as(MEMBERS))
        .withColumn("_token", concat(lit(LargeGroups.TOKEN_PREFIX), col(GROUP_ID)));
    Dataset<Row> large = describe(tokens.join(
            baskets.select(explode(col(CoTravelBaskets.ITEMS)).as("_token")).groupBy("_token").agg(count(lit(1)).as("freq")),
            "_token").select(col(MEMBERS).as("items"), col("freq")),
        basketCount, travellerCrossings).withColumn("large_group", lit(true));
    if (transactionCount < minSupport) {
      return large;
    }
    // MLlib keeps itemsets with count >= ceil(minSupport * n); S/n can round up to S+1,
    // half a transaction below S cannot.
    double support = (minSupport - 0.5) / transactionCount;
    Dataset<Row> itemsets = new FPGrowth()
        .setItemsCol(CoTravelBaskets.ITEMS)
        .setMinSupport(support)
        .fit(transactions)
        .freqItemsets()
        .filter(size(col("items")).geq(2));
    return describe(ClosedItemsets.apply(itemsets), basketCount, travellerCrossings)
        .withColumn("large_group", lit(false))
        .unionByName(large);
  }

  /**
   * Adds the association measures. Lift compares co-crossings with what independent
   * members would produce: each member is in a given basket with probability
   * crossings / baskets, so all of them together in basketCount * product of those.
   * All-confidence is the share of the busiest member's crossings made with the group.
   */
  private static Dataset<Row> describe(Dataset<Row> closed, long basketCount, Dataset<Row> travellerCrossings) {
    Dataset<Row> groups = closed.select(
        concat(lit("G-"), substring(sha2(concat_ws(",", col("items")), 256), 1, 16)).as(GROUP_ID),
        col("items").as(MEMBERS),
        col("freq").cast(DataTypes.IntegerType).as("co_crossings"));
    Dataset<Row> chance = groups
        .select(col(GROUP_ID), explode(col(MEMBERS)).as(FrequentTravellers.TRAVELLER))
        .join(travellerCrossings, FrequentTravellers.TRAVELLER)
        .groupBy(GROUP_ID)
        .agg(max(col(FrequentTravellers.TRAVELLER_CROSSINGS)).as("_busiest"),
            sum(log(col(FrequentTravellers.TRAVELLER_CROSSINGS).divide(lit((double) basketCount)))).as("_log_chance"));
    return groups.join(chance, GROUP_ID).select(
        col(GROUP_ID),
        col(MEMBERS),
        col("co_crossings"),
        size(col(MEMBERS)).as("size"),
        col("co_crossings").divide(exp(col("_log_chance")).multiply(lit((double) basketCount))).as("association_lift"),
        col("co_crossings").divide(col("_busiest")).as("all_confidence"));
  }
}
