package org.integrityrisk.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.integrityrisk.config.StageParameters;

/**
 * The days of a data lake an input is read for. A clearances folder laid out by day,
 * {@code crossing_date=YYYY-MM-DD/} (UTC days), is read for these days only: Spark prunes
 * the other partitions, and the fingerprint hashes only the files it reads, so a nightly
 * run over a few weeks of a three-year lake reads a few weeks. Files outside any
 * {@code crossing_date=} folder, and inputs not laid out by day, are read whole.
 *
 * @param first the first UTC day read
 * @param last the last UTC day read, included
 */
public record DayPartitions(LocalDate first, LocalDate last) {
  /** The partition column of a lake laid out by day, as Spark discovers it from the folder names. */
  public static final String COLUMN = "crossing_date";
  private static final String PREFIX = COLUMN + "=";

  public DayPartitions {
    StageParameters.given("DayPartitions", "first", first);
    StageParameters.given("DayPartitions", "last", last);
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("DayPartitions: the last day " + last + " is before the first " + first);
    }
  }

  /** The {@code days} UTC days ending with {@code last}, included. */
  public static DayPartitions ending(LocalDate last, int days) {
    return new DayPartitions(last.minusDays(days - 1L), last);
  }

  /**
   * Whether a file is read, by its path below the input's folder: true outside any
   * {@code crossing_date=} folder, else when its day is in range.
   */
  public boolean reads(String relativePath) {
    for (String segment : relativePath.split("/")) {
      Optional<LocalDate> day = dayOf(segment);
      if (day.isPresent()) {
        return !day.get().isBefore(first) && !day.get().isAfter(last);
      }
    }
    return true;
  }

  /** The day a folder name {@code crossing_date=YYYY-MM-DD} stands for. */
  static Optional<LocalDate> dayOf(String name) {
    if (!name.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(name.substring(PREFIX.length())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether a folder name is a day partition, so the folder's files are inside it. */
  static boolean isPartition(String name) {
    return dayOf(name).isPresent();
  }
}
