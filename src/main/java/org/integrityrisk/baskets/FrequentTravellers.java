package org.integrityrisk.baskets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.integrityrisk.schema.Columns.TRAVELLER_PSEUDONYM;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.integrityrisk.schema.RequiredColumns;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.StageParameters;

/**
 * Keeps the crossings of travellers who cross at least F times in the window. Someone
 * who crossed twice cannot form a repeated co-travel pattern, and dropping them first
 * keeps baskets small at busy ports.
 */
public final class FrequentTravellers {
  private static final String STAGE = "FrequentTravellers";
  /** How many crossings the row's traveller made in the window. */
  public static final String TRAVELLER_CROSSINGS = "traveller_crossings";

  private FrequentTravellers() {}

  /** @param minCrossings F, the configuration's {@code min-crossings} */
  public static Dataset<Row> apply(Dataset<Row> crossings, int minCrossings) {
    Parameters.MIN_CROSSINGS.require(STAGE, minCrossings);
    RequiredColumns.require(STAGE, "crossings", crossings, TRAVELLER_PSEUDONYM);
    return crossings
        .withColumn(TRAVELLER_CROSSINGS, count(lit(1)).over(Window.partitionBy(TRAVELLER_PSEUDONYM)))
        .filter(col(TRAVELLER_CROSSINGS).geq(minCrossings));
  }
}
