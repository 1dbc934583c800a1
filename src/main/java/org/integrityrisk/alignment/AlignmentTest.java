package org.integrityrisk.alignment;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact test of one group against one officer's or division's duty at one port.
 *
 * <p>Null model: the group keeps the local time of day of each of its crossings, but
 * each trip's day is drawn at random from the window (among days of the same type,
 * weekday or weekend, when {@code keepWeekdayType}). A trip's events move together, so
 * a trip contributes one distribution of aligned events, found by trying every day it
 * could have been made on; the trips' distributions are convolved, and the p-value is
 * the upper tail at the observed count. With one event per trip this is the
 * Poisson-binomial tail over the events' chances of being on duty.
 *
 * <p>When a {@code context} duty is given (for an officer: the rest of their division),
 * only the days on which the context was on or off duty at each event exactly as it
 * really was count as possible days: the test then asks whether the officer's duty
 * lines up with the group beyond what the division's duty already explains. A team-mate
 * who shares the colluder's shifts gains nothing from it; the colluder's overtime, when
 * the division is off, and their rest days, when it is on, are what carry the evidence.
 */
public final class AlignmentTest {
  private final DayAxis axis;
  private final boolean keepWeekdayType;

  public AlignmentTest(DayAxis axis, boolean keepWeekdayType) {
    this.axis = axis;
    this.keepWeekdayType = keepWeekdayType;
  }

  /** One trip: its events' minutes on the axis and their instants. */
  public record Trip(int[] minutes, long[] epochSeconds) {
    public Trip {
      if (minutes.length != epochSeconds.length || minutes.length == 0 || minutes.length > 62) {
        throw new IllegalArgumentException("a trip has 1 to 62 events, each with a minute and an instant");
      }
    }
  }

  /**
   * @param alignedEvents events on duty as observed
   * @param expectedAlignedEvents their expectation under the null model
   * @param smallestPValue the smallest p-value the test could give, had every possible
   *     event been on duty; a test that cannot reach the FDR level carries no evidence
   * @param alignedEventIndexes which events (in trip order, flattened) were on duty
   */
  public record Result(int events, int trips, int alignedEvents, double expectedAlignedEvents, double pValue,
      double smallestPValue, List<Integer> alignedEventIndexes) {}

  public Result test(List<Trip> trips, byte[] duty, byte[] context) {
    CountDistribution total = CountDistribution.zero();
    int observed = 0;
    int events = 0;
    List<Integer> alignedIndexes = new ArrayList<>();
    for (Trip trip : trips) {
      int k = trip.minutes().length;
      int tripObserved = aligned(trip, duty, 0);
      for (int e = 0; e < k; e++) {
        if (DutyBitmap.onDuty(duty, trip.minutes()[e])) {
          alignedIndexes.add(events + e);
        }
      }
      observed += tripObserved;
      events += k;
      total = total.plus(tripDistribution(trip, duty, context));
    }
    return new Result(events, trips.size(), observed, total.mean(), total.upperTail(observed),
        total.smallestPValue(), alignedIndexes);
  }

  /** The trip's aligned-event count over every day it could have been made on. */
  CountDistribution tripDistribution(Trip trip, byte[] duty, byte[] context) {
    int k = trip.minutes().length;
    double[] weights = new double[k + 1];
    int anchorDay = Math.floorDiv(trip.minutes()[0], DayAxis.MINUTES_PER_DAY);
    long observedContext = context == null ? 0 : pattern(trip, context, 0);
    for (int shift = -axis.days(); shift <= axis.days(); shift++) {
      if (!possible(trip, anchorDay, shift)) {
        continue;
      }
      if (context != null && pattern(trip, context, shift) != observedContext) {
        continue;
      }
      weights[aligned(trip, duty, shift)] += 1;
    }
    return CountDistribution.ofWeights(weights);
  }

  private boolean possible(Trip trip, int anchorDay, int shift) {
    if (shift == 0) {
      return true;
    }
    if (keepWeekdayType && axis.isWeekend(anchorDay + shift) != axis.isWeekend(anchorDay)) {
      return false;
    }
    for (int e = 0; e < trip.minutes().length; e++) {
      int minute = trip.minutes()[e] + shift * DayAxis.MINUTES_PER_DAY;
      if (minute < 0 || minute >= axis.minutes() || !axis.inWindow(trip.epochSeconds()[e], shift)) {
        return false;
      }
    }
    return true;
  }

  private static int aligned(Trip trip, byte[] duty, int shift) {
    int n = 0;
    for (int minute : trip.minutes()) {
      if (DutyBitmap.onDuty(duty, minute + shift * DayAxis.MINUTES_PER_DAY)) {
        n++;
      }
    }
    return n;
  }

  private static long pattern(Trip trip, byte[] context, int shift) {
    long bits = 0;
    for (int e = 0; e < trip.minutes().length; e++) {
      if (DutyBitmap.onDuty(context, trip.minutes()[e] + shift * DayAxis.MINUTES_PER_DAY)) {
        bits |= 1L << e;
      }
    }
    return bits;
  }
}
