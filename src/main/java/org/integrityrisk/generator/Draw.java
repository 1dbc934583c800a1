package org.integrityrisk.generator;

import java.util.List;
import java.util.SplittableRandom;

/** Small random helpers on SplittableRandom, which java.util.Collections does not accept. */
final class Draw {
  private Draw() {}

  /** Uniform integer in [low, high], both inclusive. */
  static int between(SplittableRandom rnd, int low, int high) {
    return low + rnd.nextInt(high - low + 1);
  }

  static <T> T pick(List<T> items, SplittableRandom rnd) {
    return items.get(rnd.nextInt(items.size()));
  }

  static <T> void shuffle(List<T> items, SplittableRandom rnd) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      T swap = items.get(i);
      items.set(i, items.get(j));
      items.set(j, swap);
    }
  }

  /** Uniform long in [low, high), or low when the range is empty. */
  static long within(SplittableRandom rnd, long low, long high) {
    return high > low ? rnd.nextLong(low, high) : low;
  }
}
