package org.integrityrisk.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A workers' shuttle bus: the same 40 riders, in the same bus, out every weekday morning and
 * back every evening at fixed local times. A large innocent group that crosses together
 * far more often than any ring. At a rotating-roster port, so every team sees it alike.
 */
final class ShuttleBus {
  static final int RIDERS = 40;
  static final double PRESENT = 0.9;
  /** A rider is absent on at most a fifth of the weekdays (their leave): every rider is a regular. */
  static final double MAX_ABSENT = 0.2;
  private static final int OUT_SECOND = (6 * 60 + 40) * 60;
  private static final int BACK_SECOND = (18 * 60 + 10) * 60;
  /** The first rider is cleared within two minutes of the timetable. */
  private static final int DELAY_SECONDS = 120;
  /** The whole bus is cleared within eight minutes of its first rider. */
  private static final int SPREAD_SECONDS = 480;

  private final ScenarioWindow window;
  private final PortPlan ports;
  private final TravelDetails details;
  private final Identifiers.Sequence people;
  private final SplittableRandom rnd;

  ShuttleBus(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details, SplittableRandom rnd) {
    this.window = window;
    this.ports = ports;
    this.details = details;
    this.people = ids.sequence(Identifiers.SHUTTLE_BASE);
    this.rnd = rnd;
  }

  PlantedGroup plant(List<Crossing> out) {
    List<ActivePort> candidates = ports.active().stream()
        .filter(p -> p.road() && p.rosterKind() == RosterKind.ROTATING)
        .toList();
    ActivePort port = Draw.pick(candidates, rnd);
    List<String> riders = new ArrayList<>();
    for (int i = 0; i < RIDERS; i++) {
      riders.add(people.traveller());
    }
    String bus = people.vehicle();
    List<LocalDate> weekdays = new ArrayList<>();
    for (LocalDate day = window.firstDay(); !day.isAfter(window.runDate()); day = day.plusDays(1)) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        weekdays.add(day);
      }
    }
    int maxAbsent = (int) Math.floor(MAX_ABSENT * weekdays.size());
    int[] absent = new int[RIDERS];
    int trips = 0;
    PortClock clock = port.clock();
    for (LocalDate day : weekdays) {
      List<String> aboard = new ArrayList<>();
      for (int r = 0; r < RIDERS; r++) {
        if (rnd.nextDouble() < PRESENT || absent[r] >= maxAbsent) {
          aboard.add(riders.get(r));
        } else {
          absent[r]++;
        }
      }
      int d = clock.dayIndex(day);
      long exit = clock.at(d, OUT_SECOND / 3600, OUT_SECOND % 3600) + Draw.between(rnd, -DELAY_SECONDS, DELAY_SECONDS);
      long entry = clock.at(d, BACK_SECOND / 3600, BACK_SECOND % 3600)
          + Draw.between(rnd, -DELAY_SECONDS, DELAY_SECONDS);
      if (aboard.isEmpty() || exit < window.startSecond() || entry + SPREAD_SECONDS >= window.endSecond()) {
        continue;
      }
      board(aboard, port, true, exit, bus, out);
      board(aboard, port, false, entry, bus, out);
      trips++;
    }
    return new PlantedGroup("SHUTTLE-001", PlantedGroup.SHUTTLE, port, List.copyOf(riders), trips, null, null);
  }

  /** The first rider aboard is cleared at the bus's time, the others within the spread after. */
  private void board(List<String> aboard, ActivePort port, boolean exit, long first, String bus,
      List<Crossing> out) {
    String lane = details.coachLane(port, rnd);
    for (int i = 0; i < aboard.size(); i++) {
      long at = i == 0 ? first : first + 1 + rnd.nextInt(SPREAD_SECONDS);
      out.add(new Crossing(aboard.get(i), port, exit, at, lane, bus, details.remarks(rnd)));
    }
  }
}
