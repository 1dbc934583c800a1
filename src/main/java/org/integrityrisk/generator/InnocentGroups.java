package org.integrityrisk.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * People who cross together for innocent reasons and must not be mistaken for rings:
 * commuter carpools (every weekday, fixed times, so every team of a rotating port sees
 * them alike), families (a few trips) and tour coaches (one trip, many people).
 */
final class InnocentGroups {
  private static final int CARPOOL_SPREAD = 50;
  private static final int FAMILY_SPREAD = 60;
  private static final int COACH_SPREAD = 540;

  private final ScenarioWindow window;
  private final PortPlan ports;
  private final Identifiers ids;
  private final TravelDetails details;
  private final RandomStreams streams;
  private final double scale;

  InnocentGroups(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details, RandomStreams streams,
      double scale) {
    this.window = window;
    this.ports = ports;
    this.ids = ids;
    this.details = details;
    this.streams = streams;
    this.scale = scale;
  }

  static int carpools(double scale) {
    return (int) Math.max(3, Math.round(6 * scale));
  }

  static int families(double scale) {
    return (int) Math.max(3, Math.round(8 * scale));
  }

  static int coaches(double scale) {
    return (int) Math.max(2, Math.round(3 * scale));
  }

  List<PlantedGroup> plant(List<Crossing> out) {
    List<PlantedGroup> groups = new ArrayList<>();
    plantCarpools(groups, out);
    plantFamilies(groups, out);
    plantCoaches(groups, out);
    return groups;
  }

  /** Commuters working across the border: out at about 07:30, back at about 17:30, every weekday. */
  private void plantCarpools(List<PlantedGroup> groups, List<Crossing> out) {
    SplittableRandom rnd = streams.stream("carpools");
    Identifiers.Sequence people = ids.sequence(Identifiers.CARPOOL_BASE);
    GroupCrossings group = new GroupCrossings(details, rnd);
    // Rotating ports only: at the fixed-roster port a daily 07:30 crossing is always the
    // morning office's, which would make innocent commuters look like collusion.
    List<ActivePort> candidates = ports.active().stream()
        .filter(p -> p.road() && p.rosterKind() == RosterKind.ROTATING)
        .toList();
    int count = carpools(scale);
    for (int g = 0; g < count; g++) {
      ActivePort port = Draw.pick(candidates, rnd);
      List<String> members = members(people, Draw.between(rnd, 2, 4));
      String car = people.vehicle();
      int outSecond = (7 * 60 + Draw.between(rnd, 10, 50)) * 60;
      int backSecond = (16 * 60 + Draw.between(rnd, 45, 135)) * 60;
      int trips = 0;
      for (LocalDate day = window.firstDay(); !day.isAfter(window.runDate()); day = day.plusDays(1)) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
          continue;
        }
        int d = port.clock().dayIndex(day);
        long exit = port.clock().at(d, outSecond / 3600, outSecond % 3600) + Draw.between(rnd, -180, 180);
        long entry = port.clock().at(d, backSecond / 3600, backSecond % 3600) + Draw.between(rnd, -180, 180);
        if (exit < window.startSecond() || entry + CARPOOL_SPREAD >= window.endSecond()) {
          continue;
        }
        group.cross(members, port, true, exit, CARPOOL_SPREAD, car, details.carLane(port, rnd), out);
        group.cross(members, port, false, entry, CARPOOL_SPREAD, car, details.carLane(port, rnd), out);
        trips++;
      }
      groups.add(new PlantedGroup(groupId("CARPOOL", g), PlantedGroup.CARPOOL, port, members, trips, null, null));
    }
  }

  /** Holidays and family visits: 2 to 4 trips of a few days, everyone in the family car. */
  private void plantFamilies(List<PlantedGroup> groups, List<Crossing> out) {
    SplittableRandom rnd = streams.stream("families");
    Identifiers.Sequence people = ids.sequence(Identifiers.FAMILY_BASE);
    GroupCrossings group = new GroupCrossings(details, rnd);
    int count = families(scale);
    for (int g = 0; g < count; g++) {
      ActivePort port = ports.pickByTraffic(rnd);
      List<String> members = members(people, Draw.between(rnd, 3, 5));
      String car = port.road() ? people.vehicle() : "";
      int trips = Draw.between(rnd, 2, 4);
      PortClock clock = port.clock();
      int firstDay = clock.dayIndex(window.trafficFirstDay());
      int days = clock.dayIndex(window.runDate()) - firstDay + 1;
      int planted = 0;
      for (int t = 0; t < trips; t++) {
        int slotStart = firstDay + days * t / trips;
        int slotEnd = firstDay + days * (t + 1) / trips;
        int exitDay = slotStart + rnd.nextInt(Math.max(1, (slotEnd - slotStart) / 2));
        int entryDay = Math.min(slotEnd - 1, exitDay + Draw.between(rnd, 1, 10));
        long exit = clock.at(exitDay, details.hour(port, rnd), rnd.nextInt(3600 - FAMILY_SPREAD));
        long entry = clock.at(Math.max(entryDay, exitDay + 1), details.hour(port, rnd), rnd.nextInt(3600 - FAMILY_SPREAD));
        String lane = details.laneFor(port, !car.isEmpty(), rnd);
        group.cross(members, port, true, exit, FAMILY_SPREAD, car, lane, out);
        if (entry + FAMILY_SPREAD < window.endSecond()) {
          group.cross(members, port, false, entry, FAMILY_SPREAD, car, details.laneFor(port, !car.isEmpty(), rnd), out);
        }
        planted++;
      }
      groups.add(new PlantedGroup(groupId("FAMILY", g), PlantedGroup.FAMILY, port, members, planted, null, null));
    }
  }

  /** One-off tours: a coach load out and back once, cleared within about ten minutes. */
  private void plantCoaches(List<PlantedGroup> groups, List<Crossing> out) {
    SplittableRandom rnd = streams.stream("coaches");
    Identifiers.Sequence people = ids.sequence(Identifiers.COACH_BASE);
    GroupCrossings group = new GroupCrossings(details, rnd);
    List<ActivePort> candidates = ports.roadPorts();
    int count = coaches(scale);
    for (int g = 0; g < count; g++) {
      ActivePort port = Draw.pick(candidates, rnd);
      List<String> members = members(people, Draw.between(rnd, 25, 45));
      String coach = people.vehicle();
      PortClock clock = port.clock();
      int firstDay = clock.dayIndex(window.trafficFirstDay());
      int lastDay = clock.dayIndex(window.runDate());
      int exitDay = firstDay + rnd.nextInt(Math.max(1, lastDay - firstDay - 1));
      int entryDay = Math.min(lastDay, exitDay + Draw.between(rnd, 2, 7));
      long exit = clock.at(exitDay, Draw.between(rnd, 8, 19), rnd.nextInt(3600));
      long entry = clock.at(Math.max(entryDay, exitDay + 1), Draw.between(rnd, 8, 19), rnd.nextInt(3600));
      String lane = details.coachLane(port, rnd);
      group.cross(members, port, true, exit, COACH_SPREAD, coach, lane, out);
      int trips = 1;
      if (entry + COACH_SPREAD < window.endSecond()) {
        group.cross(members, port, false, entry, COACH_SPREAD, coach, details.coachLane(port, rnd), out);
      }
      groups.add(new PlantedGroup(groupId("COACH", g), PlantedGroup.COACH, port, members, trips, null, null));
    }
  }

  private static List<String> members(Identifiers.Sequence people, int size) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(people.traveller());
    }
    return List.copyOf(members);
  }

  private static String groupId(String kind, int index) {
    StringBuilder sb = new StringBuilder(kind).append('-');
    Timestamps.appendDigits(sb, index + 1, 3);
    return sb.toString();
  }
}
