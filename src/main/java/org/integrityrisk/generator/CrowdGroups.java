package org.integrityrisk.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The crowd ({@link GeneratorOptions.Extras#crowd()}): many more innocent co-travelling groups
 * than the standard scenario's handful, so a run mines hundreds of groups and the false
 * discovery control pays for thousands of tests, as it does on real traffic. With crowd N the
 * scenario holds N times the standard number of carpools, families and coaches; the standard
 * ones stay as they are and the crowd adds the other N - 1 shares.
 *
 * <p>Every crowd group is at a rotating-roster port. There the four teams take the early,
 * late and night shifts in turn on an 8-day cycle, so a habit of the clock or the calendar
 * (out at 07:30 on weekdays, a Sunday trip) meets every team alike: no crowd group is planted
 * to align with anyone's duty, and any alignment it shows is chance. At the fixed-roster port
 * the same habits would fall into one office's hours every time.
 */
final class CrowdGroups {
  static final String CROWD_PREFIX = "CROWD-";
  /** Commuters cross within a minute of each other: one car at one booth. */
  private static final int CARPOOL_SPREAD = 50;
  private static final int FAMILY_SPREAD = 60;
  private static final int COACH_SPREAD = 540;
  /** Out between 07:00 and 09:00 local, back between 16:00 and 19:00: a working day's habit. */
  private static final int OUT_FROM_MINUTE = 7 * 60;
  private static final int OUT_TO_MINUTE = 8 * 60 + 50;
  private static final int BACK_FROM_MINUTE = 16 * 60;
  private static final int BACK_TO_MINUTE = 18 * 60 + 50;
  /** A commuter leaves within ten minutes of their habit. */
  private static final int HABIT_JITTER_SECONDS = 600;
  /**
   * The share of working days a carpool drives, drawn per carpool: over 21 or 22 weekdays this
   * gives the 30 to 42 crossings a month a real carpool makes (leave, sick days, home office).
   */
  private static final double MIN_ATTENDANCE = 0.70;
  private static final double MAX_ATTENDANCE = 0.97;

  private final ScenarioWindow window;
  private final PortPlan ports;
  private final Identifiers ids;
  private final TravelDetails details;
  private final RandomStreams streams;
  private final double scale;
  private final int crowd;
  private final List<ActivePort> rotatingRoadPorts;

  CrowdGroups(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details, RandomStreams streams,
      double scale, int crowd) {
    this.window = window;
    this.ports = ports;
    this.ids = ids;
    this.details = details;
    this.streams = streams;
    this.scale = scale;
    this.crowd = crowd;
    this.rotatingRoadPorts = ports.active().stream()
        .filter(p -> p.road() && p.rosterKind() == RosterKind.ROTATING)
        .toList();
  }

  /** How many crowd groups of a kind come on top of the standard ones. */
  int extra(int standard) {
    return standard * (crowd - 1);
  }

  /** Plants the crowd's crossings into out and returns its groups. */
  List<PlantedGroup> plant(List<Crossing> out) {
    List<PlantedGroup> groups = new ArrayList<>();
    if (crowd <= 1) {
      return groups;
    }
    Identifiers.Sequence people = ids.sequence(Identifiers.CROWD_BASE);
    plantCarpools(people, groups, out);
    plantFamilies(people, groups, out);
    plantCoaches(people, groups, out);
    return groups;
  }

  /**
   * Commuters working across the border, 2 to 4 in one car: out in the morning, back in the
   * evening, on working days (weekdays that are not public holidays), each carpool at its own
   * habitual times and with its own share of days off, the whole crew in the car.
   */
  private void plantCarpools(Identifiers.Sequence people, List<PlantedGroup> groups, List<Crossing> out) {
    SplittableRandom rnd = streams.stream("crowd-carpools");
    GroupCrossings group = new GroupCrossings(details, rnd);
    int count = extra(InnocentGroups.carpools(scale));
    for (int g = 0; g < count; g++) {
      ActivePort port = Draw.pick(rotatingRoadPorts, rnd);
      List<String> members = members(people, Draw.between(rnd, 2, 4));
      String car = people.vehicle();
      int outSecond = Draw.between(rnd, OUT_FROM_MINUTE, OUT_TO_MINUTE) * 60;
      int backSecond = Draw.between(rnd, BACK_FROM_MINUTE, BACK_TO_MINUTE) * 60;
      double attendance = MIN_ATTENDANCE + (MAX_ATTENDANCE - MIN_ATTENDANCE) * rnd.nextDouble();
      String lane = details.carLane(port, rnd);
      int trips = 0;
      for (LocalDate day = window.firstDay(); !day.isAfter(window.runDate()); day = day.plusDays(1)) {
        if (!isWorkingDay(day) || rnd.nextDouble() >= attendance) {
          continue;
        }
        // The whole crew or nobody: a member staying home now and then would make every
        // subset of the crew a frequent group of its own (a 4-seat carpool mined as up to 11
        // groups), far more groups per carpool than the outside scenarios showed.
        List<String> aboard = members;
        int d = port.clock().dayIndex(day);
        long exit = port.clock().at(d, outSecond / 3600, outSecond % 3600)
            + Draw.between(rnd, -HABIT_JITTER_SECONDS, HABIT_JITTER_SECONDS);
        long entry = port.clock().at(d, backSecond / 3600, backSecond % 3600)
            + Draw.between(rnd, -HABIT_JITTER_SECONDS, HABIT_JITTER_SECONDS);
        if (exit < window.startSecond() || entry + CARPOOL_SPREAD >= window.endSecond()) {
          continue;
        }
        // Most days the usual lane; now and then another one.
        String today = rnd.nextDouble() < 0.7 ? lane : details.carLane(port, rnd);
        group.cross(aboard, port, true, exit, CARPOOL_SPREAD, car, today, out);
        group.cross(aboard, port, false, entry, CARPOOL_SPREAD, car, details.carLane(port, rnd), out);
        trips++;
      }
      groups.add(new PlantedGroup(groupId("CARPOOL", g), PlantedGroup.CARPOOL, port, members, trips, null, null));
    }
  }

  /**
   * Families of 2 to 5 in the family car on weekends and public holidays: 2 to 5 trips, each
   * a day out (back the same day) or, when the next day is free too, back the next day.
   */
  private void plantFamilies(Identifiers.Sequence people, List<PlantedGroup> groups, List<Crossing> out) {
    SplittableRandom rnd = streams.stream("crowd-families");
    GroupCrossings group = new GroupCrossings(details, rnd);
    List<LocalDate> freeDays = new ArrayList<>();
    for (LocalDate day = window.firstDay(); !day.isAfter(window.runDate()); day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        freeDays.add(day);
      }
    }
    int count = extra(InnocentGroups.families(scale));
    for (int g = 0; g < count; g++) {
      ActivePort port = Draw.pick(rotatingRoadPorts, rnd);
      List<String> members = members(people, Draw.between(rnd, 2, 5));
      String car = people.vehicle();
      List<LocalDate> days = new ArrayList<>(freeDays);
      Draw.shuffle(days, rnd);
      List<LocalDate> chosen = new ArrayList<>(days.subList(0, Math.min(days.size(), Draw.between(rnd, 2, 5))));
      chosen.sort(null);
      PortClock clock = port.clock();
      int trips = 0;
      LocalDate busyUntil = null;
      for (LocalDate day : chosen) {
        if (busyUntil != null && !day.isAfter(busyUntil)) {
          continue;
        }
        int d = clock.dayIndex(day);
        boolean overnight = freeDays.contains(day.plusDays(1)) && rnd.nextDouble() < 0.4;
        int outHour = Draw.between(rnd, 8, 13);
        int backHour = overnight ? Draw.between(rnd, 10, 20) : Draw.between(rnd, outHour + 3, 21);
        long exit = clock.at(d, outHour, rnd.nextInt(3600 - FAMILY_SPREAD));
        long entry = clock.at(overnight ? d + 1 : d, backHour, rnd.nextInt(3600 - FAMILY_SPREAD));
        if (exit < window.startSecond() || entry + FAMILY_SPREAD >= window.endSecond()) {
          continue;
        }
        group.cross(members, port, true, exit, FAMILY_SPREAD, car, details.carLane(port, rnd), out);
        group.cross(members, port, false, entry, FAMILY_SPREAD, car, details.carLane(port, rnd), out);
        busyUntil = overnight ? day.plusDays(1) : day;
        trips++;
      }
      groups.add(new PlantedGroup(groupId("FAMILY", g), PlantedGroup.FAMILY, port, members, trips, null, null));
    }
  }

  /** One-off tours: a coach load of 25 to 45 out and back once, a few days apart. */
  private void plantCoaches(Identifiers.Sequence people, List<PlantedGroup> groups, List<Crossing> out) {
    SplittableRandom rnd = streams.stream("crowd-coaches");
    GroupCrossings group = new GroupCrossings(details, rnd);
    int count = extra(InnocentGroups.coaches(scale));
    for (int g = 0; g < count; g++) {
      ActivePort port = Draw.pick(rotatingRoadPorts, rnd);
      List<String> members = members(people, Draw.between(rnd, 25, 45));
      String coach = people.vehicle();
      PortClock clock = port.clock();
      int firstDay = clock.dayIndex(window.firstDay());
      int lastDay = clock.dayIndex(window.runDate());
      int exitDay = firstDay + rnd.nextInt(Math.max(1, lastDay - firstDay - 1));
      int entryDay = Math.min(lastDay, exitDay + Draw.between(rnd, 1, 7));
      long exit = clock.at(exitDay, Draw.between(rnd, 6, 20), rnd.nextInt(3600));
      long entry = clock.at(Math.max(entryDay, exitDay + 1), Draw.between(rnd, 6, 20), rnd.nextInt(3600));
      group.cross(members, port, true, exit, COACH_SPREAD, coach, details.coachLane(port, rnd), out);
      if (entry + COACH_SPREAD < window.endSecond()) {
        group.cross(members, port, false, entry, COACH_SPREAD, coach, details.coachLane(port, rnd), out);
      }
      groups.add(new PlantedGroup(groupId("COACH", g), PlantedGroup.COACH, port, members, 1, null, null));
    }
  }

  /**
   * Weekdays that are not public holidays. The holidays are those most of the scenario's
   * countries keep: New Year, Good Friday and Easter Monday (from the year's Easter), 1 May,
   * Christmas and Boxing Day. A 30-day window ending 10 April 2026 holds Good Friday and
   * Easter Monday.
   */
  static boolean isWorkingDay(LocalDate day) {
    DayOfWeek weekday = day.getDayOfWeek();
    if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY) {
      return false;
    }
    MonthDay md = MonthDay.from(day);
    if (md.equals(MonthDay.of(1, 1)) || md.equals(MonthDay.of(5, 1)) || md.equals(MonthDay.of(12, 25))
        || md.equals(MonthDay.of(12, 26))) {
      return false;
    }
    LocalDate easter = easterSunday(day.getYear());
    return !day.equals(easter.minusDays(2)) && !day.equals(easter.plusDays(1));
  }

  /** Western Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int dayOfMonth = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, dayOfMonth);
  }

  private static List<String> members(Identifiers.Sequence people, int size) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(people.traveller());
    }
    return List.copyOf(members);
  }

  private static String groupId(String kind, int index) {
    StringBuilder sb = new StringBuilder(CROWD_PREFIX).append(kind).append('-');
    Timestamps.appendDigits(sb, index + 1, 4);
    return sb.toString();
  }
}
