package org.integrityrisk.generator;

import java.util.SplittableRandom;

/**
 * One independent random stream per scenario component, derived from the seed and the
 * component's name, so that changing how much one component draws (for instance more
 * background traffic at a higher scale) never shifts what another component generates.
 */
final class RandomStreams {
  private final long seed;

  RandomStreams(long seed) {
    this.seed = seed;
  }

  SplittableRandom stream(String component) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < component.length(); i++) {
      h = mix64(h ^ component.charAt(i));
    }
    return new SplittableRandom(mix64(seed ^ h));
  }

  /** SplitMix64's finaliser: spreads nearby inputs over the whole 64-bit range. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
