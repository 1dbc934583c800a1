package org.integrityrisk.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.StageChecks;
import org.junit.jupiter.api.Test;

class TestWeightsTest {
  private static final StructType SCHEMA = new StructType()
      .add("test_id", DataTypes.StringType)
      .add("unit_kind", DataTypes.StringType)
      .add("round_trips", DataTypes.IntegerType)
      .add("short_round_trips", DataTypes.IntegerType)
      .add("smallest_p_value", DataTypes.DoubleType);
  private static final TestWeights.Params DEFAULTS = new TestWeights.Params(0.6, 0.3, 0.25, 0.01);

  /**
   * {@code n} tests of one unit kind whose group made {@code roundTrips} round trips, {@code shortOnes} of them
   * short, each able to reach 0.01.
   */
  private static void add(List<Row> rows, int n, String kind, int roundTrips, int shortOnes) {
    add(rows, n, kind, roundTrips, shortOnes, 1e-6);
  }

  private static void add(List<Row> rows, int n, String kind, int roundTrips, int shortOnes, double smallestP) {
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create(kind + roundTrips + "-" + rows.size(), kind, roundTrips, shortOnes, smallestP));
    }
  }

  private static Map<String, Double> weightsByCell(List<Row> rows, TestWeights.Params params) {
    Dataset<Row> weighted = new TestWeights(params).apply(SharedSpark.get().createDataFrame(rows, SCHEMA));
    Map<String, Double> byCell = new LinkedHashMap<>();
    double sum = 0;
    int counted = 0;
    List<Row> all = weighted.collectAsList();
    for (Row r : all) {
      String cell = r.<String>getAs("unit_kind") + (r.<Integer>getAs("short_round_trips") >= 3 ? ":short"
          : r.<Integer>getAs("round_trips") >= 3 ? ":round" : ":other");
      double w = r.getAs("weight");
      Double before = byCell.put(cell, w);
      assertEquals(before == null ? w : before, w, 1e-12, "one weight per cell");
      if (r.<Double>getAs("smallest_p_value") <= 0.01) {
        sum += w;
        counted++;
      }
    }
    assertEquals(1.0, sum / counted, 1e-12, "weights average 1 over the tests that count");
    return byCell;
  }

  @Test
  void eachCellGetsItsShareOfTheBudget() {
    List<Row> rows = new ArrayList<>();
    add(rows, 2, "division", 5, 4);
    add(rows, 4, "division", 3, 1);
    add(rows, 6, "division", 0, 0);
    add(rows, 3, "officer", 6, 3);
    add(rows, 4, "officer", 3, 2);
    add(rows, 5, "officer", 2, 2);
    // Tests that can never reach the level take nothing from their cell's share.
    add(rows, 30, "officer", 2, 0, 0.2);
    add(rows, 5, "officer", 3, 3, 0.05);
    Map<String, Double> w = weightsByCell(rows, DEFAULTS);
    // Shares .45, .225, .075 (divisions) and .15, .075, .025 (officers) of the 24 tests that
    // count, over cells of 2, 4, 6, 3, 4 and 5.
    assertEquals(0.45 * 24 / 2, w.get("division:short"), 1e-12);
    assertEquals(0.225 * 24 / 4, w.get("division:round"), 1e-12);
    assertEquals(0.075 * 24 / 6, w.get("division:other"), 1e-12);
    assertEquals(0.15 * 24 / 3, w.get("officer:short"), 1e-12);
    assertEquals(0.075 * 24 / 4, w.get("officer:round"), 1e-12);
    assertEquals(0.025 * 24 / 5, w.get("officer:other"), 1e-12);
  }

  @Test
  void aCellWithNoTestsGivesItsShareToTheOthers() {
    List<Row> rows = new ArrayList<>();
    add(rows, 3, "division", 4, 4);
    add(rows, 9, "officer", 1, 0);
    Map<String, Double> w = weightsByCell(rows, DEFAULTS);
    // Shares .45 and .025 of .475, over 3 and 9 of 12 tests.
    assertEquals(0.45 / 0.475 * 12 / 3, w.get("division:short"), 1e-12);
    assertEquals(0.025 / 0.475 * 12 / 9, w.get("officer:other"), 1e-12);
  }

  @Test
  void sharesMustLeaveEveryCellSomething() {
    StageChecks.refused("TestWeights: round-trip-share must be greater than 0 and less than 1, got 1.0",
        () -> new TestWeights.Params(0.6, 1.0, 0.25, 0.01));
    StageChecks.refused("TestWeights: officer-share must be greater than 0 and less than 1, got 0.0",
        () -> new TestWeights.Params(0.6, 0.3, 0.0, 0.01));
    StageChecks.refused("TestWeights: short-trip-share and round-trip-share must leave other groups a share, got "
        + "0.6 + 0.4", () -> new TestWeights.Params(0.6, 0.4, 0.25, 0.01));
    StageChecks.refused("TestWeights needs column round_trips in its tests",
        () -> new TestWeights(DEFAULTS).apply(StageChecks.rows("unit_kind", "short_round_trips", "smallest_p_value")));
  }
}
