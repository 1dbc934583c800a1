package org.integrityrisk.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who is on shift at a port at a given instant, for choosing clearing officers. Every
 * clearance row asks, so the roster is indexed per port and UTC hour: each bucket holds the
 * shifts overlapping that hour (a dozen or so), and a lookup checks only those. A shift
 * covers an instant t when start <= t < end, as the roster's readers take it.
 */
final class OnDutyIndex {
  private static final long HOUR = 3600;
  private static final Shift[] NONE = new Shift[0];

  private final long firstHour;
  private final Shift[][][] byPortAndHour;

  OnDutyIndex(Roster roster, PortPlan ports) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Shift s : roster.shifts()) {
      first = Math.min(first, Math.floorDiv(s.start(), HOUR));
      last = Math.max(last, Math.floorDiv(s.end() - 1, HOUR));
    }
    int hours = first > last ? 0 : (int) (last - first + 1);
    this.firstHour = first > last ? 0 : first;
    List<List<List<Shift>>> buckets = new ArrayList<>();
    for (int p = 0; p < ports.active().size(); p++) {
      List<List<Shift>> perHour = new ArrayList<>(hours);
      for (int h = 0; h < hours; h++) {
        perHour.add(new ArrayList<>());
      }
      buckets.add(perHour);
    }
    // The roster lists shifts by start time, so each bucket is in a fixed order too.
    for (Shift s : roster.shifts()) {
      List<List<Shift>> perHour = buckets.get(s.officer().port().index());
      for (long h = Math.floorDiv(s.start(), HOUR); h <= Math.floorDiv(s.end() - 1, HOUR); h++) {
        perHour.get((int) (h - firstHour)).add(s);
      }
    }
    this.byPortAndHour = new Shift[buckets.size()][hours][];
    for (int p = 0; p < buckets.size(); p++) {
      for (int h = 0; h < hours; h++) {
        byPortAndHour[p][h] = buckets.get(p).get(h).toArray(NONE);
      }
    }
  }

  /** An officer on shift at the port at that instant, uniformly, or null when nobody is. */
  Officer pick(ActivePort port, long at, SplittableRandom rnd) {
    Shift[] bucket = bucket(port, at);
    int count = 0;
    for (Shift s : bucket) {
      if (covers(s, at, at)) {
        count++;
      }
    }
    if (count == 0) {
      return null;
    }
    int chosen = rnd.nextInt(count);
    for (Shift s : bucket) {
      if (covers(s, at, at) && chosen-- == 0) {
        return s.officer();
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** The officers on shift at the port for the whole of [from, to], in a fixed order. */
  List<Officer> onDutyThroughout(ActivePort port, long from, long to) {
    List<Officer> officers = new ArrayList<>();
    for (Shift s : bucket(port, from)) {
      if (covers(s, from, to)) {
        officers.add(s.officer());
      }
    }
    return officers;
  }

  boolean isOnDutyThroughout(Officer officer, long from, long to) {
    for (Shift s : bucket(officer.port(), from)) {
      if (covers(s, from, to) && s.officer().officerId().equals(officer.officerId())) {
        return true;
      }
    }
    return false;
  }

  private Shift[] bucket(ActivePort port, long at) {
    long h = Math.floorDiv(at, HOUR) - firstHour;
    Shift[][] perHour = byPortAndHour[port.index()];
    return h >= 0 && h < perHour.length ? perHour[(int) h] : NONE;
  }

  private static boolean covers(Shift s, long from, long to) {
    return s.start() <= from && to < s.end();
  }
}
