package org.integrityrisk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.integrityrisk.ingest.InputCounts;
import org.junit.jupiter.api.Test;

class IngestedTest {

  @Test
  void rejectionIsAboveTheLimitNotAtIt() {
    InputCounts fivePercent = new InputCounts("c.csv", 100, 95, 5, 0, 0, 95, Map.of("BAD_TIMESTAMP", 5L));
    InputCounts sixPercent = new InputCounts("r.csv", 100, 94, 6, 0, 0, 94, Map.of("MISSING_FIELD", 6L));
    List<String> rejected = Ingested.rejections(Map.of("clearances", fivePercent, "rosters", sixPercent), 0.05, 0.1);
    assertEquals(1, rejected.size());
    assertTrue(rejected.get(0).startsWith("rosters input r.csv rejected: 6 of 100 rows"), rejected.get(0));
  }

  /** Half a feed of one garbage line, folded as exact duplicates: one quarantined row and its copies. */
  @Test
  void copiesOfABadRowAreBadRows() {
    InputCounts garbage = new InputCounts("c.csv", 204_000, 102_000, 1, 101_999, 101_999, 102_000,
        Map.of("BAD_DIRECTION", 1L));
    List<String> rejected = Ingested.rejections(Map.of("clearances", garbage), 0.05, 1.0);
    assertEquals(1, rejected.size(), "one quarantined row, but 102,000 bad rows");
    assertTrue(rejected.get(0).startsWith("clearances input c.csv rejected: 102,000 of 204,000 rows (50.00%) are "
        + "bad (1 quarantined, 101,999 more copies of them)"), rejected.get(0));
  }

  @Test
  void aFeedSentTwiceIsRejectedForItsDuplicates() {
    Map<String, InputCounts> counts = new TreeMap<>();
    counts.put("clearances", new InputCounts("c.csv", 2000, 1000, 0, 1000, 0, 1000, Map.of()));
    counts.put("ports", new InputCounts("p.csv", 53, 50, 2, 1, 0, 50, Map.of("BAD_TIMEZONE", 2L)));
    List<String> rejected = Ingested.rejections(counts, 0.05, 0.1);
    assertEquals(List.of("clearances input c.csv rejected: 1,000 of 2,000 rows (50.00%) are exact duplicates, above "
        + "the limit of 10.00% (max-duplicate-ratio); was the feed sent twice, or did it loop?"), rejected,
        "one stray duplicate in a small table stays within the limit");
  }

  @Test
  void copiesOfQuarantinedRowsMustBeAmongTheDuplicates() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> new InputCounts("c.csv", 10, 5, 1, 4, 5, 5, Map.of()));
  }
}
