package org.integrityrisk.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.integrityrisk.config.Param.Range;

/**
 * Every tunable parameter of a run, each declared once with its key, default, range and
 * meaning. To add one: declare it here, add it to {@link #all()}, give
 * {@link PipelineConfig} an accessor if callers want one, and regenerate the README table
 * (ParametersTest prints it).
 */
public final class Parameters {
  private Parameters() {}

  public static final Param<Integer> LOOKBACK_DAYS = Param.wholeNumber("lookback-days", 30,
      Range.closed(1, 366),
      "the window: this many UTC days ending with the run date");

  /**
   * Groups are mined over lookback-days, but a ring that made six trips in the last month
   * may have made twenty since the season began: its alignment with duty is tested over this
   * longer window, which only ever adds evidence for groups already mined (it mines nothing).
   * The default of 60 comes from the measurement in DETECTION.md ("A longer alignment
   * window"): on 90-day scenarios the colluding officers that 30 days left below the bar
   * were all found at 60, and 90 added nothing. A value below lookback-days means the run window itself (see
   * {@link PipelineConfig#alignmentLookbackDays()}).
   */
  public static final Param<Integer> ALIGNMENT_LOOKBACK_DAYS = Param.wholeNumber("alignment-lookback-days", 60,
      Range.closed(0, 366),
      "the alignment tests take the mined groups' trips and the rosters over this many UTC days ending with the "
          + "run date (never fewer than lookback-days; 0 means lookback-days), from the first whole day the inputs "
          + "hold both crossings and shifts");

  public static final Param<Double> MAX_REJECT_RATIO = Param.number("max-reject-ratio", 0.05,
      Range.closed(0, 1),
      "the run fails (exit 3) when an input's share of bad rows (quarantined rows and their copies) exceeds this");

  /**
   * Generated feeds carry up to 0.06% duplicate clearances and 0.1% duplicate shifts (one
   * duplicate in a ports table of 53 rows is 1.9%); a feed sent twice or looped is 50% or
   * more. 0.1 leaves a small table room for a stray copy and stops a doubled feed.
   */
  public static final Param<Double> MAX_DUPLICATE_RATIO = Param.number("max-duplicate-ratio", 0.1,
      Range.closed(0, 1),
      "the run fails (exit 3) when an input's share of exact duplicate rows exceeds this (a feed sent twice or looped)");

  public static final Param<Integer> MIN_CROSSINGS = Param.wholeNumber("min-crossings", 6,
      Range.closed(2, 10_000),
      "F: travellers with fewer crossings in the window take no part in baskets");

  /** Crossings at one port and direction closer than this chain into one basket. */
  public static final Param<Integer> BASKET_MINUTES = Param.wholeNumber("basket-minutes", 5,
      Range.closed(1, 240),
      "W: the longest gap inside a co-travel basket");

  /** Crossings in one vehicle at one port and direction closer than this are one passage. */
  public static final Param<Integer> VEHICLE_MINUTES = Param.wholeNumber("vehicle-minutes", 30,
      Range.closed(0, 240),
      "the longest gap between clearances of one vehicle passage");

  public static final Param<Integer> MIN_SUPPORT = Param.wholeNumber("min-support", 5,
      Range.closed(2, 10_000),
      "S: the fewest co-crossings (all members in one basket) of a group");

  public static final Param<Integer> TRIP_HOURS = Param.wholeNumber("trip-hours", 24,
      Range.closed(0, 24 * 14),
      "an exit and the next entry (or the reverse) within this are one trip");

  /** The Benjamini-Hochberg false discovery rate over all alignment tests of the run. */
  public static final Param<Double> FDR_LEVEL = Param.number("fdr-level", 0.01,
      Range.open(0, 1),
      "the (weighted) Benjamini-Hochberg level over all tests of a run");

  /**
   * The system this project follows calls a group suspect when its members "entered and
   * exited many times in a short period". A ring that needs the same officer or division
   * both ways goes out and comes back inside one shift; commuters are away a working day.
   * Under the null model a trip's day moves but its shape does not, so the count of round
   * trips is the same on every day the null draws: it may steer how the false discovery
   * budget is spread without touching the p-values.
   */
  public static final Param<Integer> ROUND_TRIP_HOURS = Param.wholeNumber("round-trip-hours", 8,
      Range.closed(1, 24),
      "a trip out and back within 15 minutes to this many hours is a round trip");

  /**
   * Smugglers' trips are short; a family's day out or a coach tour is not. On crowded
   * scenarios the groups with 3 or more round trips of at most 8 hours were six times as
   * many as those with 3 or more of at most 4, and the rings were among the latter.
   */
  public static final Param<Integer> SHORT_TRIP_HOURS = Param.wholeNumber("short-trip-hours", 4,
      Range.closed(1, 24),
      "a round trip within this many hours is a short one (at most round-trip-hours)");

  /**
   * Tests of groups that went out and back within hours at least three times ("entered and
   * exited many times in a short period") share the larger part of the false discovery
   * budget: those with 3 or more short round trips this much, those with 3 or more round
   * trips {@code round-trip-share}, all other groups the rest. No share may be 0: a ring
   * whose trips last longer must stay findable.
   */
  public static final Param<Double> SHORT_TRIP_SHARE = Param.number("short-trip-share", 0.6,
      Range.open(0, 1),
      "the share of the false discovery budget for tests of groups with 3 or more short round trips");

  public static final Param<Double> ROUND_TRIP_SHARE = Param.number("round-trip-share", 0.3,
      Range.open(0, 1),
      "the share for tests of groups with 3 or more round trips, not 3 short ones (the rest: other groups)");

  /**
   * Officer tests outnumber division tests about five to one, yet duty alone rarely tells a
   * colluder from the team-mates who share their shifts; evidence of who cleared a group is
   * strong enough to pass on a smaller share.
   */
  public static final Param<Double> OFFICER_SHARE = Param.number("officer-share", 0.35,
      Range.open(0, 1),
      "the share of the false discovery budget for officer tests (the rest goes to division tests)");

  /** Restricting draws to the trip's own day type keeps weekday-only habits from passing for alignment. */
  public static final Param<Boolean> KEEP_WEEKDAY_TYPE = Param.trueOrFalse("keep-weekday-type", true,
      "the null model draws a trip's day among days of its own type (weekday or weekend)");

  /**
   * Cutting long chains keeps baskets bounded however dense the traffic; at the default (W)
   * a queue burst does not make strangers co-travellers by the dozen.
   */
  public static final Param<Integer> MAX_BASKET_MINUTES = Param.wholeNumber("max-basket-minutes", 5,
      Range.closed(1, 24 * 60),
      "a chain of crossings longer than this is cut into pieces of this length");

  /** Wide baskets are cut in clearance order, before pairs are counted and itemsets mined. */
  public static final Param<Integer> MAX_BASKET_SIZE = Param.wholeNumber("max-basket-size", 60,
      Range.closed(2, 10_000),
      "a basket with more travellers is cut into pieces of this many");

  /** Travellers who cross together nearly always and number at least this many: a workers' shuttle. */
  public static final Param<Integer> LARGE_GROUP_SIZE = Param.wholeNumber("large-group-size", 8,
      Range.closed(3, 10_000),
      "the fewest members of a large group (mined as one item)");

  /** Likeness is the Jaccard index of the two travellers' sets of baskets. */
  public static final Param<Double> LARGE_GROUP_JACCARD = Param.number("large-group-jaccard", 0.6,
      Range.openClosed(0, 1),
      "how alike two travellers' baskets must be to belong to one large group");

  /**
   * The chance is judged from each traveller's own ports and times of day, so commuters who
   * merely keep the same hours are not a group.
   */
  public static final Param<Double> CO_TRAVEL_MAX_P = Param.number("co-travel-max-p", 0.001,
      Range.openClosed(0, 1),
      "a pair sharing S baskets is mined only when crossing on the same days this often has at most "
          + "this chance given each one's hours (or they shared a vehicle S times)");

  // The order of manifest.json's parameters, the README table and the usage text.
  private static final List<Param<?>> ALL = List.of(LOOKBACK_DAYS, ALIGNMENT_LOOKBACK_DAYS, MAX_REJECT_RATIO,
      MAX_DUPLICATE_RATIO, MIN_CROSSINGS, BASKET_MINUTES, VEHICLE_MINUTES, MIN_SUPPORT, TRIP_HOURS, FDR_LEVEL, ROUND_TRIP_HOURS,
      SHORT_TRIP_HOURS, SHORT_TRIP_SHARE, ROUND_TRIP_SHARE, OFFICER_SHARE, KEEP_WEEKDAY_TYPE,
      MAX_BASKET_MINUTES, MAX_BASKET_SIZE, LARGE_GROUP_SIZE, LARGE_GROUP_JACCARD, CO_TRAVEL_MAX_P);

  static {
    Set<String> keys = new HashSet<>();
    for (Param<?> param : ALL) {
      if (!keys.add(param.key())) {
        throw new IllegalStateException("two parameters share the key " + param.key());
      }
    }
  }

  /** Every parameter, in the order of manifest.json and the README table. */
  public static List<Param<?>> all() {
    return ALL;
  }
}
