package org.integrityrisk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The alignment window's rule: the days asked for, clipped to where both inputs hold data. */
class AlignmentWindowTest {
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 4, 10);
  private static final RunWindow RUN = new RunWindow(RUN_DATE, 30);

  private static RunWindow clip(int days, String firstCrossing, String firstShift) {
    return AlignmentWindow.clip(RUN, days, Optional.ofNullable(firstCrossing).map(Instant::parse),
        Optional.ofNullable(firstShift).map(Instant::parse));
  }

  @Test
  void dataFromBeforeTheAskedWindowGivesAllTheDaysAskedFor() {
    RunWindow w = clip(90, "2025-12-01T08:00:00Z", "2025-11-30T22:00:00Z");
    assertEquals(new RunWindow(RUN_DATE, 90), w);
    assertEquals(LocalDate.of(2026, 1, 11), w.firstDay());
    assertEquals(RUN.endExclusive(), w.endExclusive(), "both windows end with the run date");
  }

  @Test
  void startsOnTheFirstWholeDayHoldingBothCrossingsAndShifts() {
    // Crossings from 2026-02-01 08:00, shifts from 2026-02-05 06:00: 02-05's night has no roster.
    assertEquals(LocalDate.of(2026, 2, 6), clip(90, "2026-02-01T08:00:00Z", "2026-02-05T06:00:00Z").firstDay());
    // The later of the two decides, whichever input it is.
    assertEquals(LocalDate.of(2026, 2, 6), clip(90, "2026-02-05T06:00:00Z", "2026-02-01T08:00:00Z").firstDay());
    // Data that starts at midnight covers that day.
    assertEquals(LocalDate.of(2026, 2, 5), clip(90, "2026-02-01T08:00:00Z", "2026-02-05T00:00:00Z").firstDay());
    assertEquals(65, clip(90, "2026-02-01T08:00:00Z", "2026-02-05T00:00:00Z").lookbackDays());
  }

  @Test
  void neverShorterThanTheRunWindow() {
    // Rosters that begin inside the run window: the tests use the run window, as without the parameter.
    assertEquals(RUN, clip(90, "2025-12-01T00:00:00Z", "2026-03-20T06:00:00Z"));
    // Data that begins on the run window's first day, not at midnight: still the run window.
    assertEquals(RUN, clip(90, "2026-03-11T23:59:00Z", "2026-03-12T00:00:01Z"));
    // One whole day before it is one day more.
    assertEquals(31, clip(90, "2026-03-10T12:00:00Z", "2026-03-11T00:00:00Z").lookbackDays());
    // No crossing or no shift at all before the window's end.
    assertEquals(RUN, clip(90, null, "2025-12-01T00:00:00Z"));
    assertEquals(RUN, clip(90, "2025-12-01T00:00:00Z", null));
  }

  @Test
  void askingForTheRunWindowsDaysIsTheRunWindow() {
    assertEquals(RUN, clip(30, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"));
    // ... and needs no data looked at.
    assertEquals(RUN, AlignmentWindow.of(RUN, 30, null, null));
  }

  @Test
  void fewerDaysThanTheRunWindowOrMoreThanAYearAreRefused() {
    IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
        () -> clip(29, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"));
    assertTrue(shorter.getMessage().startsWith("AlignmentWindow: "), shorter.getMessage());
    IllegalArgumentException longer = assertThrows(IllegalArgumentException.class,
        () -> clip(367, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"));
    assertTrue(longer.getMessage().contains("366"), longer.getMessage());
  }
}
