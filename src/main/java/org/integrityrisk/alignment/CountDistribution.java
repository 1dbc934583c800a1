package org.integrityrisk.alignment;

import java.util.Arrays;

/**
 * A probability distribution over the counts 0..n, built by convolving independent
 * parts. With one Bernoulli part per event it is the Poisson-binomial distribution;
 * a part with more than two outcomes carries the aligned-event count of a whole trip,
 * whose events move together under the null model and so are not independent.
 */
public final class CountDistribution {
  private final double[] probabilities;

  private CountDistribution(double[] probabilities) {
    this.probabilities = probabilities;
  }

  /** The distribution of a sum of nothing: 0 with certainty. */
  public static CountDistribution zero() {
    return new CountDistribution(new double[] {1.0});
  }

  /** A part from its outcome frequencies: {@code weights[k]} is how often the part counts k. */
  public static CountDistribution ofWeights(double[] weights) {
    double total = 0;
    for (double w : weights) {
      if (w < 0 || Double.isNaN(w)) {
        throw new IllegalArgumentException("weights must be non-negative: " + Arrays.toString(weights));
      }
      total += w;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
    double[] p = new double[weights.length];
    for (int k = 0; k < weights.length; k++) {
      p[k] = weights[k] / total;
    }
    return new CountDistribution(p);
  }

  public static CountDistribution bernoulli(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability out of range: " + p);
    }
    return new CountDistribution(new double[] {1 - p, p});
  }

  /** The distribution of the sum of this and an independent {@code other}. */
  public CountDistribution plus(CountDistribution other) {
    double[] sum = new double[probabilities.length + other.probabilities.length - 1];
    for (int i = 0; i < probabilities.length; i++) {
      if (probabilities[i] == 0) {
        continue;
      }
      for (int j = 0; j < other.probabilities.length; j++) {
        sum[i + j] += probabilities[i] * other.probabilities[j];
      }
    }
    return new CountDistribution(sum);
  }

  /** P(X = k); 0 outside the counts this distribution can take. */
  double probability(int k) {
    return k >= 0 && k < probabilities.length ? probabilities[k] : 0;
  }

  /** P(X >= x), summed from the top so tiny tails keep their precision. */
  public double upperTail(int x) {
    if (x <= 0) {
      return 1.0;
    }
    double tail = 0;
    for (int k = probabilities.length - 1; k >= x; k--) {
      tail += probabilities[k];
    }
    return Math.min(1.0, tail);
  }

  public double mean() {
    double m = 0;
    for (int k = 1; k < probabilities.length; k++) {
      m += k * probabilities[k];
    }
    return m;
  }

  /** The largest count with a non-zero probability. */
  public int maxPossible() {
    for (int k = probabilities.length - 1; k > 0; k--) {
      if (probabilities[k] > 0) {
        return k;
      }
    }
    return 0;
  }

  /** The smallest p-value this distribution can produce: P(X >= the largest possible count). */
  public double smallestPValue() {
    return upperTail(maxPossible());
  }

}
