package org.integrityrisk.generator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A daily queue burst at the busiest port: every day at the same local time a crowd of
 * frequent travellers is cleared within twenty minutes. The crowd is drawn each day from a
 * pool of regulars who each come 6 to 10 times on random days, alone, on foot or in their
 * own car, so they cross often and at a fixed hour yet meet the same strangers only rarely:
 * dense co-crossing that is no group at all.
 */
final class QueueBurst {
  static final int POOL_SIZE = 300;
  static final int MIN_CROSSINGS = 6;
  static final int MAX_CROSSINGS = 10;
  static final int FROM_HOUR = 17;
  static final int LENGTH_SECONDS = 20 * 60;
  static final String LOCAL_TIME = "17:00-17:20";
  private static final double IN_CAR = 0.65;

  /** What truth.json says about the burst. */
  record Summary(ActivePort port, String localTime, int poolSize, int crossings) {}

  private final ScenarioWindow window;
  private final PortPlan ports;
  private final TravelDetails details;
  private final Identifiers.Sequence people;
  private final SplittableRandom rnd;

  QueueBurst(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details, SplittableRandom rnd) {
    this.window = window;
    this.ports = ports;
    this.details = details;
    this.people = ids.sequence(Identifiers.QUEUE_BURST_BASE);
    this.rnd = rnd;
  }

  Summary plant(List<Crossing> out) {
    ActivePort port = ports.active().stream().max(Comparator.comparingDouble(ActivePort::trafficShare)).orElseThrow();
    PortClock clock = port.clock();
    int firstDay = clock.dayIndex(window.firstDay());
    int days = window.lookbackDays();
    List<Integer> dayOrder = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      dayOrder.add(d);
    }
    int crossings = 0;
    for (int t = 0; t < POOL_SIZE; t++) {
      String traveller = people.traveller();
      boolean car = port.road() && rnd.nextDouble() < IN_CAR;
      String vehicle = car ? people.vehicle() : "";
      int count = Math.min(days, Draw.between(rnd, MIN_CROSSINGS, MAX_CROSSINGS));
      // A partial shuffle picks the traveller's days; sorted, they alternate out and back.
      for (int i = 0; i < count; i++) {
        int j = i + rnd.nextInt(days - i);
        Integer swap = dayOrder.get(i);
        dayOrder.set(i, dayOrder.get(j));
        dayOrder.set(j, swap);
      }
      List<Integer> chosen = new ArrayList<>(dayOrder.subList(0, count));
      chosen.sort(null);
      boolean exit = rnd.nextBoolean();
      for (int day : chosen) {
        long at = clock.at(firstDay + day, FROM_HOUR, rnd.nextInt(LENGTH_SECONDS));
        if (at >= window.startSecond() && at < window.endSecond()) {
          out.add(new Crossing(traveller, port, exit, at, details.laneFor(port, car, rnd), vehicle,
              details.remarks(rnd)));
          crossings++;
        }
        exit = !exit;
      }
    }
    return new Summary(port, LOCAL_TIME, POOL_SIZE, crossings);
  }
}
