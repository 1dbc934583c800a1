package org.integrityrisk.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides who clears the planted crossings, which are few and held in memory. Everyone in
 * one vehicle passage (the same plate at the same port in the same direction within a few
 * minutes) is cleared by the same officer, who must be on shift for the whole passage.
 * Rings colluding with an officer are mostly cleared by that officer, who never inspects
 * them; a ring colluding with a division is cleared by whoever of the division is on shift
 * and hardly ever inspected. Everyone else is cleared like the background.
 */
final class PlantedClearing {
  /** The share of its ring's crossings an officer whose collusion shows in the duty roster clears. */
  static final double DUTY_COLLUDER_SHARE = 0.8;
  /** A colluding ring's crossings cleared by a colleague of its officer go to secondary this often. */
  static final double COLLEAGUE_INSPECTS_RING = 0.3;
  static final double DIVISION_RING_INSPECTED = 0.02;
  /** Members of one vehicle passage are cleared within minutes; a gap longer than this starts another. */
  private static final long PASSAGE_GAP_SECONDS = 900;

  /**
   * How a ring gets through: a colluding officer who clears officerShare of its crossings
   * (the rest go to colleagues on shift), or a colluding division whose officers on shift
   * clear it.
   */
  record Collusion(Officer officer, double officerShare, Division division) {
    static Collusion throughOfficer(Officer officer, double share) {
      return new Collusion(officer, share, null);
    }

    static Collusion throughDivision(Division division) {
      return new Collusion(null, 0, division);
    }
  }

  /**
   * How each member of a colluding ring in the window gets through. The stale ring's
   * collusion ended before the window, so its members are cleared like anyone else.
   *
   * @param clearingRingId the ring of the colluder seen only in the clearing, or null
   */
  static Map<String, Collusion> collusions(List<PlantedGroup> rings, Staffing staffing, String clearingRingId) {
    Map<String, Collusion> byTraveller = new LinkedHashMap<>();
    for (PlantedGroup ring : rings) {
      Collusion c = null;
      if (ring.kind().equals(PlantedGroup.COLLUDING_OFFICER)) {
        double share = ring.groupId().equals(clearingRingId) ? ClearingColluder.SHARE : DUTY_COLLUDER_SHARE;
        c = Collusion.throughOfficer(officer(staffing, ring.divisionId(), ring.officerId()), share);
      } else if (ring.kind().equals(PlantedGroup.COLLUDING_DIVISION)) {
        c = Collusion.throughDivision(staffing.division(ring.divisionId()));
      }
      if (c != null) {
        for (String member : ring.members()) {
          byTraveller.put(member, c);
        }
      }
    }
    return byTraveller;
  }

  private static Officer officer(Staffing staffing, String divisionId, String officerId) {
    for (Officer o : staffing.division(divisionId).officers()) {
      if (o.officerId().equals(officerId)) {
        return o;
      }
    }
    throw new IllegalArgumentException("no officer " + officerId + " in " + divisionId);
  }

  /** Crossings (indices into the planted list) cleared together, and the span they were cleared in. */
  private record Passage(int id, int[] members, ActivePort port, long from, long to) {
    int first() {
      return members[0];
    }
  }

  private final List<Crossing> crossings;
  private final Map<String, Collusion> collusionByTraveller;
  private final OnDutyIndex duty;
  private final SplittableRandom rnd;

  private PlantedClearing(List<Crossing> crossings, Map<String, Collusion> collusionByTraveller, OnDutyIndex duty,
      SplittableRandom rnd) {
    this.crossings = crossings;
    this.collusionByTraveller = collusionByTraveller;
    this.duty = duty;
    this.rnd = rnd;
  }

  /**
   * The same crossings, in the same order, each with its clearance.
   *
   * @param collusionByTraveller how each member of a colluding ring gets through
   */
  static List<Crossing> clear(List<Crossing> crossings, Map<String, Collusion> collusionByTraveller,
      OnDutyIndex duty, SplittableRandom rnd) {
    return new PlantedClearing(crossings, collusionByTraveller, duty, rnd).clearAll();
  }

  private List<Crossing> clearAll() {
    List<Passage> passages = passages();
    Map<Collusion, List<Passage>> ringPassages = new LinkedHashMap<>();
    for (Passage p : passages) {
      Collusion c = collusionOf(p);
      if (c != null) {
        ringPassages.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
      }
    }
    boolean[] byColluder = new boolean[passages.size()];
    for (Map.Entry<Collusion, List<Passage>> ring : ringPassages.entrySet()) {
      if (ring.getKey().officer() != null) {
        chooseColluderPassages(ring.getKey(), ring.getValue(), byColluder);
      }
    }
    Crossing[] cleared = new Crossing[crossings.size()];
    for (Passage p : passages) {
      clear(p, collusionOf(p), byColluder[p.id()], cleared);
    }
    return List.of(cleared);
  }

  /**
   * Exactly the officer's share of the ring's crossings (short by less than one passage),
   * rather than a coin flip per passage: a ring makes only a few dozen crossings, and its
   * share should not swing by chance.
   */
  private void chooseColluderPassages(Collusion collusion, List<Passage> passages, boolean[] byColluder) {
    List<Passage> order = new ArrayList<>(passages);
    Draw.shuffle(order, rnd);
    int total = 0;
    for (Passage p : order) {
      total += p.members().length;
    }
    long target = Math.round(collusion.officerShare() * total);
    int cleared = 0;
    for (Passage p : order) {
      if (cleared + p.members().length <= target && duty.isOnDutyThroughout(collusion.officer(), p.from(), p.to())) {
        byColluder[p.id()] = true;
        cleared += p.members().length;
      }
    }
  }

  private void clear(Passage p, Collusion collusion, boolean byColluder, Crossing[] cleared) {
    List<Officer> onShift = duty.onDutyThroughout(p.port(), p.from(), p.to());
    Officer officer;
    double inspectRate;
    Officer colluder = collusion == null ? null : collusion.officer();
    if (collusion == null) {
      officer = pick(onShift);
      inspectRate = ClearingDesk.INSPECTED;
    } else if (colluder != null) {
      if (byColluder) {
        officer = colluder;
      } else {
        officer = pick(onShift.stream().filter(o -> !o.officerId().equals(colluder.officerId())).toList());
        if (officer == null && onShift.contains(colluder)) {
          officer = colluder;
        }
      }
      inspectRate = COLLEAGUE_INSPECTS_RING;
    } else {
      String division = collusion.division().divisionId();
      List<Officer> ofDivision = onShift.stream().filter(o -> o.divisionId().equals(division)).toList();
      officer = pick(ofDivision.isEmpty() ? onShift : ofDivision);
      inspectRate = DIVISION_RING_INSPECTED;
    }
    boolean inspected = rnd.nextDouble() < inspectRate;
    for (int i : p.members()) {
      Crossing c = crossings.get(i);
      // Nobody on shift for the whole passage (a shift change in the middle of it): each
      // member is cleared by whoever is on shift at their own instant.
      Officer by = officer != null ? officer : duty.pick(c.port(), c.at(), rnd);
      boolean memberInspected = inspected && !(colluder != null && colluder.equals(by));
      boolean seizure = memberInspected && rnd.nextDouble() < ClearingDesk.SEIZURE_IF_INSPECTED;
      cleared[i] = c.cleared(new Clearance(by == null ? null : by.officerId(), memberInspected, seizure));
    }
  }

  private Officer pick(List<Officer> officers) {
    return officers.isEmpty() ? null : Draw.pick(officers, rnd);
  }

  private Collusion collusionOf(Passage p) {
    return collusionByTraveller.get(crossings.get(p.first()).travellerId());
  }

  /**
   * Vehicle passages from the plate, port, direction and time of the crossings; everyone on
   * foot is a passage of their own. In the order of their first crossing in the list.
   */
  private List<Passage> passages() {
    List<Integer> inVehicles = new ArrayList<>();
    List<int[]> groups = new ArrayList<>();
    for (int i = 0; i < crossings.size(); i++) {
      if (crossings.get(i).vehicleId().isEmpty()) {
        groups.add(new int[] {i});
      } else {
        inVehicles.add(i);
      }
    }
    inVehicles.sort(Comparator.<Integer, String>comparing(i -> crossings.get(i).vehicleId())
        .thenComparing(i -> crossings.get(i).port().portId())
        .thenComparing(i -> crossings.get(i).exit())
        .thenComparingLong(i -> crossings.get(i).at())
        .thenComparingInt(i -> i));
    List<Integer> current = new ArrayList<>();
    for (int i : inVehicles) {
      if (!current.isEmpty() && !samePassage(crossings.get(current.get(current.size() - 1)), crossings.get(i))) {
        groups.add(toSortedArray(current));
        current.clear();
      }
      current.add(i);
    }
    if (!current.isEmpty()) {
      groups.add(toSortedArray(current));
    }
    groups.sort(Comparator.comparingInt(g -> g[0]));
    List<Passage> passages = new ArrayList<>(groups.size());
    for (int[] members : groups) {
      long from = Long.MAX_VALUE;
      long to = Long.MIN_VALUE;
      for (int i : members) {
        from = Math.min(from, crossings.get(i).at());
        to = Math.max(to, crossings.get(i).at());
      }
      passages.add(new Passage(passages.size(), members, crossings.get(members[0]).port(), from, to));
    }
    return passages;
  }

  private static boolean samePassage(Crossing previous, Crossing next) {
    return previous.vehicleId().equals(next.vehicleId())
        && previous.port().portId().equals(next.port().portId())
        && previous.exit() == next.exit()
        && next.at() - previous.at() <= PASSAGE_GAP_SECONDS;
  }

  private static int[] toSortedArray(List<Integer> indices) {
    int[] a = indices.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(a);
    return a;
  }
}
