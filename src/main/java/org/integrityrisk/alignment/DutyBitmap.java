package org.integrityrisk.alignment;

/**
 * Who is on duty when, one bit per local minute of the {@link DayAxis}: a month of one
 * officer's or division's duty in about 6 KB, cheap to ship with every test.
 */
public final class DutyBitmap {
  private DutyBitmap() {}

  public static byte[] empty(DayAxis axis) {
    return new byte[(axis.minutes() + 7) / 8];
  }

  /** Marks [fromMinute, toMinute) on duty, clipped to the axis. */
  public static void set(byte[] bitmap, int fromMinute, int toMinute) {
    int from = Math.max(0, fromMinute);
    int to = Math.min(bitmap.length * 8, toMinute);
    for (int m = from; m < to; m++) {
      bitmap[m >>> 3] |= (byte) (1 << (m & 7));
    }
  }

  public static boolean onDuty(byte[] bitmap, int minute) {
    return minute >= 0 && minute < bitmap.length * 8 && (bitmap[minute >>> 3] & (1 << (minute & 7))) != 0;
  }

  /** The share of the axis's minutes on duty. */
  public static double share(byte[] bitmap) {
    if (bitmap.length == 0) {
      return 0.0;
    }
    long on = 0;
    for (byte b : bitmap) {
      on += Integer.bitCount(b & 0xff);
    }
    return (double) on / (bitmap.length * 8L);
  }

  public static void orInto(byte[] target, byte[] other) {
    for (int i = 0; i < target.length; i++) {
      target[i] |= other[i];
    }
  }
}
