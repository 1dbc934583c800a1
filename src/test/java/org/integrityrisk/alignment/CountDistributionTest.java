package org.integrityrisk.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CountDistributionTest {
  private static final double EPS = 1e-12;

  @Test
  void poissonBinomialTailByHand() {
    // Events on duty with chances 0.2, 0.5, 0.9:
    // P(3) = 0.2*0.5*0.9 = 0.09; P(2) = 0.2*0.5*0.1 + 0.2*0.5*0.9 + 0.8*0.5*0.9 = 0.46.
    CountDistribution d = CountDistribution.zero()
        .plus(CountDistribution.bernoulli(0.2))
        .plus(CountDistribution.bernoulli(0.5))
        .plus(CountDistribution.bernoulli(0.9));
    assertEquals(0.09, d.upperTail(3), EPS);
    assertEquals(0.55, d.upperTail(2), EPS);
    assertEquals(1.0, d.upperTail(0), EPS);
    assertEquals(1.6, d.mean(), EPS);
    assertEquals(0.09, d.smallestPValue(), EPS);
  }

  @Test
  void aTripMovesItsEventsTogether() {
    // A trip on duty on 1 day in 4, with both its crossings inside one shift: 2 or 0, never 1.
    CountDistribution trip = CountDistribution.ofWeights(new double[] {3, 0, 1});
    assertEquals(0.25, trip.upperTail(2), EPS);
    assertEquals(0.25, trip.upperTail(1), EPS);
    assertEquals(0.5, trip.mean(), EPS);
    // Two such trips both aligned: 1/16, where four independent events would give 1/256.
    assertEquals(0.0625, trip.plus(trip).upperTail(4), EPS);
  }

  @Test
  void smallestPValueIgnoresImpossibleCounts() {
    CountDistribution trip = CountDistribution.ofWeights(new double[] {1, 1, 0});
    assertEquals(1, trip.maxPossible());
    assertEquals(0.5, trip.smallestPValue(), EPS);
  }
}
