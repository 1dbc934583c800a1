package org.integrityrisk.baskets;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Cuts frequent travellers' crossings into co-travel baskets, per port and direction.
 *
 * <p>A basket is a chain of crossings in which each follows the previous one by at most
 * W minutes (a session gap): every crossing lands in exactly one basket, so support is
 * never inflated by overlapping windows, and two travellers cleared within W minutes of
 * each other are never split by a grid edge. Travellers in one vehicle first become one
 * passage (their clearances may be spread over a longer time, a coach more than a car),
 * which enters the chain at the time of its first clearance.
 */
public final class CoTravelBaskets {
  public static final String BASKET_ID = "basket_id";
  public static final String BASKET_START = "basket_start";
  public static final String ITEMS = "items";
  /** The chain a crossing's basket was cut from, and which piece (by time, by size) it is. */
  public static final String CHAIN_ID = "basket_chain";
  public static final String TIME_PIECE = "basket_time_piece";
  public static final String SIZE_PIECE = "basket_size_piece";
  private static final String UNIT_TIME = "_unit_time";

  private final int basketMinutes;
  private final int vehicleMinutes;
  private final int maxBasketMinutes;
  private final int maxBasketSize;

  public CoTravelBaskets(int basketMinutes, int vehicleMinutes, int maxBasketMinutes, int maxBasketSize) {
    this.basketMinutes = basketMinutes;
    this.vehicleMinutes = vehicleMinutes;
    this.maxBasketMinutes = maxBasketMinutes;
    this.maxBasketSize = maxBasketSize;
  }

  /** Each crossing with the id of its basket. */
  public Dataset<Row> assign(Dataset<Row> crossings) {
    Column seconds = col("crossed_at").cast("long");
    WindowSpec byVehicle = Window.partitionBy("port_id", "direction", "vehicle_id").orderBy(seconds, col("record_id"));
    Column newPassage = coalesce(seconds.minus(lag(seconds, 1).over(byVehicle)).gt(vehicleMinutes * 60L), lit(true));
    Dataset<Row> passages = crossings
        .withColumn("_new_passage", when(col("vehicle_id").isNotNull(), newPassage.cast("int")))
        .withColumn("_passage", sum("_new_passage").over(byVehicle.rowsBetween(Window.unboundedPreceding(), 0)))
        .withColumn(UNIT_TIME, when(col("vehicle_id").isNull(), seconds).otherwise(
            min(seconds).over(Window.partitionBy("port_id", "direction", "vehicle_id", "_passage"))));

    WindowSpec byPort = Window.partitionBy("port_id", "direction").orderBy(col(UNIT_TIME), col("record_id"));
    Column newBasket = coalesce(col(UNIT_TIME).minus(lag(col(UNIT_TIME), 1).over(byPort)).gt(basketMinutes * 60L),
        lit(true));
    Dataset<Row> chained = passages
        .withColumn("_new_basket", newBasket.cast("int"))
        .withColumn("_basket_no", sum("_new_basket").over(byPort.rowsBetween(Window.unboundedPreceding(), 0)))
        .withColumn(CHAIN_ID, concat_ws("/", col("port_id"), col("direction"), col("_basket_no").cast("string")));
    // Both cuts partition within a chain, so they reuse the chain's shuffle.
    WindowSpec byChain = Window.partitionBy("port_id", "direction", "_basket_no");
    Dataset<Row> timed = chained.withColumn(TIME_PIECE,
        floor(col(UNIT_TIME).minus(min(col(UNIT_TIME)).over(byChain)).divide(maxBasketMinutes * 60L)).cast("int"));
    WindowSpec byPiece = Window.partitionBy(col("port_id"), col("direction"), col("_basket_no"), col(TIME_PIECE))
        .orderBy(col(UNIT_TIME), col("record_id"));
    return timed
        .withColumn(SIZE_PIECE, floor(row_number().over(byPiece).minus(1).divide(maxBasketSize)).cast("int"))
        .withColumn(BASKET_ID, concat_ws("/", col(CHAIN_ID), col(TIME_PIECE).cast("string"),
            col(SIZE_PIECE).cast("string")))
        .drop("_new_passage", "_passage", UNIT_TIME, "_new_basket", "_basket_no");
  }

  /** One row per basket of two or more travellers: the transactions FP-growth mines. */
  public static Dataset<Row> baskets(Dataset<Row> assigned) {
    return assigned
        .groupBy(col(BASKET_ID), col("port_id"), col("direction"))
        .agg(array_sort(array_distinct(collect_list(FrequentTravellers.TRAVELLER))).as(ITEMS),
            min("crossed_at").as(BASKET_START))
        .filter(size(col(ITEMS)).geq(2));
  }
}
