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
      .add("aligned_events", DataTypes.IntegerType).add("expected_aligned_events", DataTypes.DoubleType)
      .add("p_value", DataTypes.DoubleType).add("smallest_p_value", DataTypes.DoubleType)
      .add("aligned_basket_ids", DataTypes.createArrayType(DataTypes.StringType));

  private static Dataset<Row> tests() {
    return SharedSpark.get().createDataFrame(List.of(
        RowFactory.create("G1", "P", DutyRosters.OFFICER, "O1", 14, 14.1, 0.02, 0.001, List.of("b1")),
        RowFactory.create("G1", "P", DutyRosters.DIVISION, "D1", 16, 5.4, 0.3, 0.01, List.of("b1"))), TESTS);
  }

  @Test
  void withoutClearingOfficersNothingChanges() {
    List<Row> rows = CombinedEvidence.apply(tests(), Optional.empty()).orderBy("unit_id").collectAsList();
    assertEquals(0.3, rows.get(0).<Double>getAs("p_value"));
    assertEquals(0.02, rows.get(1).<Double>getAs("p_value"));
    assertEquals(0.001, rows.get(1).<Double>getAs("smallest_p_value"));
    assertEquals("duty", rows.get(1).getAs("evidence"));
    assertEquals(14, rows.get(1).<Integer>getAs("evidence_observed"));
    assertEquals(14.1, rows.get(1).<Double>getAs("evidence_expected"));
  }

  /**
   * Each signal carries its own figures: what the p-value was computed from, never the duty
   * figures of a test that clearing or inspection carried.
   */
  @Test
  void eachTestCarriesTheFiguresOfTheSignalThatCarriedIt() {
    Dataset<Row> officers = SharedSpark.get().createDataFrame(List.of(
        RowFactory.create("G1", "P", DutyRosters.OFFICER, "DUTY", 9, 2.5, 1e-6, 1e-9, List.of("b1")),
        RowFactory.create("G1", "P", DutyRosters.OFFICER, "CLEAR", 14, 14.1, 0.8, 0.01, List.of("b1")),
        RowFactory.create("G1", "P", DutyRosters.OFFICER, "INSPECT", 3, 3.2, 0.6, 0.01, List.of("b1"))), TESTS);
    // group, port, officer, cleared, expected cleared, clearing p and smallest, passages by the
    // officer, inspected among them, passages by the others, inspected among them, inspection p and smallest.
    Dataset<Row> evidence = SharedSpark.get().createDataFrame(List.of(
        RowFactory.create("G1", "P", "DUTY", 2, 1.9, 0.5, 0.001, 4, 2, 8, 4, 0.7, 0.05, List.of()),
        RowFactory.create("G1", "P", "CLEAR", 14, 3.1, 5e-10, 1e-12, 14, 1, 6, 2, 0.3, 0.01, List.of("b2")),
        RowFactory.create("G1", "P", "INSPECT", 1, 1.5, 0.9, 0.01, 12, 0, 8, 6, 2e-5, 1e-6, List.of("b3"))),
        ClearingEvidence.SCHEMA);
    java.util.Map<String, Row> byOfficer = new java.util.HashMap<>();
    CombinedEvidence.apply(officers, Optional.of(evidence)).collectAsList()
        .forEach(r -> byOfficer.put(r.getAs("unit_id"), r));

    Row duty = byOfficer.get("DUTY");
    assertEquals("duty", duty.getAs("evidence"));
    assertEquals(9, duty.<Integer>getAs("evidence_observed"), "events on duty");
    assertEquals(2.5, duty.<Double>getAs("evidence_expected"), 1e-12);

    Row clearing = byOfficer.get("CLEAR");
    assertEquals("clearing", clearing.getAs("evidence"));
    assertEquals(14, clearing.<Integer>getAs("evidence_observed"), "clearances by the officer");
    assertEquals(3.1, clearing.<Double>getAs("evidence_expected"), 1e-12, "from the officer's share, not duty's 14.1");
    assertEquals(14, clearing.<Integer>getAs("aligned_events"), "the duty figures stay beside them");

    Row inspection = byOfficer.get("INSPECT");
    assertEquals("inspection", inspection.getAs("evidence"));
    assertEquals(0, inspection.<Integer>getAs("evidence_observed"), "passages inspected under the officer");
    // The others inspected 6 of their 8 passages of the group; at that rate the officer's 12 give 9.
    assertEquals(9.0, inspection.<Double>getAs("evidence_expected"), 1e-12);
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
