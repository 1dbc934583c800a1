package org.integrityrisk.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A Saturday coach tour: out in the morning, back in the evening, every week in the same
 * coach with the same driver and two guides but a mostly new load of passengers. The crew
 * of three crosses together every week, a small regular group as innocent as a carpool;
 * the passengers come along once, a few of them twice.
 */
final class WeeklyCoach {
  static final int REGULARS = 3;
  static final int MIN_PASSENGERS = 30;
  static final int MAX_PASSENGERS = 45;
  /** A passenger is someone from an earlier tour this often; the rest are new. */
  private static final double RETURNING = 0.1;
  private static final int OUT_SECOND = (8 * 60 + 15) * 60;
  private static final int BACK_SECOND = (19 * 60 + 30) * 60;
  private static final int DELAY_SECONDS = 900;
  private static final int SPREAD_SECONDS = 540;

  private final ScenarioWindow window;
  private final PortPlan ports;
  private final TravelDetails details;
  private final Identifiers.Sequence people;
  private final SplittableRandom rnd;
  private final GroupCrossings group;

  WeeklyCoach(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details, SplittableRandom rnd) {
    this.window = window;
    this.ports = ports;
    this.details = details;
    this.people = ids.sequence(Identifiers.WEEKLY_COACH_BASE);
    this.rnd = rnd;
    this.group = new GroupCrossings(details, rnd);
  }

  PlantedGroup plant(List<Crossing> out) {
    ActivePort port = Draw.pick(ports.roadPorts(), rnd);
    List<String> crew = new ArrayList<>();
    for (int i = 0; i < REGULARS; i++) {
      crew.add(people.traveller());
    }
    String coach = people.vehicle();
    List<String> earlierPassengers = new ArrayList<>();
    PortClock clock = port.clock();
    int trips = 0;
    for (LocalDate day = window.firstDay(); !day.isAfter(window.runDate()); day = day.plusDays(1)) {
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY) {
        continue;
      }
      int d = clock.dayIndex(day);
      long exit = clock.at(d, OUT_SECOND / 3600, OUT_SECOND % 3600) + Draw.between(rnd, -DELAY_SECONDS, DELAY_SECONDS);
      long entry = clock.at(d, BACK_SECOND / 3600, BACK_SECOND % 3600)
          + Draw.between(rnd, -DELAY_SECONDS, DELAY_SECONDS);
      if (exit < window.startSecond() || entry + SPREAD_SECONDS >= window.endSecond()) {
        continue;
      }
      List<String> aboard = new ArrayList<>(crew);
      aboard.addAll(passengers(Draw.between(rnd, MIN_PASSENGERS, MAX_PASSENGERS), earlierPassengers));
      group.cross(aboard, port, true, exit, SPREAD_SECONDS, coach, details.coachLane(port, rnd), out);
      group.cross(aboard, port, false, entry, SPREAD_SECONDS, coach, details.coachLane(port, rnd), out);
      for (String p : aboard.subList(REGULARS, aboard.size())) {
        if (!earlierPassengers.contains(p)) {
          earlierPassengers.add(p);
        }
      }
      trips++;
    }
    return new PlantedGroup("WEEKLY-COACH-001", PlantedGroup.WEEKLY_COACH, port, List.copyOf(crew), trips, null,
        null);
  }

  private List<String> passengers(int count, List<String> earlier) {
    List<String> load = new ArrayList<>();
    while (load.size() < count) {
      String p = !earlier.isEmpty() && rnd.nextDouble() < RETURNING ? Draw.pick(earlier, rnd) : people.traveller();
      if (!load.contains(p)) {
        load.add(p);
      }
    }
    return load;
  }
}
