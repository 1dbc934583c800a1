package org.integrityrisk.baskets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Keeps the crossings of travellers who cross at least F times in the window. Someone
 * who crossed twice cannot form a repeated co-travel pattern, and dropping them first
 * keeps baskets small at busy ports.
 */
public final class FrequentTravellers {
  public static final String TRAVELLER = "traveller_pseudonym";
  public static final String TRAVELLER_CROSSINGS = "traveller_crossings";

  private FrequentTravellers() {}

  public static Dataset<Row> apply(Dataset<Row> crossings, int minCrossings) {
    return crossings
        .withColumn(TRAVELLER_CROSSINGS, count(lit(1)).over(Window.partitionBy(TRAVELLER)))
        .filter(col(TRAVELLER_CROSSINGS).geq(minCrossings));
  }
}
