package org.integrityrisk.output;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.integrityrisk.output.CaseEvidence.GroupEvent;

/**
 * When a group crosses, in the words an investigator would use ("weekdays around 07:00 and
 * 18:30"), so a works shuttle or a school run is recognised for what it is before its lead
 * is read as a ring. A group is regular when at least {@value #REGULAR_SHARE} of its
 * crossings fall at at most {@value #MOST_TIMES} times of day (each a cluster of crossings
 * within three quarters of an hour, holding at least {@value #SLOT_SHARE} of them); the
 * statistics already keep each group's own times of day, so this is a reading aid, not a test.
 */
record CrossingHabit(int crossings, String days, List<String> times, boolean regular) {
  static final double REGULAR_SHARE = 0.8;
  static final int MOST_TIMES = 3;
  static final double SLOT_SHARE = 0.15;
  /** Fewer crossings than this say nothing about a habit. */
  static final int FEWEST_CROSSINGS = 6;
  private static final long GAP_SECONDS = 15 * 60;
  private static final long SPREAD_SECONDS = 45 * 60;

  CrossingHabit {
    times = List.copyOf(times);
  }

  static CrossingHabit of(List<GroupEvent> events) {
    int weekdays = 0;
    List<Long> seconds = new ArrayList<>();
    for (GroupEvent e : events) {
      LocalDate day = e.localDate();
      if (day == null || e.localSecondOfDay() == null) {
        continue;
      }
      DayOfWeek dow = day.getDayOfWeek();
      weekdays += dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0 : 1;
      seconds.add(e.localSecondOfDay());
    }
    int n = seconds.size();
    String days = n == 0 ? "" : weekdays == n ? "weekdays" : weekdays == 0 ? "weekends" : "weekdays and weekends";
    // Times of day a few minutes apart are one habit ("07:00" for a bus at 06:58 to 07:03):
    // a new cluster starts after a gap; a cluster spread over more than SPREAD is no one time.
    seconds.sort(null);
    List<List<Long>> clusters = new ArrayList<>();
    for (long t : seconds) {
      List<Long> last = clusters.isEmpty() ? null : clusters.get(clusters.size() - 1);
      if (last == null || t - last.get(last.size() - 1) > GAP_SECONDS) {
        clusters.add(new ArrayList<>(List.of(t)));
      } else {
        last.add(t);
      }
    }
    List<List<Long>> busiest = new ArrayList<>(clusters.stream()
        .filter(c -> c.get(c.size() - 1) - c.get(0) <= SPREAD_SECONDS && c.size() >= SLOT_SHARE * n).toList());
    busiest.sort((a, b) -> Integer.compare(b.size(), a.size()));
    List<List<Long>> kept = new ArrayList<>(busiest.subList(0, Math.min(MOST_TIMES, busiest.size())));
    kept.sort((a, b) -> Long.compare(a.get(0), b.get(0)));
    int covered = kept.stream().mapToInt(List::size).sum();
    List<String> times = new ArrayList<>();
    kept.forEach(c -> times.add(clock(c.get(c.size() / 2))));
    boolean regular = n >= FEWEST_CROSSINGS && covered >= REGULAR_SHARE * n;
    return new CrossingHabit(n, days, regular ? times : List.of(), regular);
  }

  /** "weekdays around 07:00 and 18:30", or "weekdays and weekends at varied hours". */
  String describe() {
    if (crossings == 0) {
      return "no crossings here";
    }
    if (!regular) {
      return days + " at varied hours";
    }
    String at = times.size() == 1 ? times.get(0)
        : String.join(", ", times.subList(0, times.size() - 1)) + " and " + times.get(times.size() - 1);
    return days + " around " + at;
  }

  /** A time of day rounded to five minutes, as a clock shows it. */
  private static String clock(long secondOfDay) {
    long minutes = Math.round(secondOfDay / 300.0) * 5 % (24 * 60);
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }
}
