package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection issue's end-to-end check: a generated scenario of more than 100,000
 * crossings in the window, through {@code jobs/integrity-risk run} and then
 * {@code jobs/integrity-risk evaluate}.
 */
class DetectionIT {
  @TempDir Path work;

  @Test
  void plantedCollusionIsFoundAndInnocentRegularityIsNot() throws Exception {
    Launcher.Scenario result = Launcher.generateRunEvaluate(work, "scenario", "--seed", "31", "--scale", "1.4");
    assertTrue(result.manifest().at("/inputs/clearances/in_window").asLong() >= 100_000,
        "at least 100,000 crossings in the window: " + result.manifest().at("/inputs/clearances"));
    JsonNode m = result.metrics();
    String report = result.report();
    assertEquals(1.0, m.get("division_recall").asDouble(),
        "every colluding division and every colluding officer's division is flagged\n" + report);
    assertTrue(m.get("division_precision").asDouble() >= 0.9, report);
    assertEquals(m.get("colluding_officers").asInt(), m.get("colluders_riskiest_in_division").asInt(), report);
    assertTrue(m.get("flagged_officers").asInt() <= m.get("colluding_officers").asInt(),
        "no more than one flagged officer per planted colluder\n" + report);
    assertTrue(m.get("ring_recall").asDouble() >= 0.9, report);
    assertFalse(m.get("stale_ring_reported").asBoolean(), report);
    assertFalse(m.get("stale_officer_flagged").asBoolean(), report);

    Path runFolder = result.runFolder();
    // Every flagged finding carries its evidence, and the cases behind it name real records.
    Dataset<Row> officers = SharedSpark.get().read().parquet(runFolder.resolve("officer_risk").toString());
    for (Row r : officers.filter("flagged").collectAsList()) {
      assertTrue(r.<Double>getAs("q_value") <= 0.01, r.toString());
      assertTrue(r.<Integer>getAs("aligned_events") > r.<Double>getAs("expected_aligned_events"), r.toString());
      assertFalse(r.getList(r.fieldIndex("flagged_groups")).isEmpty(), r.toString());
    }
    Dataset<Row> cases = SharedSpark.get().read().parquet(runFolder.resolve("flagged_cases").toString());
    assertTrue(cases.count() > 0);
    assertEquals(0, cases.filter("record_id is null or group_id is null or division_id is null").count());
  }
}
