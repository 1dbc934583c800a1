package org.integrityrisk.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionTuningTest {
  private static final long MIB = 1024L * 1024;

  @Test
  void aSmallInputGetsOnePartitionPerCoreNoAdaptiveReplanningAndInterpretedPlans() {
    SessionTuning sample = SessionTuning.forInput(709 * 1024, 2);
    assertEquals(2, sample.shufflePartitions());
    assertFalse(sample.adaptive());
    assertFalse(sample.compiled());
    assertEquals("NO_CODEGEN", sample.settings().get(SessionTuning.CODEGEN_FACTORY_MODE));
    assertEquals("false", sample.settings().get(SessionTuning.WHOLE_STAGE_CODEGEN));
  }

  @Test
  void partitionsFollowTheBytesBetweenOneAndFourPerCore() {
    // 150 MiB: three partitions of 64 MiB, more than one per core, so adaptive execution coalesces them.
    SessionTuning middle = SessionTuning.forInput(150 * MIB, 2);
    assertEquals(3, middle.shufflePartitions());
    assertTrue(middle.adaptive());
    assertFalse(middle.compiled());
    // 10 million rows (774 MiB) on 2 cores: capped at four per core, compiled.
    SessionTuning large = SessionTuning.forInput(774 * MIB, 2);
    assertEquals(8, large.shufflePartitions());
    assertTrue(large.adaptive());
    assertTrue(large.compiled());
    assertEquals("FALLBACK", large.settings().get(SessionTuning.CODEGEN_FACTORY_MODE));
    // An empty input still uses every core.
    assertEquals(16, SessionTuning.forInput(0, 16).shufflePartitions());
  }

  @Test
  void nonsenseIsRefusedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionTuning.forInput(1, 0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }
}
