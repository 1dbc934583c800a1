package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.integrityrisk.ingest.InputCounts;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void parsesCommandAndOptionsInBothSpellings() {
    CommandLine line = CommandLine.parse(new String[] {"run", "--output", "out", "--lookback-days=14"});
    assertEquals("run", line.command());
    assertEquals("out", line.required("output"));
    assertEquals(Map.of("lookback-days", "14"), line.remaining("output"));
  }

  @Test
  void rejectsRepeatedMissingAndStrayValues() {
    assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {}));
    assertTrue(assertThrows(UsageException.class,
        () -> CommandLine.parse(new String[] {"run", "--output", "a", "--output", "b"})).getMessage()
        .contains("more than once"));
    assertTrue(assertThrows(UsageException.class,
        () -> CommandLine.parse(new String[] {"run", "--output"})).getMessage().contains("--output needs a value"));
    assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"run", "stray"}));
    assertTrue(assertThrows(UsageException.class,
        () -> CommandLine.parse(new String[] {"run"}).required("clearances")).getMessage().contains("--clearances"));
  }

  @Test
  void countsMustAddUp() {
    assertThrows(IllegalStateException.class, () -> new InputCounts("c.csv", 10, 5, 1, 1, 0, 5, Map.of()));
  }
}
