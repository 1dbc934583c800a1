package org.integrityrisk.output;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.ALIGNED_EVENTS;
import static org.integrityrisk.schema.Columns.ROUND_TRIPS;
import static org.integrityrisk.schema.Columns.UNIT_ID;
import static org.integrityrisk.schema.Columns.WEIGHT;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.BASKET_ID;
import static org.integrityrisk.schema.Columns.CASE_RECORDS;
import static org.integrityrisk.schema.Columns.CLEARED_BY;
import static org.integrityrisk.schema.Columns.CLEARED_EVENTS;
import static org.integrityrisk.schema.Columns.CROSSED_AT_LOCAL;
import static org.integrityrisk.schema.Columns.CROSSINGS;
import static org.integrityrisk.schema.Columns.EXPECTED_CLEARED_EVENTS;
import static org.integrityrisk.schema.Columns.INSPECTED;
import static org.integrityrisk.schema.Columns.INSPECTED_BY_OFFICER;
import static org.integrityrisk.schema.Columns.LANE_ID;
import static org.integrityrisk.schema.Columns.LARGE_GROUP;
import static org.integrityrisk.schema.Columns.LEADS_RAISED;
import static org.integrityrisk.schema.Columns.LEAD_ID;
import static org.integrityrisk.schema.Columns.MEMBERS;
import static org.integrityrisk.schema.Columns.MEMBER_COUNT;
import static org.integrityrisk.schema.Columns.RECORDS_BY_OFFICER;
import static org.integrityrisk.schema.Columns.SEIZURE;
import static org.integrityrisk.schema.Columns.SIZE;
import static org.integrityrisk.schema.Columns.VEHICLE_ID;
import static org.integrityrisk.schema.Columns.DECISION;
import static org.integrityrisk.schema.Columns.DECISION_DATE;
import static org.integrityrisk.schema.Columns.DECISION_NOTE;
import static org.integrityrisk.schema.Columns.DIRECTION;
import static org.integrityrisk.schema.Columns.DIVISION_FLAGGED;
import static org.integrityrisk.schema.Columns.DIVISION_ID;
import static org.integrityrisk.schema.Columns.EVIDENCE;
import static org.integrityrisk.schema.Columns.EVIDENCE_AT_DECISION;
import static org.integrityrisk.schema.Columns.EVIDENCE_EXPECTED;
import static org.integrityrisk.schema.Columns.EVIDENCE_OBSERVED;
import static org.integrityrisk.schema.Columns.EXPECTED_ALIGNED_EVENTS;
import static org.integrityrisk.schema.Columns.FINDING_ID;
import static org.integrityrisk.schema.Columns.FINDING_IDS;
import static org.integrityrisk.schema.Columns.FIRST_SEEN;
import static org.integrityrisk.schema.Columns.FLAGGED;
import static org.integrityrisk.schema.Columns.GROUPS;
import static org.integrityrisk.schema.Columns.GROUP_ID;
import static org.integrityrisk.schema.Columns.KIND;
import static org.integrityrisk.schema.Columns.LOCAL_DATE;
import static org.integrityrisk.schema.Columns.LOCAL_SECOND_OF_DAY;
import static org.integrityrisk.schema.Columns.MEMBERS_PRESENT;
import static org.integrityrisk.schema.Columns.OFFICERS_FLAGGED;
import static org.integrityrisk.schema.Columns.OFFICER_ID;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.P_VALUE;
import static org.integrityrisk.schema.Columns.Q_VALUE;
import static org.integrityrisk.schema.Columns.RAISED;
import static org.integrityrisk.schema.Columns.RECORD_ID;
import static org.integrityrisk.schema.Columns.REVIEW_STATUS;
import static org.integrityrisk.schema.Columns.ROLE;
import static org.integrityrisk.schema.Columns.RUNS_SEEN;
import static org.integrityrisk.schema.Columns.RUN_DATE;
import static org.integrityrisk.schema.Columns.SHIFT_END_LOCAL;
import static org.integrityrisk.schema.Columns.SHIFT_ID;
import static org.integrityrisk.schema.Columns.SHIFT_IDS;
import static org.integrityrisk.schema.Columns.SHIFT_START_LOCAL;
import static org.integrityrisk.schema.Columns.STATISTICALLY_FLAGGED;
import static org.integrityrisk.schema.Columns.STRONGEST_GROUP_ID;
import static org.integrityrisk.schema.Columns.UNIT_KIND;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.review.FindingShifts;
import org.integrityrisk.schema.OutputTable;

/**
 * What the case report shows, gathered from the run's tables with Spark and held as plain
 * records: the findings (a few per run), the watch list's counts, and for the first
 * {@value #DETAILED_FINDINGS} findings their shifts, their groups (size and members) and
 * crossings, the officers tested against the same groups, the crossings behind each
 * finding's case records and at most {@value #RECORDS_PER_FINDING} case records each, one
 * row per record however many of the finding's groups it belongs to. Each section is one
 * query per table: a run may raise dozens of findings, and a Spark job per finding and
 * table would take longer than the run's own writes.
 *
 * <p>Every record reads its rows by the names its select gives them, in a {@code from(Row)}
 * next to that select; {@link CaseReportPage} turns the records into the page without Spark.
 *
 * @param findings every finding of the run, raised first, then by q, p and id
 * @param watchList flags per port and division in the last runs
 * @param shifts the detailed findings' shifts by finding id, the division's before the finding's own
 * @param events the detailed findings' groups' crossings by group and port, in time order
 * @param groups the detailed findings' groups by id
 * @param officerTests every officer's test against a group of a detailed finding, by p value
 * @param cases the first case records of each detailed finding, by finding id
 * @param caseCounts all case records of each detailed finding, by finding id
 * @param recordCrossings the crossings ({@code basket_id}) behind each detailed finding's case records, by group
 */
public record CaseEvidence(List<Finding> findings, WatchSummary watchList, Map<String, List<Shift>> shifts,
    Map<GroupAtPort, List<GroupEvent>> events, Map<String, GroupInfo> groups, List<OfficerTest> officerTests,
    Map<String, List<CaseRecord>> cases, Map<String, Long> caseCounts,
    Map<String, Map<String, Set<String>>> recordCrossings, List<Lead> leads) {

  static final int DETAILED_FINDINGS = 50;
  /** The strongest tests that were not flagged, shown so a near miss is seen for what it is. */
  static final int LEADS_BELOW_THE_BAR = 5;
  static final int RECORDS_PER_FINDING = 200;
  static final int WATCH_RUNS = 10;

  private static final String DAY = "yyyy-MM-dd";
  private static final String LOCAL = "yyyy-MM-dd'T'HH:mm:ss";
  private static final String UTC_TIME = "yyyy-MM-dd HH:mm:ss";

  public CaseEvidence {
    findings = List.copyOf(findings);
    shifts = Map.copyOf(shifts);
    events = Map.copyOf(events);
    groups = Map.copyOf(groups);
    officerTests = List.copyOf(officerTests);
    cases = Map.copyOf(cases);
    caseCounts = Map.copyOf(caseCounts);
    Map<String, Map<String, Set<String>>> crossings = new TreeMap<>();
    recordCrossings.forEach((finding, byGroup) -> {
      Map<String, Set<String>> copied = new TreeMap<>();
      byGroup.forEach((group, baskets) -> copied.put(group, Set.copyOf(baskets)));
      crossings.put(finding, Collections.unmodifiableMap(copied));
    });
    recordCrossings = Collections.unmodifiableMap(crossings);
    leads = List.copyOf(leads);
  }

  /**
   * Evidence from rows as their queries return them: shifts, events and case records are
   * grouped by finding (or group and port) in the order given.
   */
  public static CaseEvidence of(List<Finding> findings, WatchSummary watchList, List<Shift> shifts,
      List<GroupEvent> events, List<GroupInfo> groups, List<OfficerTest> officerTests, List<CaseRecord> cases,
      Map<String, Long> caseCounts, List<RecordCrossing> recordCrossings, List<Lead> leads) {
    Map<String, GroupInfo> byId = new TreeMap<>();
    groups.forEach(g -> byId.put(g.groupId(), g));
    Map<String, Map<String, Set<String>>> crossings = new TreeMap<>();
    recordCrossings.forEach(c -> crossings.computeIfAbsent(c.findingId(), k -> new TreeMap<>())
        .computeIfAbsent(c.groupId(), k -> new TreeSet<>()).add(c.basketId()));
    return new CaseEvidence(findings, watchList, byKey(shifts, Shift::findingId),
        byKey(events, e -> new GroupAtPort(e.groupId(), e.portId())), byId, officerTests,
        byKey(cases, CaseRecord::findingId), caseCounts, crossings, leads);
  }

  /** The findings shown in full, the first {@value #DETAILED_FINDINGS}. */
  public List<Finding> detailed() {
    return findings.subList(0, Math.min(DETAILED_FINDINGS, findings.size()));
  }

  public List<Shift> shiftsOf(String findingId) {
    return shifts.getOrDefault(findingId, List.of());
  }

  public List<GroupEvent> eventsOf(String groupId, String portId) {
    return events.getOrDefault(new GroupAtPort(groupId, portId), List.of());
  }

  /** The large groups of the run (found before mining), by id. */
  public List<GroupInfo> largeGroups() {
    return groups.values().stream().filter(GroupInfo::largeGroup).toList();
  }

  /** A group's crossings at every port, in time order per port. */
  public List<GroupEvent> eventsOf(String groupId) {
    return events.entrySet().stream().filter(e -> e.getKey().groupId().equals(groupId))
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(GroupAtPort::portId)))
        .flatMap(e -> e.getValue().stream()).toList();
  }

  /** A group of a detailed finding; empty when the suspect_groups table does not hold it. */
  public java.util.Optional<GroupInfo> group(String groupId) {
    return java.util.Optional.ofNullable(groups.get(groupId));
  }

  public List<CaseRecord> casesOf(String findingId) {
    return cases.getOrDefault(findingId, List.of());
  }

  public long caseCountOf(String findingId) {
    return caseCounts.getOrDefault(findingId, 0L);
  }

  /** The crossings behind a finding's case records, of all its groups. */
  public Set<String> recordCrossingsOf(String findingId) {
    Set<String> all = new TreeSet<>();
    recordCrossings.getOrDefault(findingId, Map.of()).values().forEach(all::addAll);
    return all;
  }

  /** The crossings behind a finding's case records that one of its groups made. */
  public Set<String> recordCrossingsOf(String findingId, String groupId) {
    return recordCrossings.getOrDefault(findingId, Map.of()).getOrDefault(groupId, Set.of());
  }

  /** @param tables this run's output tables */
  public static CaseEvidence gather(Function<OutputTable, Dataset<Row>> tables) {
    List<Finding> findings = Finding.select(tables.apply(OutputTable.FINDINGS)).collectAsList().stream()
        .map(Finding::from).toList();
    WatchSummary watchList = WatchSummary.gather(tables.apply(OutputTable.WATCH_LIST));
    List<Finding> detailed = findings.subList(0, Math.min(DETAILED_FINDINGS, findings.size()));
    List<String> ids = detailed.stream().map(Finding::findingId).toList();
    TreeSet<String> groupIds = new TreeSet<>();
    detailed.forEach(f -> groupIds.addAll(f.groups()));
    // Large groups are few (a shuttle, a coach); the page names them whether or not they are leads.
    groupIds.addAll(GroupInfo.large(tables.apply(OutputTable.SUSPECT_GROUPS)));
    List<Lead> leads = Lead.select(tables.apply(OutputTable.ALIGNMENT_TESTS)).collectAsList().stream()
        .map(Lead::from).toList();
    if (groupIds.isEmpty()) {
      return of(findings, watchList, List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(),
          leads);
    }
    List<Shift> shifts = Shift.select(tables.apply(OutputTable.FINDING_SHIFTS), ids).collectAsList().stream()
        .map(Shift::from).toList();
    List<GroupEvent> events = GroupEvent.select(tables.apply(OutputTable.GROUP_EVENTS), groupIds).collectAsList()
        .stream().map(GroupEvent::from).toList();
    List<GroupInfo> groups = GroupInfo.select(tables.apply(OutputTable.SUSPECT_GROUPS), groupIds).collectAsList()
        .stream().map(GroupInfo::from).toList();
    List<OfficerTest> officerTests = OfficerTest.select(tables.apply(OutputTable.ALIGNMENT_TESTS), groupIds)
        .collectAsList().stream().map(OfficerTest::from).toList();
    Dataset<Row> backing = CaseRecord.backing(tables.apply(OutputTable.FLAGGED_CASES), ids);
    Map<String, Long> caseCounts = new TreeMap<>();
    CaseRecord.counts(backing).collectAsList()
        .forEach(r -> caseCounts.put(r.getAs(CaseRecord.FINDING), r.getAs(CaseRecord.RECORDS)));
    List<CaseRecord> cases = CaseRecord.select(backing).collectAsList().stream().map(CaseRecord::from).toList();
    List<RecordCrossing> crossings = RecordCrossing.select(backing).collectAsList().stream()
        .map(RecordCrossing::from).toList();
    return of(findings, watchList, shifts, events, groups, officerTests, cases, caseCounts, crossings, leads);
  }

  /** Groups rows by key, keeping their order within each key. */
  private static <K, V> Map<K, List<V>> byKey(List<V> rows, Function<V, K> key) {
    Map<K, List<V>> grouped = new HashMap<>();
    rows.forEach(r -> grouped.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    grouped.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return grouped;
  }

  /** A list column as an unmodifiable copy; null stays null. */
  private static List<String> strings(Row r, String column) {
    List<String> values = r.getList(r.fieldIndex(column));
    return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** A column the table may lack (a run without clearing data has no clearing figures): null when it does. */
  private static Column optional(Dataset<Row> rows, String column, String type) {
    return Arrays.asList(rows.columns()).contains(column) ? col(column) : lit(null).cast(type).as(column);
  }

  /**
   * One officer or division finding, as the page lists it.
   *
   * @param alignedEvents and {@code expectedAlignedEvents}: the duty figures, over the finding's flagged tests
   * @param evidenceObserved and {@code evidenceExpected}: the figures of the signal that carried the strongest
   *     test ({@code evidence}, against {@code strongestGroupId})
   * @param caseRecords distinct clearance records behind the finding, {@code crossings} the crossings they
   *     make (each counted once, however many of the finding's groups made it)
   * @param memberCount distinct travellers over the finding's groups
   * @param leadId the finding this one is shown under; its own id when it stands alone
   * @param firstSeen and {@code decidedOn}: dates as the page prints them
   */
  public record Finding(String findingId, String kind, String officerId, String divisionId, String portId,
      List<String> groups, Integer alignedEvents, Double expectedAlignedEvents, Double pValue, Double qValue,
      String evidence, Integer evidenceObserved, Double evidenceExpected, String strongestGroupId,
      Integer caseRecords, Integer crossings, Integer memberCount, String leadId, boolean raised,
      String reviewStatus, String firstSeen, Integer runsSeen, String decision, String decidedOn,
      String decisionNote, Integer evidenceAtDecision) {
    private static final String FIRST = "_first";
    private static final String DECIDED = "_decided";

    /** Whether this finding is shown as a lead of its own rather than under another. */
    public boolean standsAlone() {
      return leadId == null || leadId.equals(findingId);
    }

    /** Raised findings first, then the strongest. */
    static Dataset<Row> select(Dataset<Row> findings) {
      return findings
          .select(col(FINDING_ID), col(KIND), col(OFFICER_ID), col(DIVISION_ID), col(PORT_ID), col(GROUPS),
              col(ALIGNED_EVENTS), col(EXPECTED_ALIGNED_EVENTS), col(P_VALUE), col(Q_VALUE), col(EVIDENCE),
              col(EVIDENCE_OBSERVED), col(EVIDENCE_EXPECTED), col(STRONGEST_GROUP_ID), col(CASE_RECORDS),
              col(CROSSINGS), col(MEMBER_COUNT), col(LEAD_ID), col(RAISED), col(REVIEW_STATUS),
              date_format(col(FIRST_SEEN), DAY).as(FIRST), col(RUNS_SEEN), col(DECISION),
              date_format(col(DECISION_DATE), DAY).as(DECIDED), col(DECISION_NOTE), col(EVIDENCE_AT_DECISION))
          .orderBy(col(RAISED).desc(), col(Q_VALUE), col(P_VALUE), col(FINDING_ID));
    }

    static Finding from(Row r) {
      return new Finding(r.getAs(FINDING_ID), r.getAs(KIND), r.getAs(OFFICER_ID), r.getAs(DIVISION_ID),
          r.getAs(PORT_ID), strings(r, GROUPS), r.getAs(ALIGNED_EVENTS), r.getAs(EXPECTED_ALIGNED_EVENTS),
          r.getAs(P_VALUE), r.getAs(Q_VALUE), r.getAs(EVIDENCE), r.getAs(EVIDENCE_OBSERVED),
          r.getAs(EVIDENCE_EXPECTED), r.getAs(STRONGEST_GROUP_ID), r.getAs(CASE_RECORDS), r.getAs(CROSSINGS),
          r.getAs(MEMBER_COUNT), r.getAs(LEAD_ID), r.<Boolean>getAs(RAISED), r.getAs(REVIEW_STATUS),
          r.getAs(FIRST), r.getAs(RUNS_SEEN), r.getAs(DECISION), r.getAs(DECIDED), r.getAs(DECISION_NOTE),
          r.getAs(EVIDENCE_AT_DECISION));
    }
  }

  /**
   * Flags per run for each {@code port / division}: its raised leads, each pattern once (runs
   * written before leads were counted: officers flagged plus one when the division itself is).
   *
   * @param runs how many runs the watch list holds
   * @param recentRuns the last {@value #WATCH_RUNS} run dates, oldest first
   * @param totals flags in all runs, by port and division
   * @param cells flags in each recent run, by port and division, then run date
   */
  public record WatchSummary(long runs, List<String> recentRuns, Map<String, Integer> totals,
      Map<String, Map<String, Integer>> cells) {
    private static final String RUN = "d";
    private static final String UNIT = "unit";
    private static final String FLAGS = "flags";
    private static final String ALL_RUNS = "_all";

    public WatchSummary {
      recentRuns = List.copyOf(recentRuns);
      totals = Map.copyOf(totals);
      Map<String, Map<String, Integer>> copied = new HashMap<>();
      cells.forEach((unit, byRun) -> copied.put(unit, Map.copyOf(byRun)));
      cells = Map.copyOf(copied);
    }

    static WatchSummary gather(Dataset<Row> watchList) {
      Dataset<Row> watch = watchList.select(date_format(col(RUN_DATE), DAY).as(RUN),
          concat_ws(" / ", col(PORT_ID), col(DIVISION_ID)).as(UNIT),
          coalesce(optional(watchList, LEADS_RAISED, "int"),
              col(OFFICERS_FLAGGED).plus(when(col(DIVISION_FLAGGED), 1).otherwise(0))).as(FLAGS));
      long runs = watch.select(RUN).distinct().count();
      List<String> recent = new ArrayList<>(watch.select(RUN).distinct().orderBy(col(RUN).desc()).limit(WATCH_RUNS)
          .as(Encoders.STRING()).collectAsList());
      Collections.reverse(recent);
      Map<String, Integer> totals = new TreeMap<>();
      watch.groupBy(UNIT).agg(sum(FLAGS).cast("int").as(ALL_RUNS)).collectAsList()
          .forEach(r -> totals.put(r.getAs(UNIT), r.<Integer>getAs(ALL_RUNS)));
      Map<String, Map<String, Integer>> cells = new TreeMap<>();
      watch.filter(col(RUN).isin(recent.toArray())).collectAsList()
          .forEach(r -> cells.computeIfAbsent(r.getAs(UNIT), k -> new TreeMap<>())
              .merge(r.getAs(RUN), r.<Integer>getAs(FLAGS), Integer::sum));
      return new WatchSummary(runs, recent, totals, cells);
    }
  }

  /** A shift behind a finding: {@code role} is {@link FindingShifts#FINDING} for its own, else the division's. */
  public record Shift(String findingId, String role, String shiftId, String officerId, LocalDateTime start,
      LocalDateTime end) {
    private static final String START = "_start";
    private static final String END = "_end";

    static Dataset<Row> select(Dataset<Row> findingShifts, List<String> findingIds) {
      return findingShifts.filter(col(FINDING_ID).isin(findingIds.toArray()))
          // The division's shifts first, so the finding's own shifts are drawn over them.
          .orderBy(col(FINDING_ID), col(ROLE).equalTo(FindingShifts.FINDING), col(SHIFT_START_LOCAL), col(SHIFT_ID))
          .select(col(FINDING_ID), col(ROLE), col(SHIFT_ID), col(OFFICER_ID),
              date_format(col(SHIFT_START_LOCAL), LOCAL).as(START), date_format(col(SHIFT_END_LOCAL), LOCAL).as(END));
    }

    static Shift from(Row r) {
      return new Shift(r.getAs(FINDING_ID), r.getAs(ROLE), r.getAs(SHIFT_ID), r.getAs(OFFICER_ID),
          LocalDateTime.parse(r.getAs(START)), LocalDateTime.parse(r.getAs(END)));
    }
  }

  /** Where a group's crossings are looked up: a finding draws its groups' crossings at its port. */
  public record GroupAtPort(String groupId, String portId) {}

  /**
   * One crossing of a group, at a port-local date and second of the day.
   *
   * @param basketId the crossing, as the case records name it
   */
  public record GroupEvent(String groupId, String portId, String basketId, String direction, LocalDate localDate,
      Long localSecondOfDay, Long membersPresent) {
    private static final String DATE = "_date";

    static Dataset<Row> select(Dataset<Row> groupEvents, TreeSet<String> groups) {
      return groupEvents.filter(col(GROUP_ID).isin(groups.toArray()))
          .orderBy(GROUP_ID, LOCAL_DATE, LOCAL_SECOND_OF_DAY)
          .select(col(GROUP_ID), col(BASKET_ID), col(DIRECTION), date_format(col(LOCAL_DATE), DAY).as(DATE),
              col(LOCAL_SECOND_OF_DAY), col(MEMBERS_PRESENT), col(PORT_ID));
    }

    static GroupEvent from(Row r) {
      String date = r.getAs(DATE);
      return new GroupEvent(r.getAs(GROUP_ID), r.getAs(PORT_ID), r.getAs(BASKET_ID), r.getAs(DIRECTION),
          date == null ? null : LocalDate.parse(date), longValue(r.getAs(LOCAL_SECOND_OF_DAY)),
          longValue(r.getAs(MEMBERS_PRESENT)));
    }

    private static Long longValue(Number n) {
      return n == null ? null : n.longValue();
    }
  }

  /**
   * A group behind a finding: how many travellers, whether it was found as a large group
   * before mining, and its members' pseudonyms (to tell which groups are nested in which).
   */
  public record GroupInfo(String groupId, int size, boolean largeGroup, List<String> members) {
    public GroupInfo {
      members = List.copyOf(members);
    }

    static Dataset<Row> select(Dataset<Row> suspectGroups, TreeSet<String> groups) {
      return suspectGroups.filter(col(GROUP_ID).isin(groups.toArray()))
          .select(col(GROUP_ID), col(SIZE), coalesce(col(LARGE_GROUP), lit(false)).as(LARGE_GROUP), col(MEMBERS));
    }

    /** The ids of the groups found as large groups before mining. */
    static List<String> large(Dataset<Row> suspectGroups) {
      return suspectGroups.filter(coalesce(col(LARGE_GROUP), lit(false))).select(GROUP_ID).orderBy(GROUP_ID)
          .as(Encoders.STRING()).collectAsList();
    }

    static GroupInfo from(Row r) {
      return new GroupInfo(r.getAs(GROUP_ID), r.<Number>getAs(SIZE).intValue(), r.<Boolean>getAs(LARGE_GROUP),
          strings(r, MEMBERS));
    }
  }

  /** A crossing behind a finding's case records, and the group that made it. */
  public record RecordCrossing(String findingId, String groupId, String basketId) {
    static Dataset<Row> select(Dataset<Row> backing) {
      return backing.select(col(CaseRecord.FINDING), col(GROUP_ID), col(BASKET_ID)).distinct();
    }

    static RecordCrossing from(Row r) {
      return new RecordCrossing(r.getAs(CaseRecord.FINDING), r.getAs(GROUP_ID), r.getAs(BASKET_ID));
    }
  }

  /**
   * One of the strongest tests that did not pass the false discovery control: a lead below
   * the bar, labelled as such, with the figures behind it.
   */
  public record Lead(String unitKind, String unitId, String groupId, String portId, Integer roundTrips,
      Integer alignedEvents, Double expectedAlignedEvents, Double pValue, Double qValue, String evidence,
      Integer evidenceObserved, Double evidenceExpected) {
    private static final String WEIGHTED = "_weighted_p";

    static Dataset<Row> select(Dataset<Row> alignmentTests) {
      return alignmentTests.filter(col(STATISTICALLY_FLAGGED).equalTo(lit(false)))
          .withColumn(WEIGHTED, col(P_VALUE).divide(col(WEIGHT)))
          .orderBy(col(Q_VALUE), col(WEIGHTED), col(UNIT_KIND), col(UNIT_ID), col(GROUP_ID))
          .limit(LEADS_BELOW_THE_BAR)
          .select(UNIT_KIND, UNIT_ID, GROUP_ID, PORT_ID, ROUND_TRIPS, ALIGNED_EVENTS, EXPECTED_ALIGNED_EVENTS,
              P_VALUE, Q_VALUE, EVIDENCE, EVIDENCE_OBSERVED, EVIDENCE_EXPECTED);
    }

    static Lead from(Row r) {
      return new Lead(r.getAs(UNIT_KIND), r.getAs(UNIT_ID), r.getAs(GROUP_ID), r.getAs(PORT_ID),
          r.getAs(ROUND_TRIPS), r.getAs(ALIGNED_EVENTS), r.getAs(EXPECTED_ALIGNED_EVENTS), r.getAs(P_VALUE),
          r.getAs(Q_VALUE), r.getAs(EVIDENCE), r.getAs(EVIDENCE_OBSERVED), r.getAs(EVIDENCE_EXPECTED));
    }
  }

  /**
   * An officer's test against a group, to compare the officers of a finding's division. The
   * clearing figures ({@code clearedEvents}, {@code expectedClearedEvents}) and the passages
   * they cleared and inspected are null without clearing data: each colleague can then be
   * shown with the same figure as the flagged officer, whatever carried their own test.
   */
  public record OfficerTest(String officerId, String groupId, Integer alignedEvents, Double expectedAlignedEvents,
      Double pValue, Double qValue, Boolean flagged, Boolean statisticallyFlagged, String divisionId,
      String portId, String evidence, Integer evidenceObserved, Double evidenceExpected, Integer clearedEvents,
      Double expectedClearedEvents, Integer recordsByOfficer, Integer inspectedByOfficer) {

    static Dataset<Row> select(Dataset<Row> alignmentTests, TreeSet<String> groups) {
      return alignmentTests
          .filter(col(UNIT_KIND).equalTo(lit(DutyRosters.OFFICER)).and(col(GROUP_ID).isin(groups.toArray())))
          .select(col(OFFICER_ID), col(GROUP_ID), col(ALIGNED_EVENTS), col(EXPECTED_ALIGNED_EVENTS), col(P_VALUE),
              col(Q_VALUE), col(FLAGGED), col(STATISTICALLY_FLAGGED), col(DIVISION_ID), col(PORT_ID), col(EVIDENCE),
              col(EVIDENCE_OBSERVED), col(EVIDENCE_EXPECTED), optional(alignmentTests, CLEARED_EVENTS, "int"),
              optional(alignmentTests, EXPECTED_CLEARED_EVENTS, "double"),
              optional(alignmentTests, RECORDS_BY_OFFICER, "int"),
              optional(alignmentTests, INSPECTED_BY_OFFICER, "int"))
          .orderBy(col(P_VALUE), col(OFFICER_ID), col(GROUP_ID));
    }

    static OfficerTest from(Row r) {
      return new OfficerTest(r.getAs(OFFICER_ID), r.getAs(GROUP_ID), r.getAs(ALIGNED_EVENTS),
          r.getAs(EXPECTED_ALIGNED_EVENTS), r.getAs(P_VALUE), r.getAs(Q_VALUE), r.getAs(FLAGGED),
          r.getAs(STATISTICALLY_FLAGGED), r.getAs(DIVISION_ID), r.getAs(PORT_ID), r.getAs(EVIDENCE),
          r.getAs(EVIDENCE_OBSERVED), r.getAs(EVIDENCE_EXPECTED), r.getAs(CLEARED_EVENTS),
          r.getAs(EXPECTED_CLEARED_EVENTS), r.getAs(RECORDS_BY_OFFICER), r.getAs(INSPECTED_BY_OFFICER));
    }
  }

  /**
   * A clearance record behind a finding, once however many of the finding's groups it
   * belongs to, with what is needed to ask for the footage of it.
   *
   * @param groups the finding's groups the record's crossing belongs to
   * @param crossedAt UTC, and {@code crossedAtLocal} the same instant on the port's clock, as the page prints them
   * @param clearedBy the officer the record names as having cleared it; null when the system does not record it
   * @param officerIds the flagged officers the record backs; empty when only the division is flagged for it
   * @param shiftIds the shifts it fell in: the flagged officer's, or for a division its officers' then
   */
  public record CaseRecord(String findingId, String recordId, List<String> groups, String direction, String crossedAt,
      String crossedAtLocal, String laneId, String vehicleId, String clearedBy, Boolean inspected, Boolean seizure,
      Integer membersPresent, List<String> officerIds, List<String> shiftIds) {
    static final String FINDING = "_fid";
    static final String RECORDS = "_records";
    private static final String NUMBER = "_n";
    private static final String CROSSED = "_crossed";
    private static final String CROSSED_LOCAL = "_crossed_local";
    private static final String OFFICERS = "_officers";
    private static final String SHIFTS = "_shifts";

    public CaseRecord {
      groups = List.copyOf(groups);
      officerIds = List.copyOf(officerIds);
      shiftIds = List.copyOf(shiftIds);
    }

    /** The flagged cases' rows once per finding they back, for the given findings. */
    static Dataset<Row> backing(Dataset<Row> flaggedCases, List<String> findingIds) {
      return flaggedCases.select(col("*"), explode(col(FINDING_IDS)).as(FINDING))
          .filter(col(FINDING).isin(findingIds.toArray()));
    }

    /** Distinct records per finding ({@link #FINDING}, {@link #RECORDS}). */
    static Dataset<Row> counts(Dataset<Row> backing) {
      return backing.groupBy(FINDING).agg(countDistinct(RECORD_ID).as(RECORDS));
    }

    /**
     * The first {@value CaseEvidence#RECORDS_PER_FINDING} records of each finding, by crossing
     * time, one row per record: a record of a ring's crossing is in the ring's events and in
     * each nested sub-group's.
     */
    static Dataset<Row> select(Dataset<Row> backing) {
      Dataset<Row> perRecord = backing.groupBy(col(FINDING), col(RECORD_ID)).agg(
          array_sort(collect_set(col(GROUP_ID))).as(GROUPS), min(col(DIRECTION)).as(DIRECTION),
          min(col(CROSSED_AT)).as(CROSSED_AT), min(col(CROSSED_AT_LOCAL)).as(CROSSED_AT_LOCAL),
          max(col(LANE_ID)).as(LANE_ID), max(col(VEHICLE_ID)).as(VEHICLE_ID), max(col(CLEARED_BY)).as(CLEARED_BY),
          max(col(INSPECTED)).as(INSPECTED), max(col(SEIZURE)).as(SEIZURE),
          max(col(MEMBERS_PRESENT)).cast("int").as(MEMBERS_PRESENT),
          array_sort(collect_set(col(OFFICER_ID))).as(OFFICERS),
          array_sort(array_distinct(flatten(collect_list(col(SHIFT_IDS))))).as(SHIFTS));
      return perRecord
          .withColumn(NUMBER, row_number().over(Window.partitionBy(FINDING).orderBy(CROSSED_AT, RECORD_ID)))
          .filter(col(NUMBER).leq(RECORDS_PER_FINDING)).orderBy(FINDING, NUMBER)
          .select(col(FINDING), col(RECORD_ID), col(GROUPS), col(DIRECTION),
              date_format(col(CROSSED_AT), UTC_TIME).as(CROSSED), date_format(col(CROSSED_AT_LOCAL), UTC_TIME)
                  .as(CROSSED_LOCAL), col(LANE_ID), col(VEHICLE_ID), col(CLEARED_BY), col(INSPECTED), col(SEIZURE),
              col(MEMBERS_PRESENT), col(OFFICERS), col(SHIFTS));
    }

    static CaseRecord from(Row r) {
      return new CaseRecord(r.getAs(FINDING), r.getAs(RECORD_ID), strings(r, GROUPS), r.getAs(DIRECTION),
          r.getAs(CROSSED), r.getAs(CROSSED_LOCAL), r.getAs(LANE_ID), r.getAs(VEHICLE_ID), r.getAs(CLEARED_BY),
          r.getAs(INSPECTED), r.getAs(SEIZURE), r.getAs(MEMBERS_PRESENT), strings(r, OFFICERS), strings(r, SHIFTS));
    }
  }
}
