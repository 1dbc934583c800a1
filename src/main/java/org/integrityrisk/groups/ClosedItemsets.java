package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.size;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.schema.RequiredColumns;

/**
 * Keeps the closed itemsets: those with no superset of the same support. If any superset
 * has the same support, so has a superset one item larger (support only falls as items
 * are added), so comparing each itemset with its immediate supersets is enough, and that
 * comparison is a join on the executors.
 */
public final class ClosedItemsets {
  private static final String STAGE = "ClosedItemsets";
  /** An itemset's items, as MLlib's {@code FPGrowthModel.freqItemsets()} names them. */
  public static final String ITEMS = "items";
  /** How many transactions hold the itemset, as MLlib names it. */
  public static final String FREQ = "freq";
  /** Each itemset's immediate subsets: the items without the one at index i, for every i. */
  private static final String SUBSETS_BY_ONE_LESS =
      "transform(sequence(0, size(" + ITEMS + ") - 1), i -> filter(" + ITEMS + ", (x, j) -> j != i))";

  private ClosedItemsets() {}

  /** @param itemsets {@code items} (array, any order) and {@code freq} */
  public static Dataset<Row> apply(Dataset<Row> itemsets) {
    RequiredColumns.require(STAGE, "itemsets", itemsets, ITEMS, FREQ);
    Dataset<Row> sorted = itemsets.withColumn(ITEMS, array_sort(col(ITEMS)));
    Dataset<Row> coveredBySuperset = sorted
        .filter(size(col(ITEMS)).geq(2))
        .select(explode(expr(SUBSETS_BY_ONE_LESS)).as(ITEMS), col(FREQ))
        .distinct();
    return sorted.join(coveredBySuperset, sorted.col(ITEMS).equalTo(coveredBySuperset.col(ITEMS))
            .and(sorted.col(FREQ).equalTo(coveredBySuperset.col(FREQ))), "left_anti");
  }
}
