package org.integrityrisk.generator;

import java.util.SplittableRandom;

/**
 * Traveller ids and vehicle plates that look scattered yet never repeat: each is a keyed
 * permutation of a sequence number over the id space. Every component numbers its people
 * and vehicles from its own base, so components stay unique without knowing about each other.
 */
final class Identifiers {
  static final long RING_BASE = 0;
  static final long FAULT_BASE = 50_000;
  static final long CARPOOL_BASE = 100_000;
  static final long FAMILY_BASE = 300_000;
  static final long COACH_BASE = 500_000;
  // The optional patterns number their people above every standard component's range
  // (the coaches reach about 635,000 at scale 1000) and below the background's.
  static final long SHUTTLE_BASE = 700_000;
  static final long QUEUE_BURST_BASE = 800_000;
  static final long WEEKLY_COACH_BASE = 900_000;
  static final long CLEARING_RING_BASE = 1_000_000;
  /** The crowd's people: about 151,000 per unit of crowd times scale, at most 1000 of them. */
  static final long CROWD_BASE = 1_100_000;
  static final long BACKGROUND_BASE = 2_000_000;

  private static final long TRAVELLER_SPACE = 100_000_000L;
  private static final int TRAVELLER_BITS = 27;
  private static final long PLATE_SPACE = 26L * 26 * 26 * 26 * 1000;
  private static final int PLATE_BITS = 29;
  private static final int ROUNDS = 4;

  private final long[] keys = new long[ROUNDS];

  Identifiers(SplittableRandom rnd) {
    for (int i = 0; i < ROUNDS; i++) {
      keys[i] = rnd.nextLong();
    }
  }

  Sequence sequence(long base) {
    return new Sequence(base);
  }

  String traveller(long number) {
    if (number < 0 || number >= TRAVELLER_SPACE) {
      throw new IllegalStateException("traveller number " + number + " is beyond the 8-digit id space");
    }
    long n = permute(number, TRAVELLER_SPACE, TRAVELLER_BITS);
    StringBuilder sb = new StringBuilder(10).append("TD");
    Timestamps.appendDigits(sb, n, 8);
    return sb.toString();
  }

  /** A plate like {@code KX-482-TB}. */
  String plate(long number) {
    long n = permute(number % PLATE_SPACE, PLATE_SPACE, PLATE_BITS);
    int digits = (int) (n % 1000);
    long letters = n / 1000;
    char[] l = new char[4];
    for (int i = 0; i < 4; i++) {
      l[i] = (char) ('A' + letters % 26);
      letters /= 26;
    }
    StringBuilder sb = new StringBuilder(9).append(l[0]).append(l[1]).append('-');
    Timestamps.appendDigits(sb, digits, 3);
    return sb.append('-').append(l[2]).append(l[3]).toString();
  }

  /**
   * A bijection of [0, space): xor with a key, multiplication by an odd number and an
   * xor-shift are each bijections on [0, 2^bits), and repeating the permutation until the
   * value falls inside the space (cycle walking) keeps it one on the smaller space.
   */
  private long permute(long number, long space, int bits) {
    long mask = (1L << bits) - 1;
    long x = number;
    do {
      for (int r = 0; r < ROUNDS; r++) {
        x = (x ^ keys[r]) & mask;
        x = (x * 0x9E3779B97F4A7C15L) & mask;
        x ^= x >>> (bits / 2 + 1);
      }
    } while (x >= space);
    return x;
  }

  /** A component's own numbering of people and vehicles. */
  final class Sequence {
    private long nextTraveller;
    private long nextVehicle;

    private Sequence(long base) {
      this.nextTraveller = base;
      this.nextVehicle = base;
    }

    String traveller() {
      return Identifiers.this.traveller(nextTraveller++);
    }

    String vehicle() {
      return plate(nextVehicle++);
    }
  }
}
