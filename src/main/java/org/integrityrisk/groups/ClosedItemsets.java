package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.size;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Keeps the closed itemsets: those with no superset of the same support. If any superset
 * has the same support, so has a superset one item larger (support only falls as items
 * are added), so comparing each itemset with its immediate supersets is enough, and that
 * comparison is a join on the executors.
 */
public final class ClosedItemsets {
  private ClosedItemsets() {}

  /** @param itemsets {@code items} (array, any order) and {@code freq} */
  public static Dataset<Row> apply(Dataset<Row> itemsets) {
    Dataset<Row> sorted = itemsets.withColumn("items", array_sort(col("items")));
    Dataset<Row> coveredBySuperset = sorted
        .filter(size(col("items")).geq(2))
        .select(explode(expr("transform(sequence(0, size(items) - 1), i -> filter(items, (x, j) -> j != i))"))
                .as("items"),
            col("freq"))
        .distinct();
    return sorted.join(coveredBySuperset, sorted.col("items").equalTo(coveredBySuperset.col("items"))
            .and(sorted.col("freq").equalTo(coveredBySuperset.col("freq"))), "left_anti");
  }
}
