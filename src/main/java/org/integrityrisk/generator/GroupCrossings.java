package org.integrityrisk.generator;

import java.util.List;
import java.util.SplittableRandom;

/** Clears a group of travellers at one port and direction, within a short spread of time. */
final class GroupCrossings {
  private final TravelDetails details;
  private final SplittableRandom rnd;

  GroupCrossings(TravelDetails details, SplittableRandom rnd) {
    this.details = details;
    this.rnd = rnd;
  }

  /**
   * Each member is cleared at base plus 0 to spreadSeconds, so every pair of members is
   * at most spreadSeconds apart.
   */
  void cross(List<String> members, ActivePort port, boolean exit, long base, int spreadSeconds, String vehicle,
      String lane, List<Crossing> out) {
    for (String member : members) {
      long at = base + rnd.nextInt(spreadSeconds + 1);
      out.add(new Crossing(member, port, exit, at, lane, vehicle, details.remarks(rnd)));
    }
  }
}
