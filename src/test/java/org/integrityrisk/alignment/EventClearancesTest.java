package org.integrityrisk.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventClearancesTest {
  private static final double EPS = 1e-12;

  @Test
  void independentDesksAreBinomial() {
    // Three clearances, each the officer's with chance 0.1, independently.
    CountDistribution d = EventClearances.officersCount(3, 0.1, 0);
    assertEquals(1 - 0.9 * 0.9 * 0.9, d.upperTail(1), EPS);
    assertEquals(3 * 0.01 * 0.9 + 0.001, d.upperTail(2), EPS);
    assertEquals(0.001, d.upperTail(3), EPS);
    assertEquals(0.0, d.upperTail(4), EPS);
    assertEquals(0.3, d.mean(), EPS);
    assertEquals(0.001, EventClearances.allTheOfficers(3, 0.1, 0), EPS);
  }

  @Test
  void aGroupThatGoesToOneDeskIsOneDraw() {
    // All three or none: the count is 3 with chance s, whatever t <= 3 is asked about.
    CountDistribution d = EventClearances.officersCount(3, 0.1, 1);
    assertEquals(0.1, d.upperTail(1), EPS);
    assertEquals(0.1, d.upperTail(3), EPS);
    assertEquals(0.3, d.mean(), EPS);
    assertEquals(0.1, EventClearances.allTheOfficers(3, 0.1, 1), EPS);
  }

  @Test
  void inBetweenItMixesTheTwoAndKeepsTheMean() {
    double s = 0.2;
    CountDistribution d = EventClearances.officersCount(4, s, 0.25);
    CountDistribution independent = EventClearances.officersCount(4, s, 0);
    for (int t = 1; t <= 4; t++) {
      assertEquals(0.75 * independent.upperTail(t) + 0.25 * s, d.upperTail(t), EPS, "at " + t);
    }
    assertEquals(0.8, d.mean(), EPS);
    assertEquals(0.25 * s + 0.75 * Math.pow(s, 4), EventClearances.allTheOfficers(4, s, 0.25), EPS);
  }

  @Test
  void aCarIsOneBernoulli() {
    for (double together : new double[] {0, 0.5, 1}) {
      CountDistribution d = EventClearances.officersCount(1, 0.125, together);
      assertEquals(0.125, d.upperTail(1), EPS);
      assertEquals(0.125, d.mean(), EPS);
    }
  }

  @Test
  void itIsExactAtTheEnds() {
    assertEquals(1.0, EventClearances.officersCount(5, 1.0, 0).upperTail(5), EPS);
    assertEquals(0.0, EventClearances.officersCount(5, 0.0, 0.3).upperTail(1), EPS);
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> EventClearances.officersCount(0, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> EventClearances.officersCount(2, 1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> EventClearances.officersCount(2, 0.5, -0.1));
  }
}
