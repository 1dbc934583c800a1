package org.integrityrisk.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StageParametersTest {

  @Test
  void aValueInRangeIsReturned() {
    assertEquals(5, StageParameters.between("Stage", "key", 5, 2, 10));
    assertEquals(2, StageParameters.between("Stage", "key", 2, 2, 10));
    assertEquals(10, StageParameters.between("Stage", "key", 10, 2, 10));
    assertEquals(1.0, StageParameters.share("Stage", "key", 1.0));
    assertEquals("x", StageParameters.given("Stage", "what", "x"));
  }

  @Test
  void aValueOutOfRangeNamesTheStageAndTheKey() {
    assertEquals("Stage: min-support must be at least 2, got 0", assertThrows(IllegalArgumentException.class,
        () -> StageParameters.between("Stage", "min-support", 0, 2, 10)).getMessage());
    assertEquals("Stage: min-support must be at most 10, got 11", assertThrows(IllegalArgumentException.class,
        () -> StageParameters.between("Stage", "min-support", 11, 2, 10)).getMessage());
    assertEquals("Stage: jaccard must be greater than 0 and at most 1, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> StageParameters.share("Stage", "jaccard", 0.0)).getMessage());
    assertEquals("Stage: jaccard must be greater than 0 and at most 1, got NaN",
        assertThrows(IllegalArgumentException.class, () -> StageParameters.share("Stage", "jaccard", Double.NaN))
            .getMessage());
    assertEquals("Stage: persisted must be given", assertThrows(IllegalArgumentException.class,
        () -> StageParameters.given("Stage", "persisted", null)).getMessage());
  }
}
