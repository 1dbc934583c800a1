package org.integrityrisk.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.integrityrisk.ingest.AlignmentWindow;
import org.integrityrisk.ingest.RunWindow;
import org.junit.jupiter.api.Test;

/**
 * Why the alignment window is clipped to the rosters: a division on duty around the clock on
 * every rostered day explains any trip, so its test must give p = 1. Over days before the
 * rosters begin the null model would find nobody on duty and call the group aligned.
 */
class AlignmentWindowNullModelTest {
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 4, 10);
  private static final RunWindow RUN = new RunWindow(RUN_DATE, 30);
  private static final Instant ROSTERS_FROM = RUN_DATE.minusDays(44).atStartOfDay(ZoneOffset.UTC).toInstant();

  /** Always on duty from the rosters' first day to the axis's end. */
  private static byte[] aroundTheClock(DayAxis axis) {
    byte[] duty = DutyBitmap.empty(axis);
    long from = (ROSTERS_FROM.getEpochSecond() - axis.firstDay().atStartOfDay(ZoneOffset.UTC).toEpochSecond()) / 60;
    DutyBitmap.set(duty, (int) Math.max(0, from), axis.minutes());
    return duty;
  }

  /** Ten one-crossing trips at 10:00 UTC on the run window's last ten days. */
  private static List<AlignmentTest.Trip> trips(DayAxis axis) {
    List<AlignmentTest.Trip> trips = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      LocalDate day = RUN_DATE.minusDays(d);
      long second = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 10 * 3600;
      int minute = (int) ChronoUnit.DAYS.between(axis.firstDay(), day) * DayAxis.MINUTES_PER_DAY + 600;
      trips.add(new AlignmentTest.Trip(new int[] {minute}, new long[] {second}));
    }
    return trips;
  }

  @Test
  void theClippedWindowDrawsOnlyRosteredDays() {
    RunWindow clipped = AlignmentWindow.clip(RUN, 90, Optional.of(Instant.parse("2025-12-01T00:00:00Z")),
        Optional.of(ROSTERS_FROM));
    assertEquals(45, clipped.lookbackDays());
    DayAxis axis = DayAxis.of(clipped);
    AlignmentTest.Result r = new AlignmentTest(axis, false).test(trips(axis), aroundTheClock(axis), null);
    assertEquals(10, r.alignedEvents());
    assertEquals(10.0, r.expectedAlignedEvents(), 1e-12);
    assertEquals(1.0, r.pValue(), 1e-12);
  }

  @Test
  void theAskedForWindowWouldDrawDaysWithoutRosters() {
    DayAxis axis = DayAxis.of(new RunWindow(RUN_DATE, 90));
    AlignmentTest.Result r = new AlignmentTest(axis, false).test(trips(axis), aroundTheClock(axis), null);
    assertEquals(10, r.alignedEvents());
    assertTrue(r.expectedAlignedEvents() < 6, "half the days drawn hold no roster: " + r);
    assertTrue(r.pValue() < 0.01, "a group explained by round-the-clock duty would look aligned: " + r);
  }
}
