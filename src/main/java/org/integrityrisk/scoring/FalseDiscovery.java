package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Benjamini-Hochberg over the alignment tests of a run: the q-value of the test of rank
 * r among m (by p-value) is the smallest m * p(j) / j over j >= r, and a test is flagged
 * when its q-value is at most the level.
 *
 * <p>The tests are discrete: a group with three trips cannot reach p = 0.001 whatever
 * the roster. Following Tarone and Gilbert, a test whose smallest attainable p-value is
 * above the level can never be flagged, so it is not counted in m (its q-value is 1);
 * counting it would only make the others' hurdle higher. Ties are broken by the test's
 * identity so ranks, and with them the run, are repeatable.
 */
public final class FalseDiscovery {
  public static final String TESTABLE = "testable";
  private final double level;

  public FalseDiscovery(double level) {
    this.level = level;
  }

  /** @param tests rows with {@code p_value}, {@code smallest_p_value} and the identifying columns in {@code order} */
  public Dataset<Row> apply(Dataset<Row> tests, String... order) {
    Dataset<Row> marked = tests.withColumn(TESTABLE, col("smallest_p_value").leq(lit(level)));
    long m = marked.filter(col(TESTABLE)).count();
    Column[] by = new Column[order.length + 2];
    by[0] = col(TESTABLE).desc();
    by[1] = col("p_value");
    for (int i = 0; i < order.length; i++) {
      by[i + 2] = col(order[i]);
    }
    // One ranking over all tests: there is one per group and officer or division, not per crossing.
    WindowSpec ranked = Window.orderBy(by);
    WindowSpec fromBottom = Window.orderBy(col("_rank").desc()).rowsBetween(Window.unboundedPreceding(), 0);
    Column scaled = when(col(TESTABLE), col("p_value").multiply(lit((double) m)).divide(col("_rank"))).otherwise(lit(1.0));
    return marked
        .withColumn("_rank", row_number().over(ranked))
        .withColumn("_scaled", scaled)
        .withColumn("q_value", least(lit(1.0), min(col("_scaled")).over(fromBottom)))
        .withColumn("flagged", col(TESTABLE).and(col("q_value").leq(lit(level))))
        .drop("_rank", "_scaled");
  }
}
