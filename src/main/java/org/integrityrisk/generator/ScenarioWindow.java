package org.integrityrisk.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The run window and the wider periods the scenario fills around it: rosters start two
 * weeks before the window (so a stale ring has shifts to align with) and end a day after
 * the run date; ordinary traffic starts ten days before the window, so some valid data
 * lies outside it as it would in a real export.
 */
record ScenarioWindow(LocalDate runDate, int lookbackDays) {
  static final int ROSTER_DAYS_BEFORE_WINDOW = 14;
  static final int TRAFFIC_DAYS_BEFORE_WINDOW = 10;

  LocalDate firstDay() {
    return runDate.minusDays(lookbackDays - 1L);
  }

  Instant start() {
    return firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  Instant endExclusive() {
    return runDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  long startSecond() {
    return start().getEpochSecond();
  }

  long endSecond() {
    return endExclusive().getEpochSecond();
  }

  LocalDate rosterFirstDay() {
    return firstDay().minusDays(ROSTER_DAYS_BEFORE_WINDOW);
  }

  LocalDate rosterLastDay() {
    return runDate.plusDays(1);
  }

  LocalDate trafficFirstDay() {
    return firstDay().minusDays(TRAFFIC_DAYS_BEFORE_WINDOW);
  }

  boolean contains(long start, long end) {
    return start >= startSecond() && end <= endSecond();
  }
}
