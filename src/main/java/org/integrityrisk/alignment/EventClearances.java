package org.integrityrisk.alignment;

/**
 * What chance allows one officer's count of a group's clearances at one event, when the
 * clearances may depend on each other in ways the records do not show.
 *
 * <p>Each of the event's n clearances is the officer's with chance s (their share of the
 * port's clearances at that hour), so the officer's expected count is n*s whatever the
 * clearances have to do with each other. How they hang together is what the records
 * cannot tell: riders who each walk to whichever desk is free never meet the same officer
 * twice (at most one clearance is theirs, with chance n*s); a family or a work crew on foot
 * that walks up to one desk together is all the officer's or none of it (n with chance s);
 * independent desks lie in between (binomial). Treating them as independent, as a
 * Poisson-binomial over clearances does, puts the chance of "all n were the officer's" at
 * s^n, and a crew of ten that happened to walk up to an honest officer's desk twice would
 * look damning. Markov's inequality gives the tail that holds for every such dependence:
 * P(count >= t) <= n*s / t. It is also the tightest such tail, because splitting the n
 * clearances into n/t blocks of t that each go to one desk, never two to the same one,
 * reaches it; so no valid test of one event can claim more.
 *
 * <p>What it keeps: an officer who clears the whole of a small ring at an event gets
 * P(count >= n) = s, the same evidence as for a car they cleared, and the old event-level
 * test's power against a colluder who clears the ring himself. An honest officer at a free
 * desk who cleared one of the n gets n*s, at least the real chance of that.
 */
final class EventClearances {
  private EventClearances() {}

  /**
   * The distribution whose upper tail is min(1, n*s/t) for 1 <= t <= n and 0 above n: it
   * lies above the tail of the officer's real count at the event whatever the dependence,
   * so sums of such parts (independent events) give p-values that are never too small.
   *
   * @param clearances n, the group's clearances at the event (at least 1)
   * @param share s, the chance that any one of them is the officer's
   */
  static CountDistribution officersCount(int clearances, double share) {
    if (clearances < 1) {
      throw new IllegalArgumentException("an event has at least one clearance: " + clearances);
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share out of range: " + share);
    }
    double mean = clearances * share;
    double[] weights = new double[clearances + 1];
    double tailAbove = 0; // P(count >= t + 1), filled from the top
    for (int t = clearances; t >= 1; t--) {
      double tail = Math.min(1.0, mean / t);
      weights[t] = tail - tailAbove;
      tailAbove = tail;
    }
    weights[0] = 1.0 - tailAbove;
    return CountDistribution.ofWeights(weights);
  }
}
