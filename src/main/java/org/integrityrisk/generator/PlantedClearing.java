package org.integrityrisk.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
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
 *
 * <p>With free booths ({@link GeneratorOptions.Extras#freeBooths()}) each passage goes to a
 * booth that is free when it arrives: a car to one officer, each traveller on foot to their
 * own, and the riders of a bus or coach (more people than a car seats) get off and queue, each
 * to whichever desk is free. A booth is busy for the passage and a few minutes of questions
 * after it, so people on foot who arrive together are cleared by different officers, as at
 * a real airport desk row. A colluding officer still takes their share of the ring: the
 * collusion is that the ring seeks out their booth. The booths draw from a stream of their own.
 */
final class PlantedClearing {
  /** The share of its ring's crossings an officer whose collusion shows in the duty roster clears. */
  static final double DUTY_COLLUDER_SHARE = 0.8;
  /** A colluding ring's crossings cleared by a colleague of its officer go to secondary this often. */
  static final double COLLEAGUE_INSPECTS_RING = 0.3;
  static final double DIVISION_RING_INSPECTED = 0.02;
  /** Members of one vehicle passage are cleared within minutes; a gap longer than this starts another. */
  private static final long PASSAGE_GAP_SECONDS = 900;
  /** More people in one vehicle than a car seats: a bus or coach, whose riders queue at the desks. */
  static final int CAR_SEATS = 9;
  /** How long a booth stays busy after a passage: documents, questions, the next one stepping up. */
  static final int MIN_SERVICE_SECONDS = 120;
  static final int MAX_SERVICE_SECONDS = 240;

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
  private final SplittableRandom booths;

  private PlantedClearing(List<Crossing> crossings, Map<String, Collusion> collusionByTraveller, OnDutyIndex duty,
      SplittableRandom rnd, SplittableRandom booths) {
    this.crossings = crossings;
    this.collusionByTraveller = collusionByTraveller;
    this.duty = duty;
    this.rnd = rnd;
    this.booths = booths;
  }

  /**
   * The same crossings, in the same order, each with its clearance.
   *
   * @param collusionByTraveller how each member of a colluding ring gets through
   * @param booths with free booths, the stream their choices draw from; null clears each
   *     passage by any officer on shift, as the standard scenario does
   */
  static List<Crossing> clear(List<Crossing> crossings, Map<String, Collusion> collusionByTraveller,
      OnDutyIndex duty, SplittableRandom rnd, SplittableRandom booths) {
    return new PlantedClearing(crossings, collusionByTraveller, duty, rnd, booths).clearAll();
  }

  private List<Crossing> clearAll() {
    List<Passage> passages = booths == null ? passages() : busRidersApart(passages());
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
    if (booths == null) {
      for (Passage p : passages) {
        clear(p, collusionOf(p), byColluder[p.id()], cleared);
      }
    } else {
      Officer[] atBooth = boothOfficers(passages, byColluder);
      for (Passage p : passages) {
        clearAt(p, collusionOf(p), atBooth[p.id()], cleared);
      }
    }
    return List.of(cleared);
  }

  /** The riders of a bus or coach each as a passage of their own: they queue at the desks one by one. */
  private List<Passage> busRidersApart(List<Passage> passages) {
    List<int[]> groups = new ArrayList<>();
    for (Passage p : passages) {
      if (p.members().length > CAR_SEATS) {
        for (int i : p.members()) {
          groups.add(new int[] {i});
        }
      } else {
        groups.add(p.members());
      }
    }
    groups.sort(Comparator.comparingInt(g -> g[0]));
    return toPassages(groups);
  }

  /**
   * Who clears each passage when every passage goes to a free booth: in the order the
   * passages arrive at their port, each takes a booth free at its first crossing (any of the
   * officers it may go to, uniformly), or when all are busy the one that frees first; the
   * booth stays busy through the passage and a service time after it. A colluder's passages
   * go to the colluder's booth and keep it busy too.
   */
  private Officer[] boothOfficers(List<Passage> passages, boolean[] byColluder) {
    Officer[] chosen = new Officer[passages.size()];
    List<Passage> arrival = new ArrayList<>(passages);
    arrival.sort(Comparator.comparingLong(Passage::from).thenComparingInt(Passage::id));
    Map<String, Long> freeAt = new HashMap<>();
    for (Passage p : arrival) {
      Collusion collusion = collusionOf(p);
      Officer colluder = collusion == null ? null : collusion.officer();
      List<Officer> onShift = duty.onDutyThroughout(p.port(), p.from(), p.to());
      Officer officer;
      if (colluder != null && byColluder[p.id()]) {
        officer = colluder;
      } else {
        List<Officer> candidates;
        if (collusion == null) {
          candidates = onShift;
        } else if (colluder != null) {
          candidates = onShift.stream().filter(o -> !o.officerId().equals(colluder.officerId())).toList();
          if (candidates.isEmpty() && onShift.contains(colluder)) {
            candidates = List.of(colluder);
          }
        } else {
          String division = collusion.division().divisionId();
          List<Officer> ofDivision = onShift.stream().filter(o -> o.divisionId().equals(division)).toList();
          candidates = ofDivision.isEmpty() ? onShift : ofDivision;
        }
        officer = freeBooth(candidates, p.from(), freeAt);
      }
      if (officer != null) {
        long start = Math.max(p.from(), freeAt.getOrDefault(officer.officerId(), Long.MIN_VALUE));
        freeAt.put(officer.officerId(),
            start + (p.to() - p.from()) + Draw.between(booths, MIN_SERVICE_SECONDS, MAX_SERVICE_SECONDS));
      }
      chosen[p.id()] = officer;
    }
    return chosen;
  }

  private Officer freeBooth(List<Officer> candidates, long at, Map<String, Long> freeAt) {
    if (candidates.isEmpty()) {
      return null;
    }
    List<Officer> free = new ArrayList<>();
    Officer soonest = null;
    long soonestAt = Long.MAX_VALUE;
    for (Officer o : candidates) {
      long f = freeAt.getOrDefault(o.officerId(), Long.MIN_VALUE);
      if (f <= at) {
        free.add(o);
      } else if (f < soonestAt) {
        soonest = o;
        soonestAt = f;
      }
    }
    return free.isEmpty() ? soonest : Draw.pick(free, booths);
  }

  /**
   * Clears a passage by the officer at its booth (or, when nobody was on shift throughout,
   * each member by whoever is at their instant), inspected at the rate its collusion allows.
   */
  private void clearAt(Passage p, Collusion collusion, Officer officer, Crossing[] cleared) {
    Officer colluder = collusion == null ? null : collusion.officer();
    double inspectRate = collusion == null ? ClearingDesk.INSPECTED
        : colluder != null ? COLLEAGUE_INSPECTS_RING : DIVISION_RING_INSPECTED;
    boolean inspected = rnd.nextDouble() < inspectRate;
    for (int i : p.members()) {
      Crossing c = crossings.get(i);
      Officer by = officer != null ? officer : duty.pick(c.port(), c.at(), rnd);
      boolean memberInspected = inspected && !(colluder != null && colluder.equals(by));
      boolean seizure = memberInspected && rnd.nextDouble() < ClearingDesk.SEIZURE_IF_INSPECTED;
      cleared[i] = c.cleared(new Clearance(by == null ? null : by.officerId(), memberInspected, seizure));
    }
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
    Officer colluder = collusion == null ? null : collusion.officer();
    if (collusion == null) {
      officer = pick(onShift);
    } else if (colluder != null) {
      if (byColluder) {
        officer = colluder;
      } else {
        officer = pick(onShift.stream().filter(o -> !o.officerId().equals(colluder.officerId())).toList());
        if (officer == null && onShift.contains(colluder)) {
          officer = colluder;
        }
      }
    } else {
      String division = collusion.division().divisionId();
      List<Officer> ofDivision = onShift.stream().filter(o -> o.divisionId().equals(division)).toList();
      officer = pick(ofDivision.isEmpty() ? onShift : ofDivision);
    }
    // Nobody on shift for the whole passage (a shift change in the middle of it): each
    // member is cleared by whoever is on shift at their own instant.
    clearAt(p, collusion, officer, cleared);
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
    return toPassages(groups);
  }

  /** Passages numbered in the order of the groups, each spanning its members' crossings. */
  private List<Passage> toPassages(List<int[]> groups) {
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
