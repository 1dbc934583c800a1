package org.integrityrisk.generator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;

/**
 * A port's local time, precomputed per hour for the scenario's period because the
 * background traffic converts millions of local times and ZonedDateTime would dominate
 * the run time. Local times in a spring-forward gap move forward, as ZonedDateTime does.
 */
final class PortClock {
  private static final int HOUR = 3600;

  private final ZoneId zone;
  private final ZoneRules rules;
  private final LocalDate firstDay;
  private final int days;
  private final long[] localHourStarts;
  private final long firstUtcHour;
  private final int[] offsetByUtcHour;

  PortClock(ZoneId zone, LocalDate firstDay, LocalDate lastDay) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.firstDay = firstDay;
    this.days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay() + 1);
    this.localHourStarts = new long[days * 24];
    for (int d = 0; d < days; d++) {
      LocalDate date = firstDay.plusDays(d);
      for (int h = 0; h < 24; h++) {
        localHourStarts[d * 24 + h] = ZonedDateTime.of(date, LocalTime.of(h, 0), zone).toEpochSecond();
      }
    }
    // One day of margin each side covers every offset a local day in range can have.
    this.firstUtcHour = firstDay.minusDays(1).toEpochDay() * 24;
    this.offsetByUtcHour = new int[(days + 2) * 24];
    for (int i = 0; i < offsetByUtcHour.length; i++) {
      offsetByUtcHour[i] = rules.getOffset(Instant.ofEpochSecond((firstUtcHour + i) * HOUR)).getTotalSeconds();
    }
  }

  ZoneId zone() {
    return zone;
  }

  int dayIndex(LocalDate date) {
    return (int) (date.toEpochDay() - firstDay.toEpochDay());
  }

  LocalDate day(int dayIndex) {
    return firstDay.plusDays(dayIndex);
  }

  /** The instant of a local day (as index from the first day), hour and second within the hour. */
  long at(int dayIndex, int hour, int secondOfHour) {
    if (dayIndex >= 0 && dayIndex < days) {
      return localHourStarts[dayIndex * 24 + hour] + secondOfHour;
    }
    return at(day(dayIndex), LocalTime.of(hour, 0)) + secondOfHour;
  }

  long at(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, zone).toEpochSecond();
  }

  /** The port's UTC offset in seconds at that instant. */
  int offsetSeconds(long epochSecond) {
    long i = Math.floorDiv(epochSecond, HOUR) - firstUtcHour;
    if (i >= 0 && i < offsetByUtcHour.length) {
      return offsetByUtcHour[(int) i];
    }
    return rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
  }

  int localHour(long epochSecond) {
    return (int) (Math.floorMod(epochSecond + offsetSeconds(epochSecond), 86_400L) / HOUR);
  }
}
