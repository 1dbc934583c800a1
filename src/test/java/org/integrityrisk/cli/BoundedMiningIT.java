package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mining issue's checks through the real command, on one scenario that holds all of
 * it: traffic that makes every subset of a shuttle's riders frequent (the shuttle, a
 * queue burst, a weekly coach) still finishes, with the shuttle as one group; the
 * detection issue's metrics still hold; and the clearing officers' evidence finds the
 * colluders; and every output table is the same, value for value, as the kept digests
 * made before the speed work ({@link FindingsDigest}). (Two scenarios, each with half of it, cost a second generate, run and
 * evaluate and checked nothing more.)
 */
class BoundedMiningIT {
  @TempDir Path work;

  @Test
  void shuttleQueueBurstWeeklyCoachAndClearingOfficersAreMinedWithinBoundsAndExposeTheColluders() throws Exception {
    Launcher.Scenario result = Launcher.generateRunEvaluate(work, "bounded", "--seed", "17", "--scale", "1",
        "--shuttle", "true", "--queue-burst", "true", "--weekly-coach", "true", "--clearing-officers", "true");
    JsonNode m = result.metrics();
    String report = result.report();
    assertTrue(m.get("shuttle_reported_as_one_large_group").asBoolean(), report);
    assertEquals(0, m.get("shuttle_subsets_reported").asInt(), report);
    assertTrue(result.manifest().at("/mining/large_groups").asLong() >= 1, result.manifest().toString());
    // The detection issue's metrics still hold.
    assertEquals(1.0, m.get("division_recall").asDouble(), report);
    assertTrue(m.get("division_precision").asDouble() >= 0.9, report);
    assertEquals(m.get("colluding_officers").asInt(), m.get("colluders_riskiest_in_division").asInt(), report);
    assertTrue(m.get("flagged_officers").asInt() <= m.get("colluding_officers").asInt(), report);
    assertTrue(m.get("ring_recall").asDouble() >= 0.9, report);
    assertFalse(m.get("stale_ring_reported").asBoolean(), report);
    assertFalse(m.get("stale_officer_flagged").asBoolean(), report);
    // The clearing officers and inspections expose the colluders.
    assertEquals(3, m.get("colluding_officers").asInt(), report);
    assertTrue(m.get("officer_precision").asDouble() >= 0.9, report);
    assertTrue(m.get("officer_recall").asDouble() >= 0.9, report);
    // Speed work must not change what is found: every table equals the kept digests.
    FindingsDigest.assertUnchanged(org.integrityrisk.SharedSpark.get(), result.runFolder(), work,
        "bounded-seed17-scale1");
  }
}
