package org.integrityrisk.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.integrityrisk.ingest.RunWindow;
import org.junit.jupiter.api.Test;

/**
 * The test on tiny hand-built rosters. The window is 2026-03-01 to 2026-03-08 (8 days);
 * the axis starts the day before, so window day 1 is axis day 1.
 */
class AlignmentTestTest {
  private static final double EPS = 1e-12;
  private static final RunWindow WINDOW = new RunWindow(LocalDate.of(2026, 3, 8), 8);
  private static final DayAxis AXIS = DayAxis.of(WINDOW);
  private final AlignmentTest test = new AlignmentTest(AXIS, false);

  private static int minute(int day, int hour, int minute) {
    return day * DayAxis.MINUTES_PER_DAY + hour * 60 + minute;
  }

  /** An event at a local time equal to UTC (the bitmap and the instant agree). */
  private static AlignmentTest.Trip trip(int day, int... hours) {
    int[] minutes = new int[hours.length];
    long[] seconds = new long[hours.length];
    for (int i = 0; i < hours.length; i++) {
      minutes[i] = minute(day, hours[i], 0);
      seconds[i] = AXIS.firstDay().plusDays(day).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond()
          + hours[i] * 3600L;
    }
    return new AlignmentTest.Trip(minutes, seconds);
  }

  private static byte[] duty(int fromHour, int toHour, int... days) {
    byte[] bitmap = DutyBitmap.empty(AXIS);
    for (int day : days) {
      DutyBitmap.set(bitmap, minute(day, fromHour, 0), minute(day, toHour, 0));
    }
    return bitmap;
  }

  @Test
  void axisCoversTheWindowWithADayEitherSide() {
    assertEquals(LocalDate.of(2026, 2, 28), AXIS.firstDay());
    assertEquals(11, AXIS.days());
  }

  @Test
  void fixedRosterAlwaysOnDutyAtThatHourIsNoEvidence() {
    byte[] everyMorning = duty(7, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    AlignmentTest.Result r = test.test(List.of(trip(1, 8), trip(2, 8), trip(3, 8), trip(4, 8)), everyMorning, null);
    assertEquals(4, r.alignedEvents());
    assertEquals(4.0, r.expectedAlignedEvents(), EPS);
    assertEquals(1.0, r.pValue(), EPS);
  }

  @Test
  void rotatingRosterOnDutyOneDayInFour() {
    // Early shift 06-14 on window days 1 and 5 (a four-day rotation): 2 of 8 possible days.
    byte[] rotating = duty(6, 14, 1, 5);
    AlignmentTest.Result r = test.test(List.of(trip(1, 10), trip(5, 10)), rotating, null);
    assertEquals(2, r.alignedEvents());
    assertEquals(0.5, r.expectedAlignedEvents(), EPS);
    assertEquals(0.0625, r.pValue(), EPS);
    // Both crossings of one trip in one shift count as one piece of evidence: 1/4, not 1/16.
    AlignmentTest.Result sameTrip = test.test(List.of(trip(1, 10, 13)), rotating, null);
    assertEquals(2, sameTrip.alignedEvents());
    assertEquals(0.25, sameTrip.pValue(), EPS);
  }

  @Test
  void officerBeyondDivisionIsCarriedByOvertime() {
    byte[] division = duty(6, 14, 1, 5);                 // the rest of the division
    byte[] colluder = duty(6, 14, 1, 3, 5);              // the division's shifts plus overtime on day 3
    // Day 3 (overtime, division off): of the 6 days the division is off at 10:00, the officer is on 1.
    AlignmentTest.Result overtime = test.test(List.of(trip(3, 10)), colluder, division);
    assertEquals(1.0 / 6, overtime.pValue(), EPS);
    assertEquals(1.0 / 6, overtime.expectedAlignedEvents(), EPS);
    // Day 1 (division on): the officer is on every day the division is, so it explains nothing.
    AlignmentTest.Result shared = test.test(List.of(trip(1, 10)), colluder, division);
    assertEquals(1.0, shared.pValue(), EPS);
    assertEquals(1.0, shared.smallestPValue(), EPS);
  }

  @Test
  void teamMateWhoSharesTheShiftsGainsNothing() {
    byte[] teamMate = duty(6, 14, 1, 5);
    byte[] restIncludingColluder = duty(6, 14, 1, 3, 5);
    AlignmentTest.Result r = test.test(List.of(trip(1, 10), trip(3, 10), trip(5, 10)), teamMate,
        restIncludingColluder);
    assertEquals(2, r.alignedEvents());
    // On days the rest is on (1, 3, 5) the team-mate is on 2 of 3: expected 2, observed 2.
    assertEquals(2.0, r.expectedAlignedEvents(), EPS);
    assertEquals(8.0 / 27 + 12.0 / 27, r.pValue(), EPS);
  }

  @Test
  void keepingTheWeekdayTypeDrawsOnlyMatchingDays() {
    // 2026-03-01 is a Sunday (axis day 1), 2026-03-07 a Saturday (axis day 7).
    AlignmentTest weekdayType = new AlignmentTest(AXIS, true);
    byte[] weekends = duty(6, 14, 1, 7, 8);
    AlignmentTest.Result r = weekdayType.test(List.of(trip(1, 10)), weekends, null);
    assertEquals(1.0, r.pValue(), EPS);
    AlignmentTest.Result anyDay = test.test(List.of(trip(1, 10)), weekends, null);
    assertEquals(3.0 / 8, anyDay.pValue(), EPS);
  }
}
