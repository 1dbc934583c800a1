package org.integrityrisk.alignment;

/**
 * What chance allows one officer's count of a group's clearances at one event.
 *
 * <p>Each of the event's n clearances is the officer's with chance s (their share of the
 * port's clearances around that time), so the expected count is n*s whatever the clearances have
 * to do with each other. How they hang together decides the rest: riders who each walk to
 * whichever desk is free never meet the same officer twice; people who each pick a desk
 * are independent (binomial); a crew on foot that walks up to one desk together is all the
 * officer's or none of it. The part used here is the mixture of the last two: with chance
 * {@code together} the whole event goes to one desk (n with chance s, else 0), otherwise the
 * clearances are independent. Both parts keep the mean n*s, and the mixture's variance is
 * the one an event has whose pairs of clearances share a desk as often as the group's pairs
 * are seen to (see {@link ClearingEvidence} for where {@code together} comes from), so a
 * sum over events has the mean and spread the group's own habits give it.
 *
 * <p>What it assumes, and why not less. The bound that holds for every dependence, Markov's
 * P(count >= t) <= n*s/t, was the first design: it allows a count of n with chance s, the
 * same as a car, but a colluder who takes only two of a ring of three earns 1.5*s, and one
 * who takes one of three earns nothing; on scenarios where colluders clear about four in
 * five of their ring's members one at a time, it left a quarter of them unflagged. Free
 * booths (never two to one desk) put less spread on the count than independence, so the
 * binomial part stays on the safe side for a sum over events; a crew that goes to one desk
 * shows it at its other events, and pays for it through {@code together}. Partial blocks (a
 * family in two pairs) are matched in pair-sharing, not exactly; an officer whose share at
 * the very minute differs from the window's (a desk that opens only for the shuttle) looks
 * like pairs sharing a desk, which is where that shows.
 */
final class EventClearances {
  private EventClearances() {}

  /**
   * @param clearances n, the group's clearances at the event (at least 1)
   * @param share s, the chance that any one of them is the officer's
   * @param together the chance that the event's clearances all go to one desk, else they are
   *     independent (0 to 1; irrelevant for a single clearance)
   */
  static CountDistribution officersCount(int clearances, double share, double together) {
    if (clearances < 1) {
      throw new IllegalArgumentException("an event has at least one clearance: " + clearances);
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share out of range: " + share);
    }
    if (!(together >= 0 && together <= 1)) {
      throw new IllegalArgumentException("together out of range: " + together);
    }
    CountDistribution independent = CountDistribution.zero();
    for (int i = 0; i < clearances; i++) {
      independent = independent.plus(CountDistribution.bernoulli(share));
    }
    double[] weights = new double[clearances + 1];
    for (int k = 0; k <= clearances; k++) {
      weights[k] = independent.probability(k) * (1 - together);
    }
    weights[0] += together * (1 - share);
    weights[clearances] += together * share;
    return CountDistribution.ofWeights(weights);
  }

  /** The smallest p-value the event allows: all n the officer's. */
  static double allTheOfficers(int clearances, double share, double together) {
    return together * share + (1 - together) * Math.pow(share, clearances);
  }
}
