package org.integrityrisk.review;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.integrityrisk.schema.Columns.ALIGNED_BASKET_IDS;
import static org.integrityrisk.schema.Columns.ALIGNED_EVENTS;
import static org.integrityrisk.schema.Columns.BASKET_ID;
import static org.integrityrisk.schema.Columns.CASE_BASKET_IDS;
import static org.integrityrisk.schema.Columns.CASE_RECORDS;
import static org.integrityrisk.schema.Columns.CROSSINGS;
import static org.integrityrisk.schema.Columns.FLAGGED_FOR;
import static org.integrityrisk.schema.Columns.LEAD_ID;
import static org.integrityrisk.schema.Columns.MEMBERS;
import static org.integrityrisk.schema.Columns.MEMBER_COUNT;
import static org.integrityrisk.schema.Columns.DECISION;
import static org.integrityrisk.schema.Columns.DECISION_DATE;
import static org.integrityrisk.schema.Columns.DECISION_NOTE;
import static org.integrityrisk.schema.Columns.DIVISION_ID;
import static org.integrityrisk.schema.Columns.EVENTS;
import static org.integrityrisk.schema.Columns.EVENT_TIME;
import static org.integrityrisk.schema.Columns.EVIDENCE;
import static org.integrityrisk.schema.Columns.EVIDENCE_AT_DECISION;
import static org.integrityrisk.schema.Columns.EVIDENCE_EVENTS;
import static org.integrityrisk.schema.Columns.EVIDENCE_EXPECTED;
import static org.integrityrisk.schema.Columns.EVIDENCE_GREW;
import static org.integrityrisk.schema.Columns.EVIDENCE_OBSERVED;
import static org.integrityrisk.schema.Columns.EXPECTED_ALIGNED_EVENTS;
import static org.integrityrisk.schema.Columns.FINDING_ID;
import static org.integrityrisk.schema.Columns.FINDING_IDS;
import static org.integrityrisk.schema.Columns.FIRST_SEEN;
import static org.integrityrisk.schema.Columns.FLAGGED;
import static org.integrityrisk.schema.Columns.GROUPS;
import static org.integrityrisk.schema.Columns.GROUPS_AT_DECISION;
import static org.integrityrisk.schema.Columns.GROUP_ID;
import static org.integrityrisk.schema.Columns.KIND;
import static org.integrityrisk.schema.Columns.LAST_ALIGNED_AT;
import static org.integrityrisk.schema.Columns.LAST_CROSSING;
import static org.integrityrisk.schema.Columns.LAST_EVENT_AT;
import static org.integrityrisk.schema.Columns.LAST_SEEN;
import static org.integrityrisk.schema.Columns.OFFICER_ID;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.P_VALUE;
import static org.integrityrisk.schema.Columns.Q_VALUE;
import static org.integrityrisk.schema.Columns.RAISED;
import static org.integrityrisk.schema.Columns.RECORD_ID;
import static org.integrityrisk.schema.Columns.REVIEW_STATUS;
import static org.integrityrisk.schema.Columns.RUNS_SEEN;
import static org.integrityrisk.schema.Columns.STATISTICALLY_FLAGGED;
import static org.integrityrisk.schema.Columns.STRONGEST_GROUP_ID;
import static org.integrityrisk.schema.Columns.UNIT_ID;
import static org.integrityrisk.schema.Columns.UNIT_KIND;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.schema.OutputTable;
import org.integrityrisk.scoring.FlaggedCases;
import org.integrityrisk.scoring.RiskTables;
import org.integrityrisk.spark.Persisted;

/**
 * Turns the tested alignments into what investigators work from: findings with ids that
 * last across runs and their history, the investigators' decisions applied, the risk
 * tables and flagged cases of what is raised for review, the shifts and group crossings
 * behind every finding, and the watch list.
 *
 * <p>A finding is one officer or one division at one port with at least one test that
 * passed the false discovery control. It is raised for review unless investigators
 * dismissed it and its evidence has not grown since.
 *
 * <p>One pattern is one lead. A finding's figures count each crossing once, however many of
 * its groups (a ring and its nested sub-groups) share it ({@code crossings}), and its
 * travellers once ({@code member_count}). A division finding more than half of whose
 * crossings one flagged officer's flag also carries is that officer's pattern seen from the
 * division: it is shown under the officer's lead ({@code lead_id}) and counted once in the
 * watch list, so the page does not cast the officer's pattern on colleagues the officer's own
 * test clears.
 */
public final class InvestigatorView {
  public static final String GROUP = "group";

  // Aliases that live inside apply: the last aligned event's keys, the strongest test, join keys.
  private static final String LAST_FINDING = "_l_finding";
  private static final String LAST_GROUP = "_l_group";
  private static final String LAST_BASKET = "_l_basket";
  private static final String STRONGEST = "_strongest";
  private static final String FINDING_KEY = "_f";
  private static final String GROUP_KEY = "_g";
  private static final String MEMBER = "_member";
  private static final String CARRIER = "_carrier";
  private static final String SHARED = "_shared";
  private static final String RANK = "_rank";
  private static final String LEAD_KEY = "_lead";
  private static final String MEMBERS_KEY = "_members";
  private static final String LEFT = "left";

  private final SparkSession spark;
  private final LocalDate runDate;
  private final Persisted persisted;

  /** @param persisted owns what the view caches; the tables stay readable until it is closed */
  public InvestigatorView(SparkSession spark, LocalDate runDate, Persisted persisted) {
    this.spark = spark;
    this.runDate = runDate;
    this.persisted = persisted;
  }

  /**
   * @param tests tested alignments after false discovery control ({@code flagged})
   * @param groups the suspect groups with their event summary
   * @param units officers and divisions rostered in the window ({@link DutyRosters#UNIT_SCHEMA})
   * @param events group events
   * @param shifts the window's shifts
   * @param crossings the clearance records the tests read (one row per record, with its port-local time)
   * @param earlier what the latest earlier run handed on
   * @param feedback decisions read from this run's feedback file
   * @return the output tables, in the order they are written
   */
  public Map<OutputTable, Dataset<Row>> apply(Dataset<Row> tests, Dataset<Row> groups, Dataset<Row> units,
      Dataset<Row> events, Dataset<Row> shifts, Dataset<Row> crossings, EarlierRun earlier,
      List<FeedbackFile.Entry> feedback) {
    Dataset<Row> identified = tests.withColumn(FINDING_ID,
        FindingIds.of(col(UNIT_KIND), col(UNIT_ID), col(PORT_ID)));
    Dataset<Row> lastAligned = identified.filter(col(FLAGGED))
        .select(col(FINDING_ID).as(LAST_FINDING), col(GROUP_ID).as(LAST_GROUP),
            explode(col(CASE_BASKET_IDS)).as(LAST_BASKET))
        .join(events, col(LAST_GROUP).equalTo(events.col(GROUP_ID)).and(col(LAST_BASKET).equalTo(events.col(BASKET_ID))))
        .groupBy(LAST_FINDING).agg(max(EVENT_TIME).as(LAST_EVENT_AT));
    Dataset<Row> flaggedFindings = identified.filter(col(FLAGGED))
        .groupBy(col(FINDING_ID), col(UNIT_KIND).as(KIND), col(PORT_ID))
        .agg(max(OFFICER_ID).as(OFFICER_ID), max(DIVISION_ID).as(DIVISION_ID),
            sum(ALIGNED_EVENTS).cast("int").as(EVIDENCE_EVENTS),
            sum(EXPECTED_ALIGNED_EVENTS).as(EXPECTED_ALIGNED_EVENTS),
            array_sort(collect_set(GROUP_ID)).as(GROUPS),
            // The strongest test's figures of the signal that carried it ride along; the
            // fields after p and group never decide which test is the strongest.
            min(struct(col(P_VALUE), col(GROUP_ID), col(Q_VALUE), col(EVIDENCE), col(EVIDENCE_OBSERVED),
                col(EVIDENCE_EXPECTED))).as(STRONGEST))
        .join(lastAligned, col(FINDING_ID).equalTo(col(LAST_FINDING)), LEFT).drop(LAST_FINDING);
    Dataset<Row> groupEntries = groups.select(col(GROUP_ID).as(FINDING_ID), lit(GROUP).as(KIND),
        lit(null).cast("string").as(OFFICER_ID), lit(null).cast("string").as(DIVISION_ID),
        lit(null).cast("string").as(PORT_ID), col(EVENTS).cast("int").as(EVIDENCE_EVENTS),
        array(col(GROUP_ID)).as(GROUPS), col(LAST_CROSSING).as(LAST_EVENT_AT));
    Dataset<Row> entries = flaggedFindings.select(FindingReview.names(FindingReview.ENTRY_SCHEMA))
        .unionByName(groupEntries);

    Dataset<Row> decisions = FindingReview.mergeDecisions(spark, earlier.decisions(), feedback, runDate);
    FindingReview.Reviewed reviewed = new FindingReview(runDate).apply(entries, earlier.history(), decisions);
    // Several tables read each of these; re-rooting them keeps every write from redoing the review.
    Dataset<Row> current = persisted.freshPlan(reviewed.current());
    Dataset<Row> review = current.drop(KIND, EVIDENCE_EVENTS);

    Dataset<Row> findings = persisted.freshPlan(flaggedFindings.join(review, FINDING_ID)
        .select(col(FINDING_ID), col(KIND), col(OFFICER_ID), col(DIVISION_ID), col(PORT_ID),
            col(GROUPS), col(EVIDENCE_EVENTS).as(ALIGNED_EVENTS), col(EXPECTED_ALIGNED_EVENTS),
            strongest(P_VALUE).as(P_VALUE), strongest(Q_VALUE).as(Q_VALUE),
            strongest(EVIDENCE).as(EVIDENCE), strongest(EVIDENCE_OBSERVED).as(EVIDENCE_OBSERVED),
            strongest(EVIDENCE_EXPECTED).as(EVIDENCE_EXPECTED), strongest(GROUP_ID).as(STRONGEST_GROUP_ID),
            col(LAST_EVENT_AT).as(LAST_ALIGNED_AT),
            col(RAISED), col(REVIEW_STATUS), col(FIRST_SEEN), col(LAST_SEEN), col(RUNS_SEEN),
            col(DECISION), col(DECISION_DATE), col(DECISION_NOTE), col(EVIDENCE_AT_DECISION),
            col(GROUPS_AT_DECISION), col(EVIDENCE_GREW)));

    Dataset<Row> raisedTests = persisted.freshPlan(identified
        .join(findings.select(col(FINDING_ID).as(FINDING_KEY), col(RAISED)), col(FINDING_ID).equalTo(col(FINDING_KEY)),
            LEFT)
        .drop(FINDING_KEY)
        .withColumnRenamed(FLAGGED, STATISTICALLY_FLAGGED)
        .withColumn(FLAGGED, col(STATISTICALLY_FLAGGED).and(coalesce(col(RAISED), lit(false))))
        .drop(RAISED));
    Dataset<Row> cases = persisted.freshPlan(FlaggedCases.apply(raisedTests, events, shifts, crossings));
    Dataset<Row> backing = cases.select(col(RECORD_ID), col(BASKET_ID), col(FINDING_ID).as(CARRIER), col(FLAGGED_FOR),
        explode(col(FINDING_IDS)).as(FINDING_KEY));
    Dataset<Row> caseCounts = backing.groupBy(FINDING_KEY).agg(countDistinct(RECORD_ID).cast("int").as(CASE_RECORDS),
        countDistinct(BASKET_ID).cast("int").as(CROSSINGS));
    // An officer's row names the division's finding too: the crossings each officer's flag
    // carries for a division finding, the officer with the most of them first.
    Dataset<Row> carriedByOfficer = backing
        .filter(col(FLAGGED_FOR).equalTo(DutyRosters.OFFICER).and(col(FINDING_KEY).notEqual(col(CARRIER))))
        .groupBy(FINDING_KEY, CARRIER).agg(countDistinct(BASKET_ID).as(SHARED))
        .withColumn(RANK, row_number().over(Window.partitionBy(FINDING_KEY).orderBy(col(SHARED).desc(), col(CARRIER))))
        .filter(col(RANK).equalTo(1)).drop(RANK).withColumnRenamed(FINDING_KEY, LEAD_KEY);
    Dataset<Row> memberCounts = identified.filter(col(FLAGGED))
        .select(col(FINDING_ID).as(FINDING_KEY), col(GROUP_ID).as(GROUP_KEY)).distinct()
        .join(groups.select(col(GROUP_ID), explode(col(MEMBERS)).as(MEMBER)), col(GROUP_KEY).equalTo(col(GROUP_ID)))
        .groupBy(FINDING_KEY).agg(countDistinct(MEMBER).cast("int").as(MEMBER_COUNT))
        .withColumnRenamed(FINDING_KEY, MEMBERS_KEY);
    Dataset<Row> findingsWithCases = persisted.freshPlan(findings
        .join(caseCounts, col(FINDING_ID).equalTo(col(FINDING_KEY)), LEFT).drop(FINDING_KEY)
        .join(carriedByOfficer, col(FINDING_ID).equalTo(col(LEAD_KEY)), LEFT).drop(LEAD_KEY)
        .join(memberCounts, col(FINDING_ID).equalTo(col(MEMBERS_KEY)), LEFT).drop(MEMBERS_KEY)
        .withColumn(CASE_RECORDS, coalesce(col(CASE_RECORDS), lit(0)))
        .withColumn(CROSSINGS, coalesce(col(CROSSINGS), lit(0)))
        .withColumn(LEAD_ID, when(col(KIND).equalTo(DutyRosters.DIVISION)
            .and(col(SHARED).multiply(2).gt(col(CROSSINGS))), col(CARRIER)).otherwise(col(FINDING_ID)))
        .drop(CARRIER, SHARED));

    Dataset<Row> groupReview = current.filter(col(KIND).equalTo(GROUP))
        .select(col(FINDING_ID).as(GROUP_KEY), col(FIRST_SEEN), col(LAST_SEEN), col(RUNS_SEEN),
            col(DECISION), col(DECISION_DATE), col(REVIEW_STATUS));
    Dataset<Row> suspectGroups = groups.join(groupReview, col(GROUP_ID).equalTo(col(GROUP_KEY)), LEFT).drop(GROUP_KEY);

    Map<OutputTable, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put(OutputTable.SUSPECT_GROUPS, suspectGroups);
    tables.put(OutputTable.OFFICER_RISK, RiskTables.officers(raisedTests, units));
    tables.put(OutputTable.DIVISION_RISK, RiskTables.divisions(raisedTests, units));
    tables.put(OutputTable.FLAGGED_CASES, cases);
    tables.put(OutputTable.ALIGNMENT_TESTS, raisedTests.drop(ALIGNED_BASKET_IDS, CASE_BASKET_IDS));
    tables.put(OutputTable.FINDINGS, findingsWithCases);
    tables.put(OutputTable.FINDING_SHIFTS, FindingShifts.apply(findings, shifts));
    tables.put(OutputTable.GROUP_EVENTS, events);
    tables.put(OutputTable.FINDING_HISTORY, reviewed.history());
    tables.put(OutputTable.FEEDBACK, decisions);
    tables.put(OutputTable.WATCH_LIST, WatchList.apply(earlier.watchList(), units, findingsWithCases, runDate));
    return tables;
  }

  /** A field of the finding's strongest test, by the same dotted name Spark resolves. */
  private static Column strongest(String field) {
    return col(STRONGEST + "." + field);
  }
}
