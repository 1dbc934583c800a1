package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.integrityrisk.schema.Columns.BASKET_ID;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.schema.RequiredColumns;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.StageParameters;

/**
 * Pairs of travellers who share at least S baskets: the candidates both for large groups
 * and for co-travel beyond habit. No group of S co-crossings can hold a pair that shares
 * fewer, so nothing mined later is lost by starting from these.
 */
public final class SharedBaskets {
  private static final String STAGE = "SharedBaskets";
  /** The pair's members, a &lt; b. */
  public static final String A = "a";
  public static final String B = "b";
  /** How many baskets the pair shares. */
  public static final String TOGETHER = "together";
  private static final String TRAVELLER = "t";
  private static final String BASKET_A = "_basket_a";
  private static final String BASKET_B = "_basket_b";

  private SharedBaskets() {}

  /**
   * @param baskets {@code basket_id}, {@code items}
   * @param minSupport S, the configuration's {@code min-support}
   * @return a, b (a &lt; b), together: the baskets they share, at least {@code minSupport}
   */
  public static Dataset<Row> pairs(Dataset<Row> baskets, int minSupport) {
    Parameters.MIN_SUPPORT.require(STAGE, minSupport);
    RequiredColumns.require(STAGE, "baskets", baskets, BASKET_ID, CoTravelBaskets.ITEMS);
    Dataset<Row> memberships = baskets.select(col(BASKET_ID), explode(col(CoTravelBaskets.ITEMS)).as(TRAVELLER));
    // Distinct names on both sides: the two sides come from one dataset, and Spark would
    // otherwise read basket_id = basket_id as always true and pair every basket with every other.
    Dataset<Row> a = memberships.select(col(BASKET_ID).as(BASKET_A), col(TRAVELLER).as(A));
    Dataset<Row> b = memberships.select(col(BASKET_ID).as(BASKET_B), col(TRAVELLER).as(B));
    return a.join(b, col(BASKET_A).equalTo(col(BASKET_B)).and(col(A).lt(col(B))))
        .groupBy(A, B).agg(count(lit(1)).as(TOGETHER))
        .filter(col(TOGETHER).geq(minSupport));
  }
}
