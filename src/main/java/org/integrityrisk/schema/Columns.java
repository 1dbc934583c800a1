package org.integrityrisk.schema;

/**
 * The name of every column that crosses a class boundary, declared once. A stage that
 * renames one of these changes it here, and every reader follows at compile time
 * instead of failing at run time on a name Spark cannot resolve.
 *
 * <p>Aliases that live inside one method (a join key renamed to avoid ambiguity, say)
 * stay private to their class; everything a second class reads is here.
 */
public final class Columns {
  private Columns() {}

  // Input columns, as the contract names them.
  public static final String RECORD_ID = "record_id";
  public static final String TRAVELLER_ID = "traveller_id";
  public static final String PORT_ID = "port_id";
  public static final String DIRECTION = "direction";
  public static final String CROSSED_AT = "crossed_at";
  public static final String LANE_ID = "lane_id";
  public static final String VEHICLE_ID = "vehicle_id";
  public static final String OFFICER_ID = "officer_id";
  public static final String INSPECTED = "inspected";
  public static final String SEIZURE = "seizure";
  public static final String SHIFT_ID = "shift_id";
  public static final String DIVISION_ID = "division_id";
  public static final String SHIFT_START = "shift_start";
  public static final String SHIFT_END = "shift_end";
  public static final String PORT_NAME = "name";
  public static final String TIMEZONE = "timezone";

  // What validation adds to every row: where it came from, and the pseudonym.
  public static final String TRAVELLER_PSEUDONYM = "traveller_pseudonym";
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_ROW = "source_row";

  // Port-local time, added by the run window.
  /** A crossing's time on the port's wall clock, added by the run window and kept in {@code flagged_cases}. */
  public static final String CROSSED_AT_LOCAL = "crossed_at_local";
  public static final String LOCAL_DATE = "local_date";
  public static final String LOCAL_SECOND_OF_DAY = "local_second_of_day";
  public static final String SHIFT_START_LOCAL = "shift_start_local";
  public static final String SHIFT_END_LOCAL = "shift_end_local";

  // Baskets, groups and their events.
  public static final String BASKET_ID = "basket_id";
  public static final String BASKET_IDS = "basket_ids";
  public static final String GROUP_ID = "group_id";
  public static final String MEMBERS = "members";
  public static final String CO_CROSSINGS = "co_crossings";
  public static final String LARGE_GROUP = "large_group";
  public static final String EVENT_TIME = "event_time";
  public static final String EVENTS = "events";
  public static final String MEMBERS_PRESENT = "members_present";
  public static final String RECORD_IDS = "record_ids";
  public static final String LAST_CROSSING = "last_crossing";
  public static final String PORTS = "ports";

  // Duty units (an officer or a division at a port) and the alignment tests.
  public static final String UNIT_KIND = "unit_kind";
  public static final String UNIT_ID = "unit_id";
  public static final String ALIGNED_EVENTS = "aligned_events";
  public static final String EXPECTED_ALIGNED_EVENTS = "expected_aligned_events";
  /** A group's trips out and back within {@code round-trip-hours} at the port (see GroupTrips). */
  public static final String ROUND_TRIPS = "round_trips";
  /** Those of a group's round trips that took at most {@code short-trip-hours}. */
  public static final String SHORT_ROUND_TRIPS = "short_round_trips";
  /** A test's share of the false discovery budget, relative to the mean test (see TestWeights). */
  public static final String WEIGHT = "weight";
  public static final String ALIGNED_BASKET_IDS = "aligned_basket_ids";
  public static final String CLEARED_BASKET_IDS = "cleared_basket_ids";
  public static final String CASE_BASKET_IDS = "case_basket_ids";
  public static final String CLEARING_P_VALUE = "clearing_p_value";
  public static final String CLEARING_SMALLEST_P_VALUE = "clearing_smallest_p_value";
  public static final String INSPECTION_P_VALUE = "inspection_p_value";
  public static final String INSPECTION_SMALLEST_P_VALUE = "inspection_smallest_p_value";
  // The clearing officer tests' figures (see ClearingEvidence). The first two kept the names
  // they had when the unit was the event: they now count clearances.
  public static final String CLEARED_EVENTS = "cleared_events";
  public static final String EXPECTED_CLEARED_EVENTS = "expected_cleared_events";
  /** The group's passages (one event cleared by one officer) cleared by the officer. */
  public static final String RECORDS_BY_OFFICER = "records_by_officer";
  public static final String INSPECTED_BY_OFFICER = "inspected_by_officer";
  /** The group's passages at the port cleared by the other officers. */
  public static final String RECORDS_BY_OTHERS = "records_by_others";
  public static final String INSPECTED_BY_OTHERS = "inspected_by_others";
  /**
   * The observed and expected figures of the signal that carried a test's p-value, the one
   * {@link #EVIDENCE} names (see CombinedEvidence for what each counts): a p-value carried by
   * who cleared the group must be read next to the clearances, not the duty figures.
   */
  public static final String EVIDENCE_OBSERVED = "evidence_observed";
  public static final String EVIDENCE_EXPECTED = "evidence_expected";
  public static final String P_VALUE = "p_value";
  public static final String SMALLEST_P_VALUE = "smallest_p_value";
  public static final String Q_VALUE = "q_value";
  public static final String EVIDENCE = "evidence";
  public static final String FLAGGED = "flagged";
  public static final String STATISTICALLY_FLAGGED = "statistically_flagged";

  // Risk tables, findings and the cases behind them.
  public static final String RISK_SCORE = "risk_score";
  public static final String STRONGEST_GROUP_ID = "strongest_group_id";
  public static final String FINDING_ID = "finding_id";
  public static final String FINDING_IDS = "finding_ids";
  public static final String KIND = "kind";
  public static final String GROUPS = "groups";
  public static final String RAISED = "raised";
  public static final String SHIFT_IDS = "shift_ids";
  public static final String ROLE = "role";
  /** In {@code findings}: distinct travellers over the finding's groups. */
  public static final String MEMBER_COUNT = "member_count";
  /** In {@code findings}: distinct crossings behind the finding's case records (a crossing is a co-travel basket). */
  public static final String CROSSINGS = "crossings";
  /**
   * In {@code findings}: the finding this one is shown under, its own id when it stands alone;
   * a division finding most of whose crossings are one flagged officer's is that officer's.
   */
  public static final String LEAD_ID = "lead_id";
  /** In {@code flagged_cases}: the officer the clearance record names as having cleared it. */
  public static final String CLEARED_BY = "cleared_by";

  // Review: what earlier runs saw and what investigators decided.
  public static final String RUN_DATE = "run_date";
  public static final String REVIEW_STATUS = "review_status";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String RUNS_SEEN = "runs_seen";
  public static final String LAST_EVENT_AT = "last_event_at";
  public static final String DECISION = "decision";
  public static final String DECISION_DATE = "decision_date";
  public static final String DECISION_NOTE = "decision_note";
  public static final String NOTE = "note";
  public static final String EVIDENCE_EVENTS = "evidence_events";
  public static final String EVIDENCE_AT_DECISION = "evidence_at_decision";
  public static final String GROUPS_AT_DECISION = "groups_at_decision";
  public static final String EVIDENCE_GREW = "evidence_grew";
  public static final String OFFICERS_FLAGGED = "officers_flagged";
  public static final String DIVISION_FLAGGED = "division_flagged";
  public static final String FINDINGS_RAISED = "findings_raised";
  /** In {@code watch_list}: raised findings that stand as their own lead (a division shown under an officer counts once). */
  public static final String LEADS_RAISED = "leads_raised";

  // Quarantine.
  public static final String INPUT = "input";
  public static final String REASON = "reason";
  public static final String FIELD = "field";
  public static final String DETAIL = "detail";
  public static final String COPIES = "copies";

  // Further columns the published tables promise.
  /** In {@code watch_list}: the division's findings held back by a dismissal. */
  public static final String FINDINGS_NOT_RERAISED = "findings_not_reraised";
  /** In {@code feedback}: the feedback file a decision was first received in. */
  public static final String SOURCE = "source";
  /** In {@code feedback}: the date of the run that first received a decision. */
  public static final String RECEIVED_RUN_DATE = "received_run_date";
  /** In {@code findings}: the latest aligned crossing behind the finding. */
  public static final String LAST_ALIGNED_AT = "last_aligned_at";
  /** In {@code findings}: the distinct clearance records in {@code flagged_cases} that back the finding. */
  public static final String CASE_RECORDS = "case_records";
  /** The units whose tests on a group passed false discovery control, as {@code kind:id}. */
  public static final String FLAGGED_WITH = "flagged_with";
  /** Quarantine: the row's id (record, shift or port id) when it can be trusted, else null. */
  public static final String RECORD_KEY = "record_key";
  /** Quarantine: the source's columns as a map from header name to text. */
  public static final String ORIGINAL_VALUES = "original_values";
  /** Quarantine: the raw text of a malformed record (never for clearances). */
  public static final String RAW_RECORD = "raw_record";
  /** The groups whose tests against the officer or division were flagged. */
  public static final String FLAGGED_GROUPS = "flagged_groups";
  /** The port of the strongest test of an officer or division. */
  public static final String STRONGEST_PORT_ID = "strongest_port_id";
  /** How many groups were tested against the officer or division. */
  public static final String GROUPS_TESTED = "groups_tested";
  /** The kind of unit whose flag the row came from ({@code officer} or {@code division}). */
  public static final String FLAGGED_FOR = "flagged_for";
  /** How many members the group has. */
  public static final String SIZE = "size";
  /** Co-crossings over what independent members would produce by chance. */
  public static final String ASSOCIATION_LIFT = "association_lift";
  /** The share of the busiest member's crossings made with the group. */
  public static final String ALL_CONFIDENCE = "all_confidence";
  /** A group's first event. */
  public static final String FIRST_CROSSING = "first_crossing";
}
