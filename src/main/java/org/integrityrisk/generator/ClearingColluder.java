package org.integrityrisk.generator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A colluding officer the duty roster cannot reveal, planted only when the clearances name
 * their officers. The ring crosses only in the officer's own regular shifts, which the
 * whole team works too (no overtime sets the officer apart), at the hours ordinary
 * travellers cross. What gives the officer away is the clearing: they clear almost all of
 * the ring's crossings themselves and never send it to secondary inspection.
 */
final class ClearingColluder {
  /** The share of the ring's crossings the officer clears; colleagues on shift clear the rest. */
  static final double SHARE = 0.85;
  private static final int SPREAD_SECONDS = 110;
  private static final long MARGIN_SECONDS = 600;
  private static final long MIN_STAY_SECONDS = 1800;
  private static final double SHARED_CAR = 0.7;

  private final ScenarioWindow window;
  private final PortPlan ports;
  private final TravelDetails details;
  private final Identifiers.Sequence people;
  private final SplittableRandom rnd;
  private final GroupCrossings group;
  private final GeneratorOptions.Rings shape;
  private final SplittableRandom sizes;
  private final SplittableRandom stays;

  /**
   * @param sizes draws the ring's size when the ring size option is on
   * @param stays draws the trips' stays when the ring stay option is on
   */
  ClearingColluder(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details,
      SplittableRandom rnd, GeneratorOptions.Rings shape, SplittableRandom sizes, SplittableRandom stays) {
    this.shape = shape;
    this.sizes = sizes;
    this.stays = stays;
    this.window = window;
    this.ports = ports;
    this.details = details;
    this.people = ids.sequence(Identifiers.CLEARING_RING_BASE);
    this.rnd = rnd;
    this.group = new GroupCrossings(details, rnd);
  }

  /** Plants the ring into out and returns it, or null when no officer has shifts enough. */
  PlantedGroup plant(Roster roster, CollusionPlan plan, String ringId, List<Crossing> out) {
    Officer officer = chooseOfficer(roster, plan);
    if (officer == null) {
      return null;
    }
    List<Shift> shifts = regularShiftsInWindow(roster, officer);
    Draw.shuffle(shifts, rnd);
    int trips = Math.min(shifts.size(), Draw.between(rnd, shape.minTrips(), shape.maxTrips()));
    List<Shift> chosen = new ArrayList<>(shifts.subList(0, trips));
    chosen.sort(Comparator.comparingLong(Shift::start));

    List<String> members = new ArrayList<>();
    int size = shape.sized() ? Draw.between(sizes, shape.minSize(), shape.maxSize()) : 3;
    for (int i = 0; i < size; i++) {
      members.add(people.traveller());
    }
    ActivePort port = officer.port();
    String car = port.road() ? people.vehicle() : "";
    for (Shift s : chosen) {
      long from = s.start() + MARGIN_SECONDS;
      long to = s.end() - MARGIN_SECONDS - SPREAD_SECONDS;
      long exit = from + (to - from) / 5;
      long entry = to - (to - from) / 5;
      for (int attempt = 0; attempt < 100; attempt++) {
        long a = details.ordinaryInstant(port, from, to, rnd);
        long b = details.ordinaryInstant(port, from, to, rnd);
        if (Math.abs(b - a) >= MIN_STAY_SECONDS) {
          exit = Math.min(a, b);
          entry = Math.max(a, b);
          break;
        }
      }
      if (shape.stayed()) {
        // The way out at an ordinary hour, back the stay later, both inside the officer's shift.
        long stay = Math.min(to - from, 60L * Draw.between(stays, shape.minStayMinutes(), shape.maxStayMinutes()));
        exit = details.ordinaryInstant(port, from, to - stay + 1, stays);
        entry = exit + stay;
      }
      boolean inCar = !car.isEmpty() && rnd.nextDouble() < SHARED_CAR;
      String vehicle = inCar ? car : "";
      group.cross(members, port, true, exit, SPREAD_SECONDS, vehicle, details.laneFor(port, inCar, rnd), out);
      group.cross(members, port, false, entry, SPREAD_SECONDS, vehicle, details.laneFor(port, inCar, rnd), out);
    }
    return new PlantedGroup(ringId, PlantedGroup.COLLUDING_OFFICER, port, List.copyOf(members), trips,
        officer.officerId(),
        officer.divisionId());
  }

  /**
   * An officer at a rotating port where no other planted officer works, if there is one,
   * outside the colluding division, with regular shifts enough for the ring's trips.
   */
  private Officer chooseOfficer(Roster roster, CollusionPlan plan) {
    Set<String> taken = new HashSet<>();
    for (Officer o : List.of(plan.firstOfficer(), plan.secondOfficer(), plan.staleOfficer())) {
      taken.add(o.port().portId());
    }
    List<ActivePort> rotating = ports.active().stream().filter(p -> p.rosterKind() == RosterKind.ROTATING).toList();
    List<ActivePort> free = rotating.stream().filter(p -> !taken.contains(p.portId())).toList();
    ActivePort port = Draw.pick(free.isEmpty() ? rotating : free, rnd);
    List<Officer> candidates = new ArrayList<>();
    for (Division d : roster.staffing().divisionsAt(port.portId())) {
      if (plan.isColludingDivision(d.divisionId())) {
        continue;
      }
      for (Officer o : d.officers()) {
        if (!plan.isColludingOfficer(o) && !o.officerId().equals(plan.staleOfficer().officerId())
            && regularShiftsInWindow(roster, o).size() >= shape.minTrips()) {
          candidates.add(o);
        }
      }
    }
    return candidates.isEmpty() ? null : Draw.pick(candidates, rnd);
  }

  private List<Shift> regularShiftsInWindow(Roster roster, Officer officer) {
    List<Shift> regular = new ArrayList<>();
    for (Shift s : roster.shiftsOf(officer)) {
      if (s.kind() == ShiftKind.REGULAR && window.contains(s.start(), s.end())) {
        regular.add(s);
      }
    }
    return regular;
  }
}
