package org.integrityrisk.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Every tunable parameter of a run, immutable, with its default in {@link #defaults()}
 * and its valid range in {@link #validate()}. JSON keys and command-line flags use the
 * same kebab-case names ({@code lookback-days} in a file, {@code --lookback-days} on the
 * command line), so a user never has to learn two spellings.
 *
 * @param lookbackDays the run window: this many UTC days ending with the run date
 * @param maxRejectRatio an input whose quarantined share exceeds this fails the run
 * @param minCrossings F: travellers with fewer crossings in the window take no part in baskets
 * @param basketMinutes W: crossings at one port and direction closer than this chain into one basket
 * @param vehicleMinutes crossings in one vehicle at one port and direction closer than this are one passage
 * @param minSupport S: a group must cross together (all members in one basket) at least this often
 * @param tripHours an exit and the group's next entry (or the reverse) within this many hours form one trip
 * @param fdrLevel the Benjamini-Hochberg false discovery rate over all alignment tests of the run
 * @param keepWeekdayType whether the null model draws a trip's day only among days of its own
 *     type (Monday to Friday, or weekend), so weekday-only habits are not taken for alignment
 * @param maxBasketMinutes a chain of crossings longer than this (a busy hour) is cut into
 *     pieces of this length, so baskets stay bounded however dense the traffic; at the
 *     default (W) a queue burst does not make strangers co-travellers by the dozen
 * @param maxBasketSize baskets wider than this are cut, in clearance order, into pieces of
 *     at most this many travellers before pairs are counted and itemsets mined
 * @param largeGroupSize travellers who cross together nearly always and number at least this
 *     many (a workers' shuttle) are mined as one item and reported as one large group
 * @param largeGroupJaccard how alike two travellers' baskets must be (Jaccard) to join a large group
 * @param coTravelMaxP two travellers who share S baskets are mined as possible co-travellers
 *     only when crossing together on the same days this often has at most this chance
 *     given each one's own ports and times of day (or when they shared a vehicle S times):
 *     commuters who merely keep the same hours are not a group
 */
public record PipelineConfig(
    @JsonProperty("lookback-days") int lookbackDays,
    @JsonProperty("max-reject-ratio") double maxRejectRatio,
    @JsonProperty("min-crossings") int minCrossings,
    @JsonProperty("basket-minutes") int basketMinutes,
    @JsonProperty("vehicle-minutes") int vehicleMinutes,
    @JsonProperty("min-support") int minSupport,
    @JsonProperty("trip-hours") int tripHours,
    @JsonProperty("fdr-level") double fdrLevel,
    @JsonProperty("keep-weekday-type") boolean keepWeekdayType,
    @JsonProperty("max-basket-minutes") int maxBasketMinutes,
    @JsonProperty("max-basket-size") int maxBasketSize,
    @JsonProperty("large-group-size") int largeGroupSize,
    @JsonProperty("large-group-jaccard") double largeGroupJaccard,
    @JsonProperty("co-travel-max-p") double coTravelMaxP) {

  public static PipelineConfig defaults() {
    return new PipelineConfig(30, 0.05, 6, 5, 30, 5, 24, 0.01, true, 5, 60, 8, 0.6, 0.001);
  }

  /** Range checks, each naming its key; empty when the config is usable. */
  public List<String> validate() {
    List<String> problems = new ArrayList<>();
    range(problems, "lookback-days", lookbackDays, 1, 366);
    if (!(maxRejectRatio >= 0.0 && maxRejectRatio <= 1.0)) {
      problems.add("max-reject-ratio must be between 0 and 1, got " + maxRejectRatio);
    }
    range(problems, "min-crossings", minCrossings, 2, 10_000);
    range(problems, "basket-minutes", basketMinutes, 1, 240);
    range(problems, "vehicle-minutes", vehicleMinutes, 0, 240);
    range(problems, "min-support", minSupport, 2, 10_000);
    range(problems, "trip-hours", tripHours, 0, 24 * 14);
    range(problems, "max-basket-minutes", maxBasketMinutes, 1, 24 * 60);
    range(problems, "max-basket-size", maxBasketSize, 2, 10_000);
    range(problems, "large-group-size", largeGroupSize, 3, 10_000);
    if (!(largeGroupJaccard > 0.0 && largeGroupJaccard <= 1.0)) {
      problems.add("large-group-jaccard must be greater than 0 and at most 1, got " + largeGroupJaccard);
    }
    if (!(coTravelMaxP > 0.0 && coTravelMaxP <= 1.0)) {
      problems.add("co-travel-max-p must be greater than 0 and at most 1, got " + coTravelMaxP);
    }
    if (!(fdrLevel > 0.0 && fdrLevel < 1.0)) {
      problems.add("fdr-level must be greater than 0 and less than 1, got " + fdrLevel);
    }
    return problems;
  }

  private static void range(List<String> problems, String key, int value, int min, int max) {
    if (value < min || value > max) {
      problems.add(key + " must be between " + min + " and " + max + ", got " + value);
    }
  }
}
