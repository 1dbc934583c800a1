package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Compares two published runs table by table, as multisets of rows. */
final class FindingsComparison {
  static final List<String> TABLES = List.of(
      "suspect_groups", "officer_risk", "division_risk", "flagged_cases", "alignment_tests", "quarantine");

  private FindingsComparison() {}

  /** Every table of both runs: same schema, same rows (order aside), value for value. */
  static void assertSameFindings(SparkSession spark, Path expected, Path actual) {
    assertSameFindings(spark, expected, actual, TABLES);
  }

  /** The given tables, row for row. */
  static void assertSameFindings(SparkSession spark, Path expected, Path actual, List<String> tables) {
    for (String table : tables) {
      Dataset<Row> a = spark.read().parquet(expected.resolve(table).toString());
      Dataset<Row> b = spark.read().parquet(actual.resolve(table).toString());
      assertEquals(a.schema().treeString(), b.schema().treeString(), table + ": schemas differ");
      List<String> rowsA = sortedRows(a);
      List<String> rowsB = sortedRows(b);
      assertEquals(rowsA.size(), rowsB.size(), table + ": row counts differ");
      for (int i = 0; i < rowsA.size(); i++) {
        assertEquals(rowsA.get(i), rowsB.get(i), table + ": first differing row (sorted) at " + i);
      }
    }
  }

  private static List<String> sortedRows(Dataset<Row> table) {
    List<String> rows = new ArrayList<>();
    for (Row row : table.collectAsList()) {
      rows.add(row.toString());
    }
    rows.sort(String::compareTo);
    return rows;
  }
}
