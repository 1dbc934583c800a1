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
import static org.integrityrisk.schema.Columns.BASKET_ID;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.DIRECTION;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.RECORD_ID;
import static org.integrityrisk.schema.Columns.TRAVELLER_PSEUDONYM;
import static org.integrityrisk.schema.Columns.VEHICLE_ID;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.schema.RequiredColumns;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.StageParameters;

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
  private static final String STAGE = "CoTravelBaskets";
  /** A basket's first clearance. */
  public static final String BASKET_START = "basket_start";
  /** A basket's travellers (pseudonyms), sorted and distinct; later stages put large-group items here too. */
  public static final String ITEMS = "items";
  /** The chain a crossing's basket was cut from, and which piece (by time, by size) it is. */
  public static final String CHAIN_ID = "basket_chain";
  public static final String TIME_PIECE = "basket_time_piece";
  public static final String SIZE_PIECE = "basket_size_piece";
  private static final String UNIT_TIME = "_unit_time";
  private static final String NEW_PASSAGE = "_new_passage";
  private static final String PASSAGE = "_passage";
  private static final String NEW_BASKET = "_new_basket";
  private static final String BASKET_NO = "_basket_no";
  /** Joins the parts of chain and basket ids. */
  private static final String ID_SEPARATOR = "/";

  private final Params params;

  /**
   * How baskets are cut, each checked against its configuration key's range.
   *
   * @param basketMinutes W ({@code basket-minutes}): the session gap that chains crossings
   * @param vehicleMinutes {@code vehicle-minutes}: one vehicle's clearances this close are one passage
   * @param maxBasketMinutes {@code max-basket-minutes}: longer chains are cut into pieces of this length
   * @param maxBasketSize {@code max-basket-size}: wider pieces are cut, in clearance order, to this many
   */
  public record Params(int basketMinutes, int vehicleMinutes, int maxBasketMinutes, int maxBasketSize) {
    public Params {
      Parameters.BASKET_MINUTES.require(STAGE, basketMinutes);
      Parameters.VEHICLE_MINUTES.require(STAGE, vehicleMinutes);
      Parameters.MAX_BASKET_MINUTES.require(STAGE, maxBasketMinutes);
      Parameters.MAX_BASKET_SIZE.require(STAGE, maxBasketSize);
    }

    /** The configuration's values. */
    public static Params of(PipelineConfig config) {
      return new Params(config.basketMinutes(), config.vehicleMinutes(), config.maxBasketMinutes(),
          config.maxBasketSize());
    }
  }

  public CoTravelBaskets(Params params) {
    this.params = StageParameters.given(STAGE, "params", params);
  }

  /** Each crossing with the id of its basket. */
  public Dataset<Row> assign(Dataset<Row> crossings) {
    RequiredColumns.require(STAGE, "crossings", crossings, PORT_ID, DIRECTION, VEHICLE_ID, CROSSED_AT, RECORD_ID);
    Column seconds = col(CROSSED_AT).cast("long");
    WindowSpec byVehicle = Window.partitionBy(PORT_ID, DIRECTION, VEHICLE_ID).orderBy(seconds, col(RECORD_ID));
    Column newPassage = coalesce(seconds.minus(lag(seconds, 1).over(byVehicle)).gt(params.vehicleMinutes() * 60L),
        lit(true));
    Dataset<Row> passages = crossings
        .withColumn(NEW_PASSAGE, when(col(VEHICLE_ID).isNotNull(), newPassage.cast("int")))
        .withColumn(PASSAGE, sum(NEW_PASSAGE).over(byVehicle.rowsBetween(Window.unboundedPreceding(), 0)))
        .withColumn(UNIT_TIME, when(col(VEHICLE_ID).isNull(), seconds).otherwise(
            min(seconds).over(Window.partitionBy(PORT_ID, DIRECTION, VEHICLE_ID, PASSAGE))));

    WindowSpec byPort = Window.partitionBy(PORT_ID, DIRECTION).orderBy(col(UNIT_TIME), col(RECORD_ID));
    Column newBasket = coalesce(
        col(UNIT_TIME).minus(lag(col(UNIT_TIME), 1).over(byPort)).gt(params.basketMinutes() * 60L), lit(true));
    Dataset<Row> chained = passages
        .withColumn(NEW_BASKET, newBasket.cast("int"))
        .withColumn(BASKET_NO, sum(NEW_BASKET).over(byPort.rowsBetween(Window.unboundedPreceding(), 0)))
        .withColumn(CHAIN_ID, concat_ws(ID_SEPARATOR, col(PORT_ID), col(DIRECTION), col(BASKET_NO).cast("string")));
    // Both cuts partition within a chain, so they reuse the chain's shuffle.
    WindowSpec byChain = Window.partitionBy(PORT_ID, DIRECTION, BASKET_NO);
    Dataset<Row> timed = chained.withColumn(TIME_PIECE, floor(col(UNIT_TIME).minus(min(col(UNIT_TIME)).over(byChain))
        .divide(params.maxBasketMinutes() * 60L)).cast("int"));
    WindowSpec byPiece = Window.partitionBy(col(PORT_ID), col(DIRECTION), col(BASKET_NO), col(TIME_PIECE))
        .orderBy(col(UNIT_TIME), col(RECORD_ID));
    return timed
        .withColumn(SIZE_PIECE, floor(row_number().over(byPiece).minus(1).divide(params.maxBasketSize())).cast("int"))
        .withColumn(BASKET_ID, concat_ws(ID_SEPARATOR, col(CHAIN_ID), col(TIME_PIECE).cast("string"),
            col(SIZE_PIECE).cast("string")))
        .drop(NEW_PASSAGE, PASSAGE, UNIT_TIME, NEW_BASKET, BASKET_NO);
  }

  /** One row per basket of two or more travellers: the transactions FP-growth mines. */
  public static Dataset<Row> baskets(Dataset<Row> assigned) {
    RequiredColumns.require(STAGE, "assigned crossings", assigned, BASKET_ID, PORT_ID, DIRECTION, TRAVELLER_PSEUDONYM,
        CROSSED_AT);
    return assigned
        .groupBy(col(BASKET_ID), col(PORT_ID), col(DIRECTION))
        .agg(array_sort(array_distinct(collect_list(TRAVELLER_PSEUDONYM))).as(ITEMS),
            min(CROSSED_AT).as(BASKET_START))
        .filter(size(col(ITEMS)).geq(2));
  }
}
