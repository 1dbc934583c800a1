package org.integrityrisk.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.*;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.schema.RequiredColumns;

/**
 * Weighted Benjamini-Hochberg over the alignment tests of a run: tests are ranked by
 * p / w, their p-value over their {@code weight} (see {@link TestWeights}); the q-value of
 * the test of rank r is the smallest W * p(j) / (w(j) * j) over j >= r, where W is the sum
 * of the counted tests' weights, and a test is flagged when its q-value is at most the
 * level. With every weight 1 this is Benjamini-Hochberg itself (W = m).
 *
 * <p>The tests are discrete: a group with three trips cannot reach p = 0.001 whatever
 * the roster. Following Tarone and Gilbert, a test whose smallest attainable p-value is
 * above the level can never be flagged, so it is not counted in m (its q-value is 1);
 * counting it would only make the others' hurdle higher; the weights of the tests that
 * are counted are what W sums, so the budget stays spread as the weights say. Ties are
 * broken by the test's identity so ranks, and with them the run, are repeatable.
 */
public final class FalseDiscovery {
  /** Whether the test's smallest attainable p-value reaches the level, so it counts in m. */
  public static final String TESTABLE = "testable";
  private static final String STAGE = "FalseDiscovery";
  private static final String RANK = "_rank";
  private static final String SCALED = "_scaled";
  private static final String WEIGHTED_P = "_weighted_p";
  private static final String SUM_OF_WEIGHTS = "_sum_of_weights";
  private final double level;

  /** @param level the false discovery rate ({@code fdr-level}), greater than 0 and less than 1 */
  public FalseDiscovery(double level) {
    this.level = Parameters.FDR_LEVEL.require(STAGE, level);
  }

  /**
   * @param tests rows with {@code p_value}, {@code smallest_p_value}, {@code weight} and the identifying columns
   *     in {@code order}
   * @param order the columns that identify a test (for alignment tests {@link
   *     org.integrityrisk.alignment.DutyAlignment#TEST_KEY}), which break ties between equal p-values
   */
  /** Weights are at most a few thousand, each known to far more than the 18 places kept. */
  private static final String EXACT = "decimal(38,18)";

  public Dataset<Row> apply(Dataset<Row> tests, List<String> order) {
    if (order == null || order.isEmpty() || order.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(STAGE + ": the columns that identify a test must be given, got " + order);
    }
    RequiredColumns.require(STAGE, "tests", tests,
        Stream.concat(Stream.of(P_VALUE, SMALLEST_P_VALUE, WEIGHT), order.stream()).toArray(String[]::new));
    Dataset<Row> marked = tests
        .withColumn(TESTABLE, col(SMALLEST_P_VALUE).leq(lit(level)).and(col(WEIGHT).gt(lit(0.0))))
        .withColumn(WEIGHTED_P, when(col(TESTABLE), col(P_VALUE).divide(col(WEIGHT))));
    // Summed as exact decimals: a sum of doubles depends on the order Spark adds them in,
    // which follows the partitioning, and a cluster's q-values differed from a local run's
    // in the last digit.
    Row totals = marked.filter(col(TESTABLE))
        .agg(sum(col(WEIGHT).cast(EXACT)).as(SUM_OF_WEIGHTS)).first();
    double weights = totals.isNullAt(totals.fieldIndex(SUM_OF_WEIGHTS)) ? 0.0
        : totals.<java.math.BigDecimal>getAs(SUM_OF_WEIGHTS).doubleValue();
    Column[] by = new Column[order.size() + 2];
    by[0] = col(TESTABLE).desc();
    by[1] = col(WEIGHTED_P);
    for (int i = 0; i < order.size(); i++) {
      by[i + 2] = col(order.get(i));
    }
    // One ranking over all tests: there is one per group and officer or division, not per crossing.
    WindowSpec ranked = Window.orderBy(by);
    WindowSpec fromBottom = Window.orderBy(col(RANK).desc()).rowsBetween(Window.unboundedPreceding(), 0);
    Column scaled = when(col(TESTABLE), col(WEIGHTED_P).multiply(lit(weights)).divide(col(RANK))).otherwise(lit(1.0));
    return marked
        .withColumn(RANK, row_number().over(ranked))
        .withColumn(SCALED, scaled)
        .withColumn(Q_VALUE, least(lit(1.0), min(col(SCALED)).over(fromBottom)))
        .withColumn(FLAGGED, col(TESTABLE).and(col(Q_VALUE).leq(lit(level))))
        .drop(RANK, SCALED, WEIGHTED_P);
  }
}
