package org.integrityrisk.schema;

import static org.integrityrisk.schema.Columns.*;

import java.util.List;
import org.apache.spark.sql.Dataset;

/**
 * The folders a run publishes: each one's name, and the columns the contract and the
 * README promise in it. Writers check a table against its promise before it is written,
 * so a renamed column fails the run that renamed it rather than a reader downstream (a
 * notebook, the next night's history, an investigator's query).
 */
public enum OutputTable {
  SUSPECT_GROUPS("suspect_groups", GROUP_ID, MEMBERS, CO_CROSSINGS, SIZE, PORTS, FIRST_CROSSING, LAST_CROSSING,
      EVENTS, ASSOCIATION_LIFT, ALL_CONFIDENCE, LARGE_GROUP, FLAGGED_WITH, FIRST_SEEN, LAST_SEEN, RUNS_SEEN, DECISION,
      DECISION_DATE, REVIEW_STATUS),
  OFFICER_RISK("officer_risk", OFFICER_ID, DIVISION_ID, PORTS, RISK_SCORE, FLAGGED, STATISTICALLY_FLAGGED,
      STRONGEST_GROUP_ID, STRONGEST_PORT_ID, ALIGNED_EVENTS, EXPECTED_ALIGNED_EVENTS, P_VALUE, Q_VALUE, EVIDENCE,
      EVIDENCE_OBSERVED, EVIDENCE_EXPECTED, GROUPS_TESTED, FLAGGED_GROUPS, FINDING_IDS),
  DIVISION_RISK("division_risk", DIVISION_ID, PORTS, RISK_SCORE, FLAGGED, STATISTICALLY_FLAGGED, STRONGEST_GROUP_ID,
      STRONGEST_PORT_ID, ALIGNED_EVENTS, EXPECTED_ALIGNED_EVENTS, P_VALUE, Q_VALUE, EVIDENCE, EVIDENCE_OBSERVED,
      EVIDENCE_EXPECTED, GROUPS_TESTED, FLAGGED_GROUPS, FINDING_IDS),
  FLAGGED_CASES("flagged_cases", RECORD_ID, GROUP_ID, OFFICER_ID, DIVISION_ID, PORT_ID, DIRECTION, CROSSED_AT,
      FLAGGED_FOR, FINDING_ID, FINDING_IDS, SHIFT_IDS, EVIDENCE, P_VALUE, Q_VALUE, CROSSED_AT_LOCAL, BASKET_ID,
      MEMBERS_PRESENT, LANE_ID, VEHICLE_ID, CLEARED_BY, INSPECTED, SEIZURE),
  ALIGNMENT_TESTS("alignment_tests", GROUP_ID, PORT_ID, UNIT_KIND, UNIT_ID, ALIGNED_EVENTS, EXPECTED_ALIGNED_EVENTS,
      P_VALUE, SMALLEST_P_VALUE, EVIDENCE, EVIDENCE_OBSERVED, EVIDENCE_EXPECTED, ROUND_TRIPS, SHORT_ROUND_TRIPS,
      WEIGHT, Q_VALUE, FLAGGED, STATISTICALLY_FLAGGED),
  FINDINGS("findings", FINDING_ID, KIND, OFFICER_ID, DIVISION_ID, PORT_ID, GROUPS, ALIGNED_EVENTS,
      EXPECTED_ALIGNED_EVENTS, P_VALUE, Q_VALUE, EVIDENCE, EVIDENCE_OBSERVED, EVIDENCE_EXPECTED, STRONGEST_GROUP_ID,
      LAST_ALIGNED_AT, CASE_RECORDS, CROSSINGS, MEMBER_COUNT, LEAD_ID, RAISED, REVIEW_STATUS, FIRST_SEEN, LAST_SEEN,
      RUNS_SEEN, DECISION, DECISION_DATE,
      DECISION_NOTE, EVIDENCE_AT_DECISION, GROUPS_AT_DECISION, EVIDENCE_GREW),
  FINDING_SHIFTS("finding_shifts", FINDING_ID, ROLE, SHIFT_ID, OFFICER_ID, DIVISION_ID, PORT_ID, SHIFT_START,
      SHIFT_END, SHIFT_START_LOCAL, SHIFT_END_LOCAL),
  GROUP_EVENTS("group_events", GROUP_ID, BASKET_ID, PORT_ID, DIRECTION, EVENT_TIME, LOCAL_DATE, LOCAL_SECOND_OF_DAY,
      MEMBERS_PRESENT, RECORD_IDS),
  FINDING_HISTORY("finding_history", FINDING_ID, KIND, FIRST_SEEN, LAST_SEEN, RUNS_SEEN),
  FEEDBACK("feedback", FINDING_ID, DECISION, DECISION_DATE, NOTE, SOURCE, SOURCE_ROW, RECEIVED_RUN_DATE),
  WATCH_LIST("watch_list", RUN_DATE, PORT_ID, DIVISION_ID, OFFICERS_FLAGGED, DIVISION_FLAGGED, FINDINGS_RAISED,
      FINDINGS_NOT_RERAISED, LEADS_RAISED),
  QUARANTINE("quarantine", INPUT, REASON, FIELD, DETAIL, SOURCE_FILE, SOURCE_ROW, RECORD_KEY, COPIES, ORIGINAL_VALUES,
      RAW_RECORD);

  private final String folder;
  private final List<String> promised;

  OutputTable(String folder, String... promised) {
    this.folder = folder;
    this.promised = List.of(promised);
  }

  /** The folder under the run's folder, as readers name the table. */
  public String folder() {
    return folder;
  }

  /** The columns readers may rely on; tables may hold more. */
  public List<String> promised() {
    return promised;
  }

  /** @throws IllegalArgumentException naming the table and every promised column it lacks */
  public void check(Dataset<?> rows) {
    RequiredColumns.require("the " + folder + " output", "rows", rows, promised.toArray(String[]::new));
  }
}
