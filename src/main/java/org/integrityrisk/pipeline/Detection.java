package org.integrityrisk.pipeline;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.BASKET_ID;
import static org.integrityrisk.schema.Columns.FLAGGED;
import static org.integrityrisk.schema.Columns.FLAGGED_WITH;
import static org.integrityrisk.schema.Columns.GROUP_ID;
import static org.integrityrisk.schema.Columns.UNIT_ID;
import static org.integrityrisk.schema.Columns.UNIT_KIND;

import java.sql.Timestamp;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.alignment.ClearingEvidence;
import org.integrityrisk.alignment.DayAxis;
import org.integrityrisk.alignment.DutyAlignment;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.alignment.GroupTrips;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.baskets.FrequentTravellers;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.groups.CoTravellers;
import org.integrityrisk.groups.GroupEvents;
import org.integrityrisk.groups.GroupMiner;
import org.integrityrisk.groups.LargeGroups;
import org.integrityrisk.groups.SharedBaskets;
import org.integrityrisk.ingest.RunWindow;
import org.integrityrisk.schema.Columns;
import org.integrityrisk.scoring.CombinedEvidence;
import org.integrityrisk.scoring.FalseDiscovery;
import org.integrityrisk.scoring.RunLimits;
import org.integrityrisk.scoring.TestWeights;
import org.integrityrisk.spark.Persisted;

/**
 * The detection stages, in the order data flows through them: frequent travellers,
 * co-travel baskets, pairs sharing S baskets, large groups, co-travellers beyond habit,
 * groups by FP-growth, group events and trips, duty alignment tests,
 * false discovery control. Each intermediate result that later stages read
 * more than once is cached, and each stage reports its rows and seconds.
 */
public final class Detection {
  // The counts each stage's line and the manifest read back from its one-row summary.
  private static final String BASKETS = "baskets";
  private static final String CHAINS_CUT = "chains_cut";
  private static final String SIZES_CUT = "sizes_cut";
  private static final String LARGE_TRAVELLERS = "travellers";
  private static final String LARGE_GROUPS = "groups";
  private static final String TESTED_PAIRS = "tested";
  private static final String KEPT_PAIRS = "kept";
  /** Starts the ids of baskets cut from the alignment window's days before the run window. */
  private static final String EARLIER_BASKET_PREFIX = "before-run-window/";

  private final PipelineConfig config;
  private final RunWindow window;
  private final Progress progress;
  private final Persisted persisted;

  /** @param persisted owns what detection caches; its results stay readable until it is closed */
  public Detection(PipelineConfig config, RunWindow window, Progress progress, Persisted persisted) {
    this.config = config;
    this.window = window;
    this.progress = progress;
    this.persisted = persisted;
  }

  /**
   * What detection found: the suspect groups (with their event summary), their events,
   * the officers and divisions rostered, every alignment test after false discovery control,
   * and how often each bound on mining fired (for the manifest: no evidence disappears unseen).
   */
  public record Detected(Dataset<Row> groups, Dataset<Row> events, Dataset<Row> units, Dataset<Row> tests,
      Map<String, Long> mining, RunLimits limits) {
    public Detected {
      mining = Collections.unmodifiableMap(new TreeMap<>(mining));
    }
  }

  /**
   * What the alignment tests read when their window is longer than the run window (groups
   * are still mined over the run window only).
   *
   * @param window the alignment window, ending with the run date (see {@code ingest.AlignmentWindow})
   * @param crossings the crossings cleared inside it, as {@link RunWindow#crossings} gives them
   * @param shifts the shifts overlapping it, as {@link RunWindow#shifts} gives them
   */
  public record LongerAlignment(RunWindow window, Dataset<Row> crossings, Dataset<Row> shifts) {}

  /** Mines and tests over the run window alone. */
  public Detected apply(Dataset<Row> crossings, Dataset<Row> shifts) {
    return apply(crossings, shifts, Optional.empty());
  }

  /**
   * @param crossings the run window's crossings, which groups are mined from
   * @param shifts the run window's shifts
   * @param longer when present, the alignment tests take the groups' events, the rosters and
   *     the clearing shares over this longer window instead
   */
  public Detected apply(Dataset<Row> crossings, Dataset<Row> shifts, Optional<LongerAlignment> longer) {
    Map<String, Long> mining = new LinkedHashMap<>();
    Dataset<Row> frequent = staged("frequent travellers",
        () -> persisted.persist(FrequentTravellers.apply(crossings, config.minCrossings()))).rows();

    CoTravelBaskets cutter = new CoTravelBaskets(CoTravelBaskets.Params.of(config));
    Dataset<Row> assigned = persisted.persist(cutter.assign(frequent));
    // The baskets and both cuts are counted in one pass over the cached assignment.
    Row cuts = progress.stage("co-travel baskets", "rows", () -> assigned.agg(
        countDistinct(col(BASKET_ID)).as(BASKETS),
        countDistinct(when(col(CoTravelBaskets.TIME_PIECE).gt(0), col(CoTravelBaskets.CHAIN_ID)))
            .as(CHAINS_CUT),
        countDistinct(when(col(CoTravelBaskets.SIZE_PIECE).gt(0),
            struct(col(CoTravelBaskets.CHAIN_ID), col(CoTravelBaskets.TIME_PIECE)))).as(SIZES_CUT))
        .first(), r -> r.getLong(r.fieldIndex(BASKETS)));
    long allBaskets = cuts.getLong(cuts.fieldIndex(BASKETS));
    mining.put("chains_cut_at_max_basket_minutes", cuts.getLong(cuts.fieldIndex(CHAINS_CUT)));
    mining.put("baskets_cut_at_max_basket_size", cuts.getLong(cuts.fieldIndex(SIZES_CUT)));
    Dataset<Row> wideBaskets = staged("shared baskets", () -> persisted.freshPlan(CoTravelBaskets.baskets(assigned))).rows();

    Dataset<Row> sharedPairs = staged("pairs sharing S baskets",
        () -> persisted.freshPlan(SharedBaskets.pairs(wideBaskets, config.minSupport()))).rows();
    Dataset<Row> largeMembers = persisted.persist(new LargeGroups(LargeGroups.Params.of(config), persisted)
        .members(wideBaskets, sharedPairs));
    Row large = progress.stage("large groups (travellers)", "rows",
        () -> largeMembers.agg(count(lit(1)).as(LARGE_TRAVELLERS), countDistinct(col(GROUP_ID)).as(LARGE_GROUPS))
            .first(), r -> r.getLong(r.fieldIndex(LARGE_TRAVELLERS)));
    mining.put("travellers_in_large_groups", large.getLong(large.fieldIndex(LARGE_TRAVELLERS)));
    mining.put("large_groups", large.getLong(large.fieldIndex(LARGE_GROUPS)));
    Dataset<Row> baskets = staged("baskets to mine", () -> persisted.freshPlan(LargeGroups.merge(wideBaskets, largeMembers)))
        .rows();

    CoTravellers coTravellers = new CoTravellers(CoTravellers.Params.of(config));
    Dataset<Row> testedPairs = persisted.freshPlan(coTravellers.apply(sharedPairs, assigned, crossings));
    Row pairs = progress.stage("co-travellers beyond habit", "rows",
        () -> testedPairs.agg(count(lit(1)).as(TESTED_PAIRS),
            coalesce(sum(when(col(CoTravellers.KEPT), 1L).otherwise(0L)), lit(0L)).as(KEPT_PAIRS)).first(),
        r -> r.getLong(r.fieldIndex(TESTED_PAIRS)));
    long candidatePairs = pairs.getLong(pairs.fieldIndex(TESTED_PAIRS));
    mining.put("pairs_sharing_min_support_baskets", candidatePairs);
    mining.put("pairs_explained_by_habit", candidatePairs - pairs.getLong(pairs.fieldIndex(KEPT_PAIRS)));
    Staged transactions = staged("transactions to mine",
        () -> persisted.freshPlan(CoTravellers.transactions(baskets, testedPairs)));
    long transactionCount = transactions.count();
    mining.put("transactions_mined", transactionCount);

    Dataset<Row> travellerCrossings = frequent
        .select(Columns.TRAVELLER_PSEUDONYM, FrequentTravellers.TRAVELLER_CROSSINGS).distinct();
    // FP-growth fits eagerly, so the stage is timed from building the groups, not just counting them.
    Dataset<Row> groups = staged("groups (FP-growth)", () -> persisted.freshPlan(new GroupMiner(config.minSupport())
        .apply(baskets, transactions.rows(), transactionCount, allBaskets, travellerCrossings, largeMembers))).rows();

    // From here on every stage reads the alignment window: the run window itself, unless a
    // longer one was asked for and the inputs hold it (then the stage names say so).
    String over = longer.isPresent() ? " (alignment window)" : "";
    Dataset<Row> testedCrossings = longer.map(LongerAlignment::crossings).orElse(crossings);
    Dataset<Row> events = staged("group events" + over, () -> persisted.freshPlan(longer.isEmpty()
        ? GroupEvents.apply(groups, assigned)
        : eventsOverLongerWindow(groups, assigned, frequent, longer.get()))).rows();

    DayAxis axis = DayAxis.of(longer.map(LongerAlignment::window).orElse(window));
    Dataset<Row> testedShifts = longer.map(LongerAlignment::shifts).orElse(shifts);
    Dataset<Row> units = staged("duty rosters" + over, () -> persisted.freshPlan(DutyRosters.apply(testedShifts, axis)))
        .rows();

    Dataset<Row> trips = GroupTrips.apply(events, GroupTrips.Params.of(axis, config));
    Dataset<Row> duty = new DutyAlignment(new DutyAlignment.Params(axis, config.keepWeekdayType())).apply(trips, units);
    Optional<Dataset<Row>> clearing = Optional.empty();
    if (ClearingEvidence.available(testedCrossings)) {
      // The clearing shares come from the same window as the events they are compared with.
      clearing = Optional.of(staged("clearing officer tests" + over,
          () -> persisted.freshPlan(ClearingEvidence.apply(events, testedCrossings,
              ClearingEvidence.inspectionsRecorded(testedCrossings)))).rows());
    }
    Optional<Dataset<Row>> clearingEvidence = clearing;
    Dataset<Row> raw = staged("alignment tests" + over,
        () -> persisted.freshPlan(CombinedEvidence.apply(duty, clearingEvidence))).rows();
    Dataset<Row> weighted = new TestWeights(TestWeights.Params.of(config)).apply(raw);
    Dataset<Row> tests = persisted.freshPlan(
        new FalseDiscovery(config.fdrLevel()).apply(weighted, DutyAlignment.TEST_KEY));
    progress.stage("flagged tests (weighted BH)", () -> tests.filter(col(FLAGGED)).count());

    RunLimits limits = RunLimits.of(tests, units, config.fdrLevel());
    return new Detected(suspectGroups(groups, events, tests), events, units, tests, mining, limits);
  }

  /**
   * The mined groups' events over the longer alignment window: inside the run window exactly
   * the events mining saw (the same baskets), and before it the baskets in which two or more
   * members crossed, cut the same way from the crossings of the same frequent travellers (those
   * of the run window: a basket chains through strangers' clearances, so its members alone would
   * cut some pairs apart that mining kept together). Cutting the earlier days apart from the run
   * window's leaves mining's baskets untouched; a chain that runs over the window's first
   * midnight is split there, as it always was. Only the mined groups' members' baskets become
   * events, so the earlier days add a join and one basket cut, no mining.
   */
  private Dataset<Row> eventsOverLongerWindow(Dataset<Row> groups, Dataset<Row> assigned, Dataset<Row> frequent,
      LongerAlignment longer) {
    Dataset<Row> travellers = frequent.select(Columns.TRAVELLER_PSEUDONYM).distinct();
    Dataset<Row> earlier = longer.crossings()
        .filter(col(Columns.CROSSED_AT).lt(lit(Timestamp.from(window.start()))))
        .join(travellers, new String[] {Columns.TRAVELLER_PSEUDONYM}, "left_semi");
    // The earlier baskets are numbered from 1 again; the prefix keeps their ids apart from
    // the run window's, which the clearing test and the case records join on.
    Dataset<Row> earlierAssigned = new CoTravelBaskets(CoTravelBaskets.Params.of(config)).assign(earlier)
        .withColumn(BASKET_ID, concat(lit(EARLIER_BASKET_PREFIX), col(BASKET_ID)));
    return GroupEvents.apply(groups, assigned).unionByName(GroupEvents.apply(groups, earlierAssigned));
  }

  private static Dataset<Row> suspectGroups(Dataset<Row> groups, Dataset<Row> events, Dataset<Row> tests) {
    Dataset<Row> flaggedWith = tests.groupBy(GROUP_ID).agg(array_sort(collect_set(when(col(FLAGGED),
        concat_ws(":", col(UNIT_KIND), col(UNIT_ID))))).as(FLAGGED_WITH));
    return groups
        .join(GroupEvents.summary(events), new String[] {GROUP_ID}, "left")
        .join(flaggedWith, new String[] {GROUP_ID}, "left");
  }

  /** A stage's result and its row count, which materialised it. */
  private record Staged(Dataset<Row> rows, long count) {}

  /** Builds a stage's result and counts it, so the progress line times all of its work. */
  private Staged staged(String name, Supplier<Dataset<Row>> build) {
    return progress.stage(name, "rows", () -> {
      Dataset<Row> rows = build.get();
      return new Staged(rows, rows.count());
    }, Staged::count);
  }

}
