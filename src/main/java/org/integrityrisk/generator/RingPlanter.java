package org.integrityrisk.generator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plants the smuggling rings: small groups that cross out and back together many times.
 * Colluding rings cross only while their officer or division is on duty; independent rings
 * cross at any time; the stale ring colluded only before the window. Members are cleared
 * within two minutes of each other, usually in the ring's car. Shifts run around the clock
 * and through weekends at rotating ports, so colluding rings cross at night and at weekends
 * whenever their officer or division is on duty.
 *
 * <p>The ring size and stay options ({@link GeneratorOptions.Rings#sized()}, {@link
 * GeneratorOptions.Rings#stayed()}) draw from streams of their own, and the standard draws
 * are made all the same and then overridden, so every other ring, trip and row stays as the
 * standard scenario has it.
 */
final class RingPlanter {
  private static final int SPREAD_SECONDS = 110;
  private static final long MARGIN_SECONDS = 600;
  private static final double SHARED_CAR = 0.7;
  private static final long DAY = 86_400;

  private final ScenarioWindow window;
  private final PortPlan ports;
  private final Identifiers.Sequence people;
  private final TravelDetails details;
  private final SplittableRandom rnd;
  private final GroupCrossings group;
  private final GeneratorOptions.Rings shape;
  private final SplittableRandom sizes;
  private final SplittableRandom stays;
  private int rings;

  /**
   * @param sizes draws the rings' sizes when the size option is on
   * @param stays draws the trips' stays when the stay option is on
   */
  RingPlanter(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details, SplittableRandom rnd,
      GeneratorOptions.Rings shape, SplittableRandom sizes, SplittableRandom stays) {
    this.shape = shape;
    this.sizes = sizes;
    this.stays = stays;
    this.window = window;
    this.ports = ports;
    this.people = ids.sequence(Identifiers.RING_BASE);
    this.details = details;
    this.rnd = rnd;
    this.group = new GroupCrossings(details, rnd);
  }

  List<PlantedGroup> plant(Roster roster, CollusionPlan plan, List<Crossing> out) {
    List<PlantedGroup> planted = new ArrayList<>();
    if (!shape.colluding()) {
      // The null twin: as many smuggler-like rings, at the colluders' ports, with nobody's help,
      // shaped like the rings they replace (out and back within a few hours, at any hour), so
      // the null scenario holds groups that look as suspect as the colluding twin's before
      // anyone's duty is looked at.
      for (Officer officer : List.of(plan.firstOfficer(), plan.secondOfficer(), plan.staleOfficer())) {
        addIfPlanted(planted, independentRing(officer.port(), tripsOfCollusion(), true, out));
      }
      addIfPlanted(planted, independentRing(plan.division().port(), tripsOfCollusion(), true, out));
      for (String port : List.of(PortPlan.SOUTH_FERRY, PortPlan.WEST_AIR, PortPlan.NORTH_BRIDGE)) {
        addIfPlanted(planted, independentRing(ports.byId(port), out));
      }
      if (plan.fixedPortOfficer() != null) {
        addIfPlanted(planted, independentRing(plan.fixedPortOfficer().port(), tripsOfCollusion(), true, out));
      }
      return planted;
    }
    addIfPlanted(planted, officerRing(roster, plan.firstOfficer(), out));
    addIfPlanted(planted, officerRing(roster, plan.secondOfficer(), out));
    addIfPlanted(planted, divisionRing(roster, plan.division(), out));
    for (String port : List.of(PortPlan.SOUTH_FERRY, PortPlan.WEST_AIR, PortPlan.NORTH_BRIDGE)) {
      addIfPlanted(planted, independentRing(ports.byId(port), out));
    }
    addIfPlanted(planted, staleRing(roster, plan.staleOfficer(), out));
    // Last, so every standard ring keeps its number and its draws.
    if (plan.fixedPortOfficer() != null) {
      addIfPlanted(planted, officerRing(roster, plan.fixedPortOfficer(), out));
    }
    return planted;
  }

  private static void addIfPlanted(List<PlantedGroup> planted, PlantedGroup ring) {
    if (ring != null) {
      planted.add(ring);
    }
  }

  /**
   * A third or more of the trips go into the officer's overtime with other teams, the
   * rest into their own shifts: the ring follows the officer, not the officer's team.
   */
  private PlantedGroup officerRing(Roster roster, Officer officer, List<Crossing> out) {
    List<Shift> extras = new ArrayList<>();
    List<Shift> own = new ArrayList<>();
    for (Shift s : roster.shiftsOf(officer)) {
      if (window.contains(s.start(), s.end())) {
        (s.kind() == ShiftKind.EXTRA ? extras : own).add(s);
      }
    }
    if (extras.isEmpty() && own.isEmpty()) {
      return null;
    }
    int trips = tripsOfCollusion();
    int inOvertime = own.isEmpty() ? trips : Math.min(extras.size(), (trips + 2) / 3 + rnd.nextInt(2));
    Draw.shuffle(extras, rnd);
    List<long[]> slots = new ArrayList<>(tripSlots(extras, inOvertime));
    slots.addAll(tripSlots(own, trips - inOvertime));
    return ring(PlantedGroup.COLLUDING_OFFICER, officer.port(), 3, slots, officer.officerId(),
        officer.divisionId(), out);
  }

  /**
   * Trips in the division's shifts, chosen so that every member of the division is off
   * duty for at least one of them: only the division as a whole explains the ring.
   */
  private PlantedGroup divisionRing(Roster roster, Division division, List<Crossing> out) {
    List<DutySlot> slots = roster.slotsOf(division).stream()
        .filter(s -> window.contains(s.start(), s.end()))
        .toList();
    List<Officer> officers = division.officers();
    List<DutySlot> candidates = new ArrayList<>();
    List<boolean[]> presence = new ArrayList<>();
    for (DutySlot slot : slots) {
      boolean[] present = new boolean[officers.size()];
      int count = 0;
      for (int i = 0; i < officers.size(); i++) {
        for (Shift s : roster.shiftsOf(officers.get(i))) {
          if (s.start() <= slot.start() && s.end() >= slot.end()) {
            present[i] = true;
            count++;
            break;
          }
        }
      }
      if (count >= 2) {
        candidates.add(slot);
        presence.add(present);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    int trips = tripsOfCollusion();
    List<Integer> chosen = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < officers.size(); i++) {
      order.add(i);
    }
    Draw.shuffle(order, rnd);
    for (int officer : order) {
      if (chosen.stream().anyMatch(c -> !presence.get(c)[officer])) {
        continue;
      }
      List<Integer> absent = new ArrayList<>();
      for (int c = 0; c < candidates.size(); c++) {
        if (!presence.get(c)[officer] && !chosen.contains(c)) {
          absent.add(c);
        }
      }
      if (!absent.isEmpty()) {
        chosen.add(Draw.pick(absent, rnd));
      }
    }
    while (chosen.size() < Math.min(trips, candidates.size())) {
      int c = rnd.nextInt(candidates.size());
      if (!chosen.contains(c)) {
        chosen.add(c);
      }
    }
    List<long[]> tripSlots = new ArrayList<>();
    for (int c : chosen) {
      tripSlots.add(new long[] {candidates.get(c).start(), candidates.get(c).end()});
    }
    return ring(PlantedGroup.COLLUDING_DIVISION, division.port(), 3, tripSlots, null, division.divisionId(), out);
  }

  /** How many trips a colluding ring makes in the window. */
  private int tripsOfCollusion() {
    return Draw.between(rnd, shape.minTrips(), shape.maxTrips());
  }

  private PlantedGroup independentRing(ActivePort port, List<Crossing> out) {
    return independentRing(port, Draw.between(rnd, 8, 12), false, out);
  }

  /**
   * @param dayTrips out and back within a shift's span (about 2.5 to 6.7 hours), as a ring
   *     working through someone on duty goes, instead of the standard stays of up to 3 days
   */
  private PlantedGroup independentRing(ActivePort port, int trips, boolean dayTrips, List<Crossing> out) {
    List<String> members = members(size(Draw.between(rnd, 2, 4)));
    String car = port.road() ? people.vehicle() : "";
    long start = window.startSecond();
    long length = (window.endSecond() - start) / trips;
    for (int i = 0; i < trips; i++) {
      long slotStart = start + i * length;
      long slotEnd = slotStart + length - SPREAD_SECONDS - 60;
      long exit = openInstant(port, slotStart, slotStart + length / 2);
      long entry = openInstant(port, exit + (slotEnd - exit) * 3 / 10, Math.min(slotEnd, exit + 3 * DAY));
      if (shape.stayed() || dayTrips) {
        long[] stayed = shape.stayed() ? stayedTrip(port, slotStart, slotEnd)
            : stayedTrip(port, slotStart, slotEnd, Draw.between(stays, DAY_TRIP_MINUTES[0], DAY_TRIP_MINUTES[1]));
        exit = stayed[0];
        entry = stayed[1];
      }
      trip(members, port, car, exit, entry, out);
    }
    return new PlantedGroup(nextRingId(), PlantedGroup.INDEPENDENT, port, members, trips, null, null);
  }

  private PlantedGroup staleRing(Roster roster, Officer officer, List<Crossing> out) {
    List<Shift> before = roster.shiftsOf(officer).stream()
        .filter(s -> s.end() <= window.startSecond())
        .toList();
    if (before.isEmpty()) {
      return null;
    }
    List<long[]> slots = tripSlots(before, Draw.between(rnd, 8, 12));
    return ring(PlantedGroup.STALE, officer.port(), 3, slots, officer.officerId(), officer.divisionId(), out);
  }

  /** One trip per slot: out early in the slot, back late in it, both inside it. */
  private PlantedGroup ring(String kind, ActivePort port, int size, List<long[]> slots, String officerId,
      String divisionId, List<Crossing> out) {
    if (slots.isEmpty()) {
      return null;
    }
    slots.sort(Comparator.comparingLong(s -> s[0]));
    List<String> members = members(size(size));
    String car = port.road() ? people.vehicle() : "";
    for (long[] slot : slots) {
      long margin = Math.min(MARGIN_SECONDS, (slot[1] - slot[0]) / 10);
      long from = slot[0] + margin;
      long usable = slot[1] - margin - SPREAD_SECONDS - from;
      long exit = from + rnd.nextLong(Math.max(1, usable * 3 / 10));
      long entry = from + usable * 6 / 10 + rnd.nextLong(Math.max(1, usable * 4 / 10));
      if (shape.stayed()) {
        long[] stayed = stayedTrip(port, from, slot[1] - margin - SPREAD_SECONDS);
        exit = stayed[0];
        entry = stayed[1];
      }
      trip(members, port, car, exit, entry, out);
    }
    return new PlantedGroup(nextRingId(), kind, port, members, slots.size(), officerId, divisionId);
  }

  private void trip(List<String> members, ActivePort port, String car, long exit, long entry, List<Crossing> out) {
    boolean inCar = !car.isEmpty() && rnd.nextDouble() < SHARED_CAR;
    String vehicle = inCar ? car : "";
    group.cross(members, port, true, exit, SPREAD_SECONDS, vehicle, details.laneFor(port, inCar, rnd), out);
    group.cross(members, port, false, entry, SPREAD_SECONDS, vehicle, details.laneFor(port, inCar, rnd), out);
  }

  /**
   * Spreads trips over shifts: one per shift while there are enough shifts, otherwise
   * several per shift, each in its own part of the shift.
   */
  private List<long[]> tripSlots(List<Shift> shifts, int trips) {
    List<long[]> slots = new ArrayList<>();
    if (shifts.isEmpty() || trips <= 0) {
      return slots;
    }
    int[] perShift = new int[shifts.size()];
    if (trips <= shifts.size()) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < shifts.size(); i++) {
        order.add(i);
      }
      Draw.shuffle(order, rnd);
      for (int i = 0; i < trips; i++) {
        perShift[order.get(i)] = 1;
      }
    } else {
      for (int i = 0; i < trips; i++) {
        perShift[i % shifts.size()]++;
      }
    }
    for (int i = 0; i < shifts.size(); i++) {
      Shift s = shifts.get(i);
      long part = (s.end() - s.start()) / Math.max(1, perShift[i]);
      for (int k = 0; k < perShift[i]; k++) {
        slots.add(new long[] {s.start() + k * part, s.start() + (k + 1) * part});
      }
    }
    return slots;
  }

  /** The standard size, or one drawn from the size option's own stream. */
  private int size(int standard) {
    return shape.sized() ? Draw.between(sizes, shape.minSize(), shape.maxSize()) : standard;
  }

  /**
   * Out and back one stay apart, both inside [from, to] and, where the port closes at night,
   * both while it is open. A span shorter than the stay (several trips in one shift) shortens
   * the stay to the span: the trip stays inside the duty that explains it.
   */
  /**
   * A shift-bound ring goes out in the first tenth to third of an 8-hour shift and comes
   * back in its last part: stays of about 2.5 to 6.7 hours.
   */
  private static final int[] DAY_TRIP_MINUTES = {150, 400};

  private long[] stayedTrip(ActivePort port, long from, long to) {
    return stayedTrip(port, from, to, Draw.between(stays, shape.minStayMinutes(), shape.maxStayMinutes()));
  }

  private long[] stayedTrip(ActivePort port, long from, long to, int stayMinutes) {
    long stay = Math.min(Math.max(0, to - from), 60L * stayMinutes);
    for (int attempt = 0; attempt < 200; attempt++) {
      long exit = Draw.within(stays, from, to - stay + 1);
      long entry = exit + stay;
      if (port.isOpenAt(exit) && port.isOpenAt(exit + SPREAD_SECONDS) && port.isOpenAt(entry)
          && port.isOpenAt(entry + SPREAD_SECONDS)) {
        return new long[] {exit, entry};
      }
    }
    long exit = Draw.within(stays, from, to - stay + 1);
    return new long[] {exit, exit + stay};
  }

  /** A uniform instant in [from, to) when the port is open for the whole group. */
  private long openInstant(ActivePort port, long from, long to) {
    for (int attempt = 0; attempt < 200; attempt++) {
      long t = Draw.within(rnd, from, to);
      if (port.isOpenAt(t) && port.isOpenAt(t + SPREAD_SECONDS)) {
        return t;
      }
    }
    return from;
  }

  private List<String> members(int size) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(people.traveller());
    }
    return List.copyOf(members);
  }

  private String nextRingId() {
    StringBuilder sb = new StringBuilder("RING-");
    Timestamps.appendDigits(sb, ++rings, 2);
    return sb.toString();
  }
}
