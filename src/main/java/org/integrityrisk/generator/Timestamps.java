package org.integrityrisk.generator;

import java.time.LocalDate;

/**
 * ISO-8601 timestamps with the local offset, seconds precision, {@code Z} for a zero offset,
 * written digit by digit: DateTimeFormatter is several times slower and this runs for every
 * clearance row.
 */
final class Timestamps {
  private Timestamps() {}

  static void append(StringBuilder sb, long epochSecond, int offsetSeconds) {
    long local = epochSecond + offsetSeconds;
    long epochDay = Math.floorDiv(local, 86_400L);
    int secondOfDay = (int) Math.floorMod(local, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    appendDigits(sb, date.getYear(), 4);
    sb.append('-');
    appendDigits(sb, date.getMonthValue(), 2);
    sb.append('-');
    appendDigits(sb, date.getDayOfMonth(), 2);
    sb.append('T');
    appendDigits(sb, secondOfDay / 3600, 2);
    sb.append(':');
    appendDigits(sb, secondOfDay / 60 % 60, 2);
    sb.append(':');
    appendDigits(sb, secondOfDay % 60, 2);
    if (offsetSeconds == 0) {
      sb.append('Z');
    } else {
      int abs = Math.abs(offsetSeconds);
      sb.append(offsetSeconds < 0 ? '-' : '+');
      appendDigits(sb, abs / 3600, 2);
      sb.append(':');
      appendDigits(sb, abs / 60 % 60, 2);
    }
  }

  static String format(long epochSecond, int offsetSeconds) {
    StringBuilder sb = new StringBuilder(25);
    append(sb, epochSecond, offsetSeconds);
    return sb.toString();
  }

  /** Appends a non-negative number left-padded with zeros to at least width digits. */
  static void appendDigits(StringBuilder sb, long value, int width) {
    long limit = 10;
    for (int w = 1; w < width; w++) {
      if (value < limit) {
        sb.append('0');
      }
      limit *= 10;
    }
    sb.append(value);
  }
}
