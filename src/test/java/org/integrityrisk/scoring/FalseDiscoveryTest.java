package org.integrityrisk.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.Test;

class FalseDiscoveryTest {
  private static final StructType SCHEMA = new StructType()
      .add("test_id", DataTypes.StringType)
      .add("p_value", DataTypes.DoubleType)
      .add("smallest_p_value", DataTypes.DoubleType)
      .add("weight", DataTypes.DoubleType);
  private static final double[] P = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216};

  private static Dataset<Row> tests(double[] p, double smallest) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      rows.add(RowFactory.create(String.format("t%02d", i), p[i], smallest, 1.0));
    }
    return SharedSpark.get().createDataFrame(rows, SCHEMA);
  }

  private static List<Row> q(Dataset<Row> tests, double level) {
    return new FalseDiscovery(level).apply(tests, List.of("test_id")).orderBy("test_id").collectAsList();
  }

  @Test
  void qValuesOfAKnownList() {
    // m = 10: m*p/rank = .01 .04 .13 .1025 .084 .1 .10571 .25625 .23556 .216, then the running
    // minimum from the bottom.
    double[] expected = {0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 0.74 / 7, 0.216, 0.216, 0.216};
    List<Row> rows = q(tests(P, 0.0), 0.05);
    for (int i = 0; i < P.length; i++) {
      assertEquals(expected[i], rows.get(i).<Double>getAs("q_value"), 1e-12, "rank " + (i + 1));
      assertEquals(i < 2, rows.get(i).<Boolean>getAs("flagged"), "flagged at 0.05, rank " + (i + 1));
    }
    List<Row> at10 = q(tests(P, 0.0), 0.10);
    for (int i = 0; i < P.length; i++) {
      assertEquals(i < 6, at10.get(i).<Boolean>getAs("flagged"), "flagged at 0.10, rank " + (i + 1));
    }
  }

  @Test
  void testsThatCannotReachTheLevelAreNotCounted() {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("strong", 0.004, 0.0001, 1.0));
    rows.add(RowFactory.create("weak", 0.03, 0.0001, 1.0));
    for (int i = 0; i < 8; i++) {
      // Three trips can never get below 0.25^3: whatever happens, no evidence.
      rows.add(RowFactory.create("short" + i, 1.0, 0.015625, 1.0));
    }
    List<Row> result = new FalseDiscovery(0.01).apply(SharedSpark.get().createDataFrame(rows, SCHEMA), List.of("test_id"))
        .orderBy("test_id").collectAsList();
    Row strong = result.stream().filter(r -> r.getAs("test_id").equals("strong")).findFirst().orElseThrow();
    // m = 2, not 10: q = 2 * 0.004 / 1.
    assertEquals(0.008, strong.<Double>getAs("q_value"), 1e-12);
    assertEquals(true, strong.<Boolean>getAs("flagged"));
    result.stream().filter(r -> ((String) r.getAs("test_id")).startsWith("short"))
        .forEach(r -> assertEquals(1.0, r.<Double>getAs("q_value")));
  }

  @Test
  void weightsSpreadTheBudget() {
    // p / w: a .002, b .01, c .006, d 1; W = 5; W p / (w rank): a .01, c .015, b .01667, d 1.25.
    List<Row> rows = List.of(RowFactory.create("a", 0.004, 0.0, 2.0), RowFactory.create("b", 0.02, 0.0, 2.0),
        RowFactory.create("c", 0.003, 0.0, 0.5), RowFactory.create("d", 0.5, 0.0, 0.5));
    List<Row> weighted = q(SharedSpark.get().createDataFrame(rows, SCHEMA), 0.0101);
    double[] expected = {0.01, 0.05 / 3, 0.015, 1.0};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], weighted.get(i).<Double>getAs("q_value"), 1e-12, weighted.get(i).<String>getAs("test_id"));
    }
    assertEquals(List.of(true, false, false, false), weighted.stream().map(r -> r.<Boolean>getAs("flagged")).toList());
    // Unweighted, c's smaller p-value would carry it in with a: the weight is what held it back.
    Dataset<Row> even = SharedSpark.get().createDataFrame(rows, SCHEMA).withColumn("weight", lit(1.0));
    assertEquals(List.of(true, false, true, false),
        q(even, 0.0101).stream().map(r -> r.<Boolean>getAs("flagged")).toList());
  }

  @Test
  void aTestWithNoWeightIsNeverCounted() {
    List<Row> rows = List.of(RowFactory.create("a", 0.001, 0.0, 0.0), RowFactory.create("b", 0.004, 0.0, 2.0));
    List<Row> result = q(SharedSpark.get().createDataFrame(rows, SCHEMA), 0.01);
    assertEquals(1.0, result.get(0).<Double>getAs("q_value"));
    assertEquals(false, result.get(0).<Boolean>getAs("flagged"));
    // W = 2 (b alone): q = 2 * 0.004 / 2 / 1.
    assertEquals(0.004, result.get(1).<Double>getAs("q_value"), 1e-12);
  }

  @Test
  void anFdrLevelOutsideZeroToOneIsRefused() {
    for (double level : new double[] {1.5, 1.0, 0.0, -0.1, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FalseDiscovery(level));
      assertEquals("FalseDiscovery: fdr-level must be greater than 0 and less than 1, got " + level, e.getMessage());
    }
  }

  @Test
  void testsMustBeIdentified() {
    FalseDiscovery fdr = new FalseDiscovery(0.05);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fdr.apply(tests(P, 0.0), List.of()));
    assertEquals("FalseDiscovery: the columns that identify a test must be given, got []", e.getMessage());
  }

  @Test
  void aMissingColumnIsNamedWithTheStage() {
    Dataset<Row> noSmallest = tests(P, 0.0).drop("smallest_p_value");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FalseDiscovery(0.05).apply(noSmallest, List.of("test_id")));
    assertTrue(e.getMessage().startsWith("FalseDiscovery needs column smallest_p_value in its tests"), e.getMessage());
    IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
        () -> new FalseDiscovery(0.05).apply(tests(P, 0.0), List.of("unit_id")));
    assertTrue(order.getMessage().startsWith("FalseDiscovery needs column unit_id in its tests"), order.getMessage());
  }
}
