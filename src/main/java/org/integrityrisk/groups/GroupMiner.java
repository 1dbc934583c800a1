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
import static org.integrityrisk.schema.Columns.ALL_CONFIDENCE;
import static org.integrityrisk.schema.Columns.ASSOCIATION_LIFT;
import static org.integrityrisk.schema.Columns.CO_CROSSINGS;
import static org.integrityrisk.schema.Columns.GROUP_ID;
import static org.integrityrisk.schema.Columns.LARGE_GROUP;
import static org.integrityrisk.schema.Columns.MEMBERS;
import static org.integrityrisk.schema.Columns.SIZE;
import static org.integrityrisk.schema.Columns.TRAVELLER_PSEUDONYM;

import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.baskets.FrequentTravellers;
import org.integrityrisk.schema.RequiredColumns;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.StageParameters;

/**
 * Finds groups of travellers who repeatedly cross together: the closed frequent itemsets
 * of two or more travellers that Spark MLlib's FP-growth finds in the baskets.
 */
public final class GroupMiner {
  private static final String STAGE = "GroupMiner";
  /** A group id is this followed by 16 hex digits of the SHA-256 of its sorted members. */
  private static final String GROUP_ID_PREFIX = "G-";
  private static final String TOKEN = "_token";
  private static final String BUSIEST = "_busiest";
  private static final String LOG_CHANCE = "_log_chance";
  static final StructType SCHEMA = new StructType()
      .add(GROUP_ID, DataTypes.StringType)
      .add(MEMBERS, DataTypes.createArrayType(DataTypes.StringType))
      .add(CO_CROSSINGS, DataTypes.IntegerType)
      .add(SIZE, DataTypes.IntegerType)
      .add(ASSOCIATION_LIFT, DataTypes.DoubleType)
      .add(ALL_CONFIDENCE, DataTypes.DoubleType)
      .add(LARGE_GROUP, DataTypes.BooleanType);

  private final int minSupport;

  /** @param minSupport S, the configuration's {@code min-support} */
  public GroupMiner(int minSupport) {
    this.minSupport = Parameters.MIN_SUPPORT.require(STAGE, minSupport);
  }

  /** A group's id: the same members always give the same id, in this run and the next. */
  static Column groupId(Column sortedMembers) {
    return concat(lit(GROUP_ID_PREFIX), substring(sha2(concat_ws(",", sortedMembers), 256), 1, 16));
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
    RequiredColumns.require(STAGE, "baskets", baskets, CoTravelBaskets.ITEMS);
    RequiredColumns.require(STAGE, "transactions", transactions, CoTravelBaskets.ITEMS);
    RequiredColumns.require(STAGE, "traveller crossings", travellerCrossings, TRAVELLER_PSEUDONYM,
        FrequentTravellers.TRAVELLER_CROSSINGS);
    RequiredColumns.require(STAGE, "large group members", largeMembers, GROUP_ID, TRAVELLER_PSEUDONYM);
    Dataset<Row> tokens = largeMembers.groupBy(GROUP_ID)
        .agg(array_sort(collect_list(TRAVELLER_PSEUDONYM)).as(MEMBERS))
        .withColumn(TOKEN, concat(lit(LargeGroups.TOKEN_PREFIX), col(GROUP_ID)));
    Dataset<Row> large = describe(tokens.join(
            baskets.select(explode(col(CoTravelBaskets.ITEMS)).as(TOKEN)).groupBy(TOKEN)
                .agg(count(lit(1)).as(ClosedItemsets.FREQ)),
            TOKEN).select(col(MEMBERS).as(ClosedItemsets.ITEMS), col(ClosedItemsets.FREQ)),
        basketCount, travellerCrossings).withColumn(LARGE_GROUP, lit(true));
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
        .filter(size(col(ClosedItemsets.ITEMS)).geq(2));
    return describe(ClosedItemsets.apply(itemsets), basketCount, travellerCrossings)
        .withColumn(LARGE_GROUP, lit(false))
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
        groupId(col(ClosedItemsets.ITEMS)).as(GROUP_ID),
        col(ClosedItemsets.ITEMS).as(MEMBERS),
        col(ClosedItemsets.FREQ).cast(DataTypes.IntegerType).as(CO_CROSSINGS));
    Dataset<Row> chance = groups
        .select(col(GROUP_ID), explode(col(MEMBERS)).as(TRAVELLER_PSEUDONYM))
        .join(travellerCrossings, TRAVELLER_PSEUDONYM)
        .groupBy(GROUP_ID)
        .agg(max(col(FrequentTravellers.TRAVELLER_CROSSINGS)).as(BUSIEST),
            sum(log(col(FrequentTravellers.TRAVELLER_CROSSINGS).divide(lit((double) basketCount)))).as(LOG_CHANCE));
    return groups.join(chance, GROUP_ID).select(
        col(GROUP_ID),
        col(MEMBERS),
        col(CO_CROSSINGS),
        size(col(MEMBERS)).as(SIZE),
        col(CO_CROSSINGS).divide(exp(col(LOG_CHANCE)).multiply(lit((double) basketCount))).as(ASSOCIATION_LIFT),
        col(CO_CROSSINGS).divide(col(BUSIEST)).as(ALL_CONFIDENCE));
  }
}
