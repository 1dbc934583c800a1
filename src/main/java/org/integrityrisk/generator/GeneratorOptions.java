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
 * @param staffing how many officers in how many divisions each port has (null means {@link StaffingPlan#STANDARD})
 */
public record GeneratorOptions(Path output, long seed, double scale, LocalDate runDate, int lookbackDays,
    Extras extras, Rings rings, StaffingPlan staffing) {
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
   * @param crowd how many times the standard number of innocent co-travelling groups (carpools,
   *     families, coaches) the scenario holds; 1 is the standard scenario, more adds crowd groups
   * @param freeBooths with the clearing columns: each traveller on foot, and each rider of a bus
   *     or coach, is cleared at whichever booth is free rather than by one officer per group
   */
  public record Extras(boolean shuttle, boolean queueBurst, boolean weeklyCoach, boolean clearingOfficers,
      int crowd, boolean freeBooths) {
    /**
     * The crowd's people and crossings are held in memory and numbered below the background's
     * identifiers, so crowd times scale is bounded (about 1.1 million crowd crossings at the bound).
     */
    public static final double MAX_CROWD_TIMES_SCALE = 1000;
    public static final int MAX_CROWD = 100;
    public static final Extras NONE = new Extras(false, false, false, false);
    /** The four original patterns (shuttle, queue burst, weekly coach, clearing columns). */
    public static final Extras ALL = new Extras(true, true, true, true);

    public Extras {
      if (crowd < 1 || crowd > MAX_CROWD) {
        throw new IllegalArgumentException("crowd must be a whole number from 1 to " + MAX_CROWD + ", got " + crowd);
      }
      if (freeBooths && !clearingOfficers) {
        throw new IllegalArgumentException("free booths decide who clears whom, so they need the clearing columns"
            + " (--clearing-officers true)");
      }
    }

    public Extras(boolean shuttle, boolean queueBurst, boolean weeklyCoach, boolean clearingOfficers) {
      this(shuttle, queueBurst, weeklyCoach, clearingOfficers, 1, false);
    }

    public boolean any() {
      return shuttle || queueBurst || weeklyCoach || clearingOfficers || crowd > 1 || freeBooths;
    }
  }

  /** How the ports are staffed. */
  public enum StaffingPlan {
    /**
     * Rotating ports: four teams of 6 to 9 officers; the fixed-roster port: a weekday morning
     * office of 6 to 8, a daily evening office of 7 to 9 and a weekend office of 3 to 5.
     */
    STANDARD("standard"),
    /**
     * Every port has 20 officers in 4 divisions of 5: four rotating teams at rotating ports; at
     * the fixed-roster port a weekday morning, a weekday evening, a weekend morning and a
     * weekend evening office.
     */
    TEAMS_OF_5("teams-of-5");

    private final String cliName;

    StaffingPlan(String cliName) {
      this.cliName = cliName;
    }

    /** As written on the command line and in truth.json. */
    public String cliName() {
      return cliName;
    }

    public static StaffingPlan parse(String text) {
      for (StaffingPlan plan : values()) {
        if (plan.cliName.equals(text)) {
          return plan;
        }
      }
      throw new IllegalArgumentException("staffing '" + text + "' must be standard or teams-of-5");
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
   * @param minSize the fewest members of a ring (every ring: colluding, independent, stale)
   * @param maxSize the most members of a ring; 3 to 3 keeps each ring as the standard scenario has it
   * @param minStayMinutes with maxStayMinutes, how long each trip of a ring lasts from the
   *     way out to the way back; 0 to 0 keeps the standard trips (out early in a shift, back
   *     late in it; independent rings back within three days)
   * @param maxStayMinutes the longest trip, in minutes
   * @param fixedPortColluder adds a colluding officer at the fixed-roster port, whose ring is
   *     planted like the other duty colluders' (a third or more of its trips in the officer's overtime)
   */
  public record Rings(int minTrips, int maxTrips, boolean colluding, int minSize, int maxSize, int minStayMinutes,
      int maxStayMinutes, boolean fixedPortColluder) {
    /** A ring working through an officer runs a regular business: a trip every two or three days. */
    public static final Rings STANDARD = new Rings(10, 14, true);
    public static final int STANDARD_SIZE = 3;
    public static final int MAX_SIZE = 8;
    /** A trip must fit into one eight-hour shift with its margins. */
    public static final int MAX_STAY_MINUTES = 7 * 60;

    public Rings {
      if (minTrips < 2 || maxTrips > 60 || minTrips > maxTrips) {
        throw new IllegalArgumentException("ring trips must be a range within 2 to 60, got " + minTrips + "-" + maxTrips);
      }
      if (minSize < 2 || maxSize > MAX_SIZE || minSize > maxSize) {
        throw new IllegalArgumentException(
            "ring size must be a range within 2 to " + MAX_SIZE + ", got " + minSize + "-" + maxSize);
      }
      boolean off = minStayMinutes == 0 && maxStayMinutes == 0;
      if (!off && (minStayMinutes < 30 || maxStayMinutes > MAX_STAY_MINUTES || minStayMinutes > maxStayMinutes)) {
        throw new IllegalArgumentException("ring stay must be a range within 30 minutes and "
            + MAX_STAY_MINUTES / 60 + " hours, got " + minStayMinutes + "-" + maxStayMinutes + " minutes");
      }
    }

    public Rings(int minTrips, int maxTrips, boolean colluding) {
      this(minTrips, maxTrips, colluding, STANDARD_SIZE, STANDARD_SIZE, 0, 0, false);
    }

    /** Whether the ring size option asks for other sizes than the standard three members. */
    public boolean sized() {
      return minSize != STANDARD_SIZE || maxSize != STANDARD_SIZE;
    }

    /** Whether every trip's stay is set (out and back a set number of hours apart). */
    public boolean stayed() {
      return maxStayMinutes > 0;
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
    if (staffing == null) {
      staffing = StaffingPlan.STANDARD;
    }
    if (extras.crowd() * scale > Extras.MAX_CROWD_TIMES_SCALE) {
      throw new IllegalArgumentException("crowd times scale must be at most " + (int) Extras.MAX_CROWD_TIMES_SCALE
          + " (the crowd is held in memory), got " + extras.crowd() + " x " + scale);
    }
  }

  public GeneratorOptions(Path output, long seed, double scale, LocalDate runDate, int lookbackDays, Extras extras,
      Rings rings) {
    this(output, seed, scale, runDate, lookbackDays, extras, rings, StaffingPlan.STANDARD);
  }

  /**
   * Whether any option added for the crowded scenarios (crowd, staffing, ring size and stay,
   * fixed-port colluder, free booths) differs from the standard; truth.json records them only then,
   * so the standard truth stays byte for byte what it was.
   */
  public boolean hasScenarioOptions() {
    return extras.crowd() > 1 || extras.freeBooths() || staffing != StaffingPlan.STANDARD || rings.sized()
        || rings.stayed() || rings.fixedPortColluder();
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
