package org.integrityrisk.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventClearancesTest {
  private static final double EPS = 1e-12;

  @Test
  void theTailIsMarkovsBound() {
    // Three clearances, each the officer's with chance 0.1: P(count >= t) = 0.3 / t.
    CountDistribution d = EventClearances.officersCount(3, 0.1);
    assertEquals(1.0, d.upperTail(0), EPS);
    assertEquals(0.3, d.upperTail(1), EPS);
    assertEquals(0.15, d.upperTail(2), EPS);
    assertEquals(0.1, d.upperTail(3), EPS);
    assertEquals(0.0, d.upperTail(4), EPS);
    assertEquals(0.1, d.smallestPValue(), EPS);
  }

  @Test
  void aCarIsOneBernoulli() {
    CountDistribution d = EventClearances.officersCount(1, 0.125);
    assertEquals(0.125, d.upperTail(1), EPS);
    assertEquals(0.125, d.mean(), EPS);
  }

  @Test
  void itCapsAtCertainty() {
    // Four clearances at a share of one half: two of them are expected, so counts up to 2
    // prove nothing, and all four still happen with chance 1/2 when they go together.
    CountDistribution d = EventClearances.officersCount(4, 0.5);
    assertEquals(1.0, d.upperTail(2), EPS);
    assertEquals(2.0 / 3, d.upperTail(3), EPS);
    assertEquals(0.5, d.upperTail(4), EPS);
  }

  @Test
  void itLiesAboveEveryWayTheClearancesCanHangTogether() {
    int n = 5;
    double s = 0.15;
    CountDistribution bound = EventClearances.officersCount(n, s);
    for (int t = 1; t <= n; t++) {
      // Independent desks: binomial tail.
      double binomial = 0;
      for (int k = t; k <= n; k++) {
        binomial += choose(n, k) * Math.pow(s, k) * Math.pow(1 - s, n - k);
      }
      // Together at one desk: n with chance s. Free booths: 1 with chance n*s.
      double together = s;
      double freeBooths = t == 1 ? n * s : 0;
      assertTrue(bound.upperTail(t) >= binomial - EPS, "binomial at " + t);
      assertTrue(bound.upperTail(t) >= together - EPS, "together at " + t);
      assertTrue(bound.upperTail(t) >= freeBooths - EPS, "free booths at " + t);
    }
  }

  @Test
  void anEventHasAClearance() {
    assertThrows(IllegalArgumentException.class, () -> EventClearances.officersCount(0, 0.1));
    assertThrows(IllegalArgumentException.class, () -> EventClearances.officersCount(2, 1.5));
  }

  private static double choose(int n, int k) {
    double c = 1;
    for (int i = 0; i < k; i++) {
      c = c * (n - i) / (i + 1);
    }
    return c;
  }
}
