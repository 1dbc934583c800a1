package org.integrityrisk.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The texture of a clearance row: the hour people cross at, the lane, and the free-text
 * remarks, including the commas, quotes and line breaks a desk officer types.
 */
final class TravelDetails {
  /** Relative crossings per local hour: quiet 01:00-05:00, peaks in the morning and evening. */
  private static final double[] RHYTHM = {
    1.5, 0.6, 0.4, 0.4, 0.6, 1.5, 4, 8, 9, 7, 5.5, 5, 5, 5, 5, 6, 8, 9, 8, 6, 4.5, 3.5, 2.5, 2
  };
  private static final double FREE_TEXT_LANE = 0.005;
  private static final double REMARK_WITH_LINE_BREAK = 0.02;
  private static final double PLAIN_REMARK = 0.06;

  private static final List<String> FREE_TEXT_LANES = List.of(
      "Desk 4, \"fast track\"",
      "Lane 2, trucks only",
      "CAR-3 (closed, diverted to CAR-4)",
      "Booth \"B\", left side",
      "temporary desk, arrivals hall");
  private static final List<String> PLAIN_REMARKS = List.of(
      "routine",
      "no goods declared",
      "declared tobacco, 2 cartons",
      "traveller said \"visiting family\"",
      "passport renewed, old one voided",
      "asked about \"duty free\" limits",
      "child travelling with both parents",
      "cash declared: EUR 9,500",
      "pet passport checked");
  private static final List<String> LINE_BREAK_REMARKS = List.of(
      "referred to secondary\nnothing found",
      "bag x-ray\ncleared by supervisor",
      "document scanner fault\nchecked by hand",
      "declared goods:\n- 1 laptop\n- 2 phones",
      "said \"business trip\"\nreturn ticket shown");

  private final double[][] cumulativeRhythm;

  TravelDetails(PortPlan ports) {
    cumulativeRhythm = new double[ports.active().size()][];
    for (ActivePort port : ports.active()) {
      double[] cumulative = new double[24];
      double total = 0;
      for (int h = 0; h < 24; h++) {
        if (h >= port.firstOpenHour() && h <= port.lastOpenHour()) {
          total += RHYTHM[h];
        }
        cumulative[h] = total;
      }
      for (int h = 0; h < 24; h++) {
        cumulative[h] /= total;
      }
      cumulativeRhythm[port.index()] = cumulative;
    }
  }

  /** A local hour drawn from the port's day-night rhythm, within its opening hours. */
  int hour(ActivePort port, SplittableRandom rnd) {
    double[] cumulative = cumulativeRhythm[port.index()];
    double u = rnd.nextDouble();
    for (int h = 0; h < 23; h++) {
      if (u < cumulative[h]) {
        return h;
      }
    }
    return 23;
  }

  /**
   * An instant in [from, to) at an hour as busy as the day-night rhythm makes it: uniform
   * instants kept in proportion to their hour's traffic, so crossings planted this way look
   * like ordinary traffic. Falls back to a uniform instant when the range is all quiet hours.
   */
  long ordinaryInstant(ActivePort port, long from, long to, SplittableRandom rnd) {
    double busiest = 0;
    for (double r : RHYTHM) {
      busiest = Math.max(busiest, r);
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      long t = Draw.within(rnd, from, to);
      if (port.isOpenAt(t) && rnd.nextDouble() * busiest < RHYTHM[port.clock().localHour(t)]) {
        return t;
      }
    }
    return Draw.within(rnd, from, to);
  }

  String carLane(ActivePort port, SplittableRandom rnd) {
    return lane(port.carLanes(), rnd);
  }

  String footLane(ActivePort port, SplittableRandom rnd) {
    return lane(port.footLanes(), rnd);
  }

  String coachLane(ActivePort port, SplittableRandom rnd) {
    return lane(port.coachLanes(), rnd);
  }

  String laneFor(ActivePort port, boolean inVehicle, SplittableRandom rnd) {
    return inVehicle ? carLane(port, rnd) : footLane(port, rnd);
  }

  private static String lane(List<String> lanes, SplittableRandom rnd) {
    if (rnd.nextDouble() < FREE_TEXT_LANE) {
      return Draw.pick(FREE_TEXT_LANES, rnd);
    }
    return Draw.pick(lanes, rnd);
  }

  String remarks(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    if (u < REMARK_WITH_LINE_BREAK) {
      return Draw.pick(LINE_BREAK_REMARKS, rnd);
    }
    if (u < REMARK_WITH_LINE_BREAK + PLAIN_REMARK) {
      return Draw.pick(PLAIN_REMARKS, rnd);
    }
    return "";
  }
}
