package org.integrityrisk.generator;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What to generate: where, from which seed, how much background traffic, for which run,
 * and which optional stress patterns to add.
 *
 * @param output folder the scenario files are written into (created when missing)
 * @param seed every random choice derives from it, so equal options give byte-identical files
 * @param scale background traffic volume; 1 is about 100,000 clearance rows
 * @param runDate the run date the scenario is built around (null means {@link #DEFAULT_RUN_DATE})
 * @param lookbackDays the run window's length in UTC days, ending with the run date
 * @param extras the optional patterns (null means {@link Extras#NONE})
 * @param rings how the smuggling rings behave (null means {@link Rings#STANDARD})
 */
public record GeneratorOptions(Path output, long seed, double scale, LocalDate runDate, int lookbackDays,
    Extras extras, Rings rings) {
  public static final LocalDate DEFAULT_RUN_DATE = LocalDate.of(2026, 4, 10);
  public static final int DEFAULT_LOOKBACK_DAYS = 30;

  /**
   * Optional patterns on top of the standard scenario. Each draws from random streams of
   * its own, so with all of them off the files are byte for byte those of a generator
   * without them, and turning one on leaves what the others generate as it was.
   *
   * @param shuttle a workers' shuttle bus: 40 riders out every weekday morning, back every evening
   * @param queueBurst a daily queue burst of frequent travellers at one port at a fixed hour
   * @param weeklyCoach a Saturday coach tour with a new load each week but the same driver and guides
   * @param clearingOfficers clearances name the clearing officer and say whether the traveller
   *     was inspected and goods were seized; adds a colluder visible only in who clears whom
   */
  public record Extras(boolean shuttle, boolean queueBurst, boolean weeklyCoach, boolean clearingOfficers) {
    public static final Extras NONE = new Extras(false, false, false, false);
    public static final Extras ALL = new Extras(true, true, true, true);

    public boolean any() {
      return shuttle || queueBurst || weeklyCoach || clearingOfficers;
    }
  }

  /**
   * The smuggling rings. Detection must hold on rings nobody shaped for it: short-lived
   * ones (a handful of trips) as much as the regular business of the standard scenario,
   * and it must stay quiet where nobody colludes.
   *
   * @param minTrips the fewest trips of a colluding ring in the window
   * @param maxTrips the most trips of a colluding ring in the window
   * @param colluding false for a null scenario: no ring colludes with anyone (no officer,
   *     division, clearing or stale collusion); each ring that would have colluded crosses
   *     as an independent ring instead, with the same number of trips, so the scenario
   *     holds as many smuggler-like groups as its colluding twin
   */
  public record Rings(int minTrips, int maxTrips, boolean colluding) {
    /** A ring working through an officer runs a regular business: a trip every two or three days. */
    public static final Rings STANDARD = new Rings(10, 14, true);

    public Rings {
      if (minTrips < 2 || maxTrips > 60 || minTrips > maxTrips) {
        throw new IllegalArgumentException("ring trips must be a range within 2 to 60, got " + minTrips + "-" + maxTrips);
      }
    }
  }

  public GeneratorOptions {
    if (output == null) {
      throw new IllegalArgumentException("the generator needs an output folder");
    }
    if (!(scale > 0 && scale <= 1000)) {
      throw new IllegalArgumentException("scale must be above 0 and at most 1000, got " + scale);
    }
    if (lookbackDays < 1 || lookbackDays > 366) {
      throw new IllegalArgumentException("lookback days must be between 1 and 366, got " + lookbackDays);
    }
    if (runDate == null) {
      runDate = DEFAULT_RUN_DATE;
    }
    if (extras == null) {
      extras = Extras.NONE;
    }
    if (rings == null) {
      rings = Rings.STANDARD;
    }
  }

  public GeneratorOptions(Path output, long seed, double scale, LocalDate runDate, int lookbackDays, Extras extras) {
    this(output, seed, scale, runDate, lookbackDays, extras, Rings.STANDARD);
  }

  public GeneratorOptions(Path output, long seed, double scale, LocalDate runDate, int lookbackDays) {
    this(output, seed, scale, runDate, lookbackDays, Extras.NONE);
  }

  public GeneratorOptions(Path output, long seed, double scale) {
    this(output, seed, scale, DEFAULT_RUN_DATE, DEFAULT_LOOKBACK_DAYS);
  }
}
