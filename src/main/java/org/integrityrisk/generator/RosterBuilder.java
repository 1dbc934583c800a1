package org.integrityrisk.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Staffs the active ports and schedules their shifts. Shift times are local wall-clock
 * times converted through the port's zone, so a night shift over a DST change lasts 7 or
 * 9 hours, as it does in a real roster.
 *
 * <p>Rotating ports run four teams on an 8-day forward rotation (2 early, 2 late, 2 night,
 * 2 off), teams 2 days apart, so exactly one team covers every shift. The fixed-roster port
 * has a weekday morning office, a daily evening office and a weekend office; staffed with
 * {@link GeneratorOptions.StaffingPlan#TEAMS_OF_5}, four offices of five instead (weekday
 * morning and evening, weekend morning and evening), so every port has 4 divisions of 5.
 */
final class RosterBuilder {
  static final long HOUR = 3600;
  static final int COLLUDER_EXTRA_SHIFTS = 5;
  static final int COLLUDER_MIN_REST_DAYS = 3;

  private static final long MIN_REST = 8 * HOUR;
  private static final int REST_ONE_IN = 8;
  private static final int OVERTIME_ONE_IN = 10;
  private static final int CYCLE_DAYS = 8;
  private static final String[] TEAMS = {"TEAM-A", "TEAM-B", "TEAM-C", "TEAM-D"};
  private static final String[] FIXED_DIVISIONS = {"MORNING", "EVENING", "WEEKEND"};
  private static final int MORNING = 0;
  private static final int EVENING = 1;
  /**
   * The fixed-roster offices of {@link GeneratorOptions.StaffingPlan#TEAMS_OF_5}: four, so the
   * port has as many divisions as a rotating one, each always working the same hours.
   */
  private static final String[] FIXED_OFFICES_OF_4 = {"MORNING", "EVENING", "WEEKEND", "WEEKEND-EVENING"};
  private static final int TEAM_OF_5 = 5;

  private final PortPlan ports;
  private final ScenarioWindow window;
  private final SplittableRandom rnd;
  private final GeneratorOptions.StaffingPlan staffingPlan;

  RosterBuilder(PortPlan ports, ScenarioWindow window, SplittableRandom rnd,
      GeneratorOptions.StaffingPlan staffingPlan) {
    this.ports = ports;
    this.window = window;
    this.rnd = rnd;
    this.staffingPlan = staffingPlan;
  }

  Staffing staff() {
    boolean teamsOf5 = staffingPlan == GeneratorOptions.StaffingPlan.TEAMS_OF_5;
    List<Division> divisions = new ArrayList<>();
    for (ActivePort port : ports.active()) {
      boolean rotating = port.rosterKind() == RosterKind.ROTATING;
      String[] names = rotating ? TEAMS : teamsOf5 ? FIXED_OFFICES_OF_4 : FIXED_DIVISIONS;
      int[] sizes = new int[names.length];
      int total = 0;
      for (int k = 0; k < names.length; k++) {
        // Teams of five draw no sizes; the standard staffing's draws stay exactly as they were.
        sizes[k] = teamsOf5 ? TEAM_OF_5 : rotating ? Draw.between(rnd, 6, 9)
            : k == MORNING ? Draw.between(rnd, 6, 8) : k == EVENING ? Draw.between(rnd, 7, 9) : Draw.between(rnd, 3, 5);
        total += sizes[k];
      }
      // Staff numbers are spread over the teams, as people join and move between teams over the years.
      List<Integer> numbers = new ArrayList<>();
      for (int n = 1; n <= total; n++) {
        numbers.add(n);
      }
      Draw.shuffle(numbers, rnd);
      int next = 0;
      for (int k = 0; k < names.length; k++) {
        String divisionId = port.code() + "-" + names[k];
        List<Officer> officers = new ArrayList<>();
        for (int j = 0; j < sizes[k]; j++) {
          StringBuilder id = new StringBuilder("OF-").append(port.code()).append('-');
          Timestamps.appendDigits(id, numbers.get(next++), 3);
          officers.add(new Officer(id.toString(), divisionId, port));
        }
        officers.sort(Comparator.comparing(Officer::officerId));
        divisions.add(new Division(divisionId, port, k, List.copyOf(officers)));
      }
    }
    return new Staffing(List.copyOf(divisions));
  }

  Roster schedule(Staffing staffing, CollusionPlan plan) {
    Map<String, List<DutySlot>> slots = new LinkedHashMap<>();
    for (ActivePort port : ports.active()) {
      List<Division> atPort = staffing.divisionsAt(port.portId());
      for (Division d : atPort) {
        slots.put(d.divisionId(), new ArrayList<>());
      }
      if (port.rosterKind() == RosterKind.ROTATING) {
        rotatingSlots(port, atPort, slots);
      } else {
        fixedSlots(port, atPort, slots);
      }
    }

    Map<String, List<Shift>> shifts = new LinkedHashMap<>();
    for (Division d : staffing.divisions()) {
      for (Officer o : d.officers()) {
        int minRests = plan.isColludingOfficer(o) ? COLLUDER_MIN_REST_DAYS
            : plan.isColludingDivision(d.divisionId()) ? 1 : 0;
        shifts.put(o.officerId(), regularShifts(o, slots.get(d.divisionId()), minRests));
      }
    }

    for (Division d : staffing.divisions()) {
      List<DutySlot> otherSlots = otherDivisionsSlots(staffing, slots, d);
      for (Officer o : d.officers()) {
        if (plan.isColludingOfficer(o) || rnd.nextInt(OVERTIME_ONE_IN) != 0) {
          continue;
        }
        int events = rnd.nextInt(4) == 0 ? 2 : 1;
        for (int e = 0; e < events; e++) {
          List<Shift> own = shifts.get(o.officerId());
          if (!(rnd.nextBoolean() && addExtraShift(o, slots.get(d.divisionId()), own, otherSlots))) {
            extendShift(own);
          }
        }
      }
    }

    // Last, so the colluders' overtime can avoid every teammate's final shifts: that overtime
    // is the one duty their division does not share, which is what sets them apart from it.
    for (Officer o : plan.colludingOfficers()) {
      Division d = staffing.division(o.divisionId());
      List<Shift> teammates = new ArrayList<>();
      for (Officer mate : d.officers()) {
        if (!mate.officerId().equals(o.officerId())) {
          teammates.addAll(shifts.get(mate.officerId()));
        }
      }
      List<DutySlot> candidates = new ArrayList<>(otherDivisionsSlots(staffing, slots, d).stream()
          .filter(s -> window.contains(s.start(), s.end()))
          .toList());
      Draw.shuffle(candidates, rnd);
      List<Shift> own = shifts.get(o.officerId());
      int added = 0;
      for (DutySlot s : candidates) {
        if (added == COLLUDER_EXTRA_SHIFTS) {
          break;
        }
        if (restRespected(s.start(), s.end(), slots.get(d.divisionId()), own)
            && teammates.stream().noneMatch(t -> t.overlaps(s.start(), s.end()))) {
          own.add(new Shift(o, s.start(), s.end(), ShiftKind.EXTRA));
          added++;
        }
      }
    }

    for (List<Shift> own : shifts.values()) {
      own.sort(Comparator.comparingLong(Shift::start));
    }
    return new Roster(staffing, slots, shifts);
  }

  private void rotatingSlots(ActivePort port, List<Division> teams, Map<String, List<DutySlot>> slots) {
    int phaseShift = rnd.nextInt(CYCLE_DAYS);
    for (LocalDate date = window.rosterFirstDay(); !date.isAfter(window.rosterLastDay()); date = date.plusDays(1)) {
      for (Division team : teams) {
        int phase = (int) Math.floorMod(date.toEpochDay() + 2L * team.rotationIndex() + phaseShift, (long) CYCLE_DAYS);
        DutySlot slot = switch (phase / 2) {
          case 0 -> slot(port, team, date, 6, date, 14);
          case 1 -> slot(port, team, date, 14, date, 22);
          case 2 -> slot(port, team, date, 22, date.plusDays(1), 6);
          default -> null;
        };
        if (slot != null) {
          slots.get(team.divisionId()).add(slot);
        }
      }
    }
  }

  private void fixedSlots(ActivePort port, List<Division> divisions, Map<String, List<DutySlot>> slots) {
    // Four offices split the evening into a weekday and a weekend office; three have one daily evening office.
    boolean fourOffices = divisions.size() == FIXED_OFFICES_OF_4.length;
    for (LocalDate date = window.rosterFirstDay(); !date.isAfter(window.rosterLastDay()); date = date.plusDays(1)) {
      boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
      for (Division d : divisions) {
        boolean works = switch (d.rotationIndex()) {
          case MORNING -> !weekend;
          case EVENING -> !fourOffices || !weekend;
          default -> weekend;
        };
        if (works) {
          int from = d.rotationIndex() % 2 == EVENING ? 15 : 7;
          slots.get(d.divisionId()).add(slot(port, d, date, from, date, from + 8));
        }
      }
    }
  }

  private static DutySlot slot(ActivePort port, Division d, LocalDate startDay, int startHour, LocalDate endDay,
      int endHour) {
    return new DutySlot(d.divisionId(),
        port.clock().at(startDay, LocalTime.of(startHour, 0)),
        port.clock().at(endDay, LocalTime.of(endHour, 0)));
  }

  /** The division's slots the officer works: all but about one in eight (rest days, leave). */
  private List<Shift> regularShifts(Officer o, List<DutySlot> slots, int minRestsInWindow) {
    boolean[] rest = new boolean[slots.size()];
    int restsInWindow = 0;
    List<Integer> workedInWindow = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      rest[i] = rnd.nextInt(REST_ONE_IN) == 0;
      DutySlot s = slots.get(i);
      if (window.contains(s.start(), s.end())) {
        if (rest[i]) {
          restsInWindow++;
        } else {
          workedInWindow.add(i);
        }
      }
    }
    while (restsInWindow < minRestsInWindow && !workedInWindow.isEmpty()) {
      rest[workedInWindow.remove(rnd.nextInt(workedInWindow.size()))] = true;
      restsInWindow++;
    }
    List<Shift> own = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      if (!rest[i]) {
        own.add(new Shift(o, slots.get(i).start(), slots.get(i).end(), ShiftKind.REGULAR));
      }
    }
    return own;
  }

  private static List<DutySlot> otherDivisionsSlots(Staffing staffing, Map<String, List<DutySlot>> slots,
      Division d) {
    List<DutySlot> other = new ArrayList<>();
    for (Division o : staffing.divisionsAt(d.port().portId())) {
      if (!o.divisionId().equals(d.divisionId())) {
        other.addAll(slots.get(o.divisionId()));
      }
    }
    other.sort(Comparator.comparingLong(DutySlot::start));
    return other;
  }

  private boolean addExtraShift(Officer o, List<DutySlot> ownSlots, List<Shift> own, List<DutySlot> otherSlots) {
    for (int attempt = 0; attempt < 40 && !otherSlots.isEmpty(); attempt++) {
      DutySlot s = Draw.pick(otherSlots, rnd);
      if (restRespected(s.start(), s.end(), ownSlots, own)) {
        own.add(new Shift(o, s.start(), s.end(), ShiftKind.EXTRA));
        return true;
      }
    }
    return false;
  }

  private void extendShift(List<Shift> own) {
    List<Integer> regular = new ArrayList<>();
    for (int i = 0; i < own.size(); i++) {
      if (own.get(i).kind() == ShiftKind.REGULAR) {
        regular.add(i);
      }
    }
    if (regular.isEmpty()) {
      return;
    }
    int i = Draw.pick(regular, rnd);
    Shift s = own.get(i);
    long end = s.end() + Draw.between(rnd, 2, 4) * HOUR;
    for (Shift other : own) {
      if (other != s && other.start() >= s.start() && other.start() < end + MIN_REST) {
        return;
      }
    }
    own.set(i, new Shift(s.officer(), s.start(), end, ShiftKind.EXTENDED));
  }

  /**
   * Whether an extra shift leaves the officer the legal rest before and after every own
   * scheduled slot (worked or rested: a rest day is not an overtime day) and every shift.
   */
  private static boolean restRespected(long start, long end, List<DutySlot> ownSlots, List<Shift> own) {
    for (DutySlot s : ownSlots) {
      if (start < s.end() + MIN_REST && s.start() < end + MIN_REST) {
        return false;
      }
    }
    for (Shift s : own) {
      if (start < s.end() + MIN_REST && s.start() < end + MIN_REST) {
        return false;
      }
    }
    return true;
  }
}
