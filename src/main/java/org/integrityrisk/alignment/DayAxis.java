package org.integrityrisk.alignment;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.integrityrisk.ingest.RunWindow;

/**
 * The local days a run looks at, as indexes, and minutes on them. Ports' local dates
 * reach a day beyond the UTC window on either side, so the axis starts one day before
 * the window and ends one day after it (plus the last night shift's morning).
 */
public record DayAxis(LocalDate firstDay, int days, long windowStartSecond, long windowEndSecond)
    implements Serializable {
  public static final int MINUTES_PER_DAY = 1440;
  private static final long SECONDS_PER_DAY = 86_400L;

  public static DayAxis of(RunWindow window) {
    LocalDate first = window.runDate().minusDays(window.lookbackDays());
    return new DayAxis(first, window.lookbackDays() + 3, window.start().getEpochSecond(),
        window.endExclusive().getEpochSecond());
  }

  public int minutes() {
    return days * MINUTES_PER_DAY;
  }

  public boolean isWeekend(int dayIndex) {
    DayOfWeek d = firstDay.plusDays(dayIndex).getDayOfWeek();
    return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
  }

  /** Whether an instant moved by {@code dayShift} whole days is still inside the run window. */
  public boolean inWindow(long epochSecond, int dayShift) {
    long moved = epochSecond + dayShift * SECONDS_PER_DAY;
    return moved >= windowStartSecond && moved < windowEndSecond;
  }
}
