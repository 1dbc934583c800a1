package org.integrityrisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.integrityrisk.ingest.InputCounts;
import org.junit.jupiter.api.Test;

class IngestedTest {

  @Test
  void rejectionIsAboveTheLimitNotAtIt() {
    InputCounts fivePercent = new InputCounts("c.csv", 100, 95, 5, 0, 95, Map.of("BAD_TIMESTAMP", 5L));
    InputCounts sixPercent = new InputCounts("r.csv", 100, 94, 6, 0, 94, Map.of("MISSING_FIELD", 6L));
    List<String> rejected = Ingested.rejections(Map.of("clearances", fivePercent, "rosters", sixPercent), 0.05);
    assertEquals(1, rejected.size());
    assertTrue(rejected.get(0).startsWith("rosters input r.csv rejected: 6 of 100 rows"), rejected.get(0));
  }
}
