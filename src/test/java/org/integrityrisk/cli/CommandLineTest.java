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
        () -> CommandLine.parse(new String[] {"run", "--output"}).option("output")).getMessage()
        .contains("--output needs a value"));
    assertThrows(UsageException.class, () -> CommandLine.parse(new String[] {"run", "stray"}));
    assertTrue(assertThrows(UsageException.class,
        () -> CommandLine.parse(new String[] {"run"}).required("clearances")).getMessage().contains("--clearances"));
  }

  /** An unknown flag given last was once reported as "needs a value". */
  @Test
  void anUnknownFlagGivenLastIsUnknownAndAKnownOneNeedsAValue() {
    String[] base = {"run", "--clearances", "c.csv", "--rosters", "r.csv", "--output", "o", "--run-date",
        "2026-04-10", "--pseudonym-key-file", "k"};
    String[] verbose = java.util.Arrays.copyOf(base, base.length + 1);
    verbose[base.length] = "--verbose";
    assertEquals("unknown option --verbose: neither an option of 'run' nor a parameter",
        assertThrows(UsageException.class, () -> RunOptions.parse(CommandLine.parse(verbose))).getMessage());
    String[] level = java.util.Arrays.copyOf(base, base.length + 1);
    level[base.length] = "--fdr-level";
    assertEquals("option --fdr-level needs a value",
        assertThrows(UsageException.class, () -> RunOptions.parse(CommandLine.parse(level))).getMessage());
    assertEquals("unknown option(s) for evaluate: --verbose", assertThrows(UsageException.class,
        () -> CommandLine.parse(new String[] {"evaluate", "--truth", "t", "--verbose"}).requireOnly("truth",
            "findings")).getMessage());
  }

  @Test
  void countsMustAddUp() {
    assertThrows(IllegalStateException.class, () -> new InputCounts("c.csv", 10, 5, 1, 1, 0, 5, Map.of()));
  }
}
