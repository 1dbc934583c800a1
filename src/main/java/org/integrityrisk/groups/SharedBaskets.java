package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.baskets.CoTravelBaskets;

/**
 * Pairs of travellers who share at least S baskets: the candidates both for large groups
 * and for co-travel beyond habit. No group of S co-crossings can hold a pair that shares
 * fewer, so nothing mined later is lost by starting from these.
 */
public final class SharedBaskets {
  public static final String A = "a";
  public static final String B = "b";
  public static final String TOGETHER = "together";

  private SharedBaskets() {}

  /**
   * @param baskets {@code basket_id}, {@code items}
   * @return a, b (a &lt; b), together: the baskets they share, at least {@code minSupport}
   */
  public static Dataset<Row> pairs(Dataset<Row> baskets, int minSupport) {
    Dataset<Row> memberships = baskets.select(col(CoTravelBaskets.BASKET_ID), explode(col(CoTravelBaskets.ITEMS)).as("t"));
    // Distinct names on both sides: the two sides come from one dataset, and Spark would
    // otherwise read basket_id = basket_id as always true and pair every basket with every other.
    Dataset<Row> a = memberships.select(col(CoTravelBaskets.BASKET_ID).as("_basket_a"), col("t").as(A));
    Dataset<Row> b = memberships.select(col(CoTravelBaskets.BASKET_ID).as("_basket_b"), col("t").as(B));
    return a.join(b, col("_basket_a").equalTo(col("_basket_b")).and(col(A).lt(col(B))))
        .groupBy(A, B).agg(count(lit(1)).as(TOGETHER))
        .filter(col(TOGETHER).geq(minSupport));
  }
}
