package org.integrityrisk.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Ordinary travellers, generated one at a time so any volume streams through: each goes
 * out and comes back at the same port 1 to 3 times (a few frequent travellers 10 to 20
 * times), alone, on foot or in their own car, following the day-night rhythm.
 */
final class BackgroundTraffic {
  private static final double FREQUENT = 0.001;
  private static final double IN_CAR = 0.65;
  private static final int MIN_STAY_SECONDS = 1800;

  private final ScenarioWindow window;
  private final PortPlan ports;
  private final Identifiers.Sequence people;
  private final TravelDetails details;
  private final SplittableRandom rnd;
  private final long windowEnd;

  BackgroundTraffic(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details,
      SplittableRandom rnd) {
    this.window = window;
    this.ports = ports;
    this.people = ids.sequence(Identifiers.BACKGROUND_BASE);
    this.details = details;
    this.rnd = rnd;
    this.windowEnd = window.endSecond();
  }

  /** Appends the next traveller's crossings, in time order. */
  void nextTraveller(List<Crossing> out) {
    ActivePort port = ports.pickByTraffic(rnd);
    String traveller = people.traveller();
    boolean car = port.road() && rnd.nextDouble() < IN_CAR;
    String vehicle = car ? people.vehicle() : "";
    int trips;
    if (rnd.nextDouble() < FREQUENT) {
      trips = Draw.between(rnd, 10, 20);
    } else {
      double u = rnd.nextDouble();
      trips = u < 0.60 ? 1 : u < 0.88 ? 2 : 3;
    }
    PortClock clock = port.clock();
    int firstDay = clock.dayIndex(window.trafficFirstDay());
    int days = clock.dayIndex(window.runDate()) - firstDay + 1;
    for (int t = 0; t < trips; t++) {
      // Each trip in its own share of the period keeps a traveller's trips in order.
      int slotStart = firstDay + days * t / trips;
      int slotEnd = Math.max(slotStart + 1, firstDay + days * (t + 1) / trips);
      int exitDay = slotStart + rnd.nextInt(slotEnd - slotStart);
      int stayDays = stayDays(slotEnd - 1 - exitDay);
      int exitHour = details.hour(port, rnd);
      int entryHour = details.hour(port, rnd);
      if (stayDays == 0) {
        if (exitHour == entryHour) {
          entryHour = exitHour + 1 <= port.lastOpenHour() ? exitHour + 1 : exitHour;
          if (entryHour == exitHour) {
            stayDays = 1;
          }
        } else if (entryHour < exitHour) {
          int swap = exitHour;
          exitHour = entryHour;
          entryHour = swap;
        }
      }
      long exit = clock.at(exitDay, exitHour, rnd.nextInt(3600));
      long entry = clock.at(exitDay + stayDays, entryHour, rnd.nextInt(3600));
      if (entry < exit + MIN_STAY_SECONDS) {
        entry = exit + MIN_STAY_SECONDS + rnd.nextInt(1800);
      }
      if (exit >= windowEnd) {
        break;
      }
      out.add(new Crossing(traveller, port, true, exit, details.laneFor(port, car, rnd), vehicle, details.remarks(rnd)));
      if (entry < windowEnd) {
        out.add(new Crossing(traveller, port, false, entry, details.laneFor(port, car, rnd), vehicle,
            details.remarks(rnd)));
      }
    }
  }

  /** Most come back the same day or within a few days; never after their next trip's share begins. */
  private int stayDays(int maxDays) {
    if (maxDays <= 0) {
      return 0;
    }
    double u = rnd.nextDouble();
    int days = u < 0.40 ? 0 : u < 0.65 ? 1 : u < 0.80 ? 2 : u < 0.90 ? 3 : Draw.between(rnd, 4, 9);
    return Math.min(days, maxDays);
  }
}
