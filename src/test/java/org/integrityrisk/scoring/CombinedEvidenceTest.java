package org.integrityrisk.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.alignment.ClearingEvidence;
import org.integrityrisk.alignment.DutyRosters;
import org.junit.jupiter.api.Test;

class CombinedEvidenceTest {
  private static final StructType TESTS = new StructType()
      .add("group_id", DataTypes.StringType).add("port_id", DataTypes.StringType)
      .add("unit_kind", DataTypes.StringType).add("unit_id", DataTypes.StringType)
      .add("p_value", DataTypes.DoubleType).add("smallest_p_value", DataTypes.DoubleType)
      .add("aligned_basket_ids", DataTypes.createArrayType(DataTypes.StringType));

  private static Dataset<Row> tests() {
    return SharedSpark.get().createDataFrame(List.of(
        RowFactory.create("G1", "P", DutyRosters.OFFICER, "O1", 0.02, 0.001, List.of("b1")),
        RowFactory.create("G1", "P", DutyRosters.DIVISION, "D1", 0.3, 0.01, List.of("b1"))), TESTS);
  }

  @Test
  void withoutClearingOfficersNothingChanges() {
    List<Row> rows = CombinedEvidence.apply(tests(), Optional.empty()).orderBy("unit_id").collectAsList();
    assertEquals(0.3, rows.get(0).<Double>getAs("p_value"));
    assertEquals(0.02, rows.get(1).<Double>getAs("p_value"));
    assertEquals(0.001, rows.get(1).<Double>getAs("smallest_p_value"));
    assertEquals("duty", rows.get(1).getAs("evidence"));
  }

  @Test
  void theStrongestSignalTimesTheNumberOfSignals() {
    Row clearing = RowFactory.create("G1", "P", "O1", 5, 1.2, 0.0004, 0.00001, 5, 0, 6, 3, 0.05, 0.01, List.of("b2"));
    Dataset<Row> evidence = SharedSpark.get().createDataFrame(List.of(clearing), ClearingEvidence.SCHEMA);
    List<Row> rows = CombinedEvidence.apply(tests(), Optional.of(evidence)).orderBy("unit_id").collectAsList();
    Row officer = rows.get(1);
    assertEquals(3 * 0.0004, officer.<Double>getAs("p_value"), 1e-15);
    assertEquals(3 * 0.00001, officer.<Double>getAs("smallest_p_value"), 1e-15);
    assertEquals("clearing", officer.getAs("evidence"));
    assertEquals(List.of("b2"), officer.getList(officer.fieldIndex("case_basket_ids")));
    // A division has only its duty test.
    assertEquals(0.3, rows.get(0).<Double>getAs("p_value"));
  }

  @Test
  void clearingEvidenceWithoutItsKeysIsRefusedByName() {
    Dataset<Row> evidence = SharedSpark.get().createDataFrame(List.<Row>of(), ClearingEvidence.SCHEMA)
        .drop("clearing_p_value");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CombinedEvidence.apply(tests(), Optional.of(evidence)));
    assertTrue(e.getMessage().startsWith("CombinedEvidence needs column clearing_p_value in its clearing evidence"),
        e.getMessage());
  }
}
