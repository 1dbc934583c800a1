package org.integrityrisk.review;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FindingReviewTest {
  private static final LocalDate RUN = LocalDate.parse("2026-04-10");
  private static final Date BEFORE = Date.valueOf("2026-04-09");
  private final SparkSession spark = SharedSpark.get();
  private Map<String, Row> current;
  private Map<String, Row> history;
  private long unknown;

  private static final java.sql.Timestamp EARLY = java.sql.Timestamp.valueOf("2026-04-08 10:00:00");

  private static Row entry(String id, int evidence, String... groups) {
    return entry(id, evidence, EARLY, groups);
  }

  private static Row entry(String id, int evidence, java.sql.Timestamp last, String... groups) {
    return RowFactory.create(id, "officer", "OF-" + id, "DIV", "PORT", evidence, List.of(groups), last);
  }

  private static Row seen(String id, int evidence, List<String> groups, String decision, Date decided, Integer atDecision) {
    return RowFactory.create(id, "officer", "OF-" + id, "DIV", "PORT", Date.valueOf("2026-04-01"), BEFORE, 5,
        evidence, groups, EARLY, decision, decided, decision == null ? null : "", atDecision,
        atDecision == null ? null : groups);
  }

  private static Row decided(String id, String decision, String date, int row, Date received) {
    return RowFactory.create(id, decision, Date.valueOf(date), "", "file.csv", row, received);
  }

  @BeforeAll
  void review() {
    Dataset<Row> entries = spark.createDataFrame(List.of(
        entry("same", 10, "G1"), entry("more", 12, "G1"), entry("newgroup", 10, "G1", "G2"),
        entry("confirmed", 7, "G3"), entry("fresh", 4, "G4"), entry("future", 9, "G5"),
        entry("carried", 9, "G6"), entry("twice", 10, "G7"),
        entry("ongoing", 10, java.sql.Timestamp.valueOf("2026-04-10 07:30:00"), "G8")), FindingReview.ENTRY_SCHEMA);
    Dataset<Row> earlier = spark.createDataFrame(List.of(
        seen("same", 10, List.of("G1"), null, null, null),
        seen("more", 10, List.of("G1"), null, null, null),
        seen("newgroup", 10, List.of("G1"), null, null, null),
        seen("confirmed", 7, List.of("G3"), null, null, null),
        seen("future", 9, List.of("G5"), null, null, null),
        seen("carried", 10, List.of("G6"), "dismissed", Date.valueOf("2026-04-02"), 8),
        seen("twice", 10, List.of("G7"), null, null, null),
        seen("gone", 3, List.of("G9"), null, null, null),
        seen("ongoing", 10, List.of("G8"), null, null, null)), FindingReview.HISTORY_SCHEMA);
    Date today = Date.valueOf(RUN);
    Dataset<Row> decisions = spark.createDataFrame(List.of(
        decided("same", "dismissed", "2026-04-09", 1, today),
        decided("more", "dismissed", "2026-04-09", 2, today),
        decided("newgroup", "dismissed", "2026-04-09", 3, today),
        decided("confirmed", "confirmed", "2026-04-09", 4, today),
        decided("future", "dismissed", "2026-04-11", 5, today),
        decided("carried", "dismissed", "2026-04-02", 1, Date.valueOf("2026-04-03")),
        decided("twice", "dismissed", "2026-04-09", 6, today),
        decided("twice", "confirmed", "2026-04-09", 7, today),
        decided("nobody", "confirmed", "2026-04-09", 8, today),
        decided("ongoing", "dismissed", "2026-04-09", 9, today)), FindingReview.DECISION_SCHEMA);
    FindingReview.Reviewed reviewed = new FindingReview(RUN).apply(entries, earlier, decisions);
    current = reviewed.current().collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("finding_id"), r -> r));
    history = reviewed.history().collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("finding_id"), r -> r));
    unknown = reviewed.unknownDecisions().count();
  }

  private void assertStatus(String id, boolean raised, String status) {
    Row r = current.get(id);
    assertEquals(raised, r.getAs("raised"), id);
    assertEquals(status, r.getAs("review_status"), id);
  }

  @Test
  void aDismissalHoldsUntilTheEvidenceGrows() {
    assertStatus("same", false, FindingReview.DISMISSED_NOT_RERAISED);
    assertEquals(10, (int) current.get("same").getAs("evidence_at_decision"));
    assertStatus("more", true, FindingReview.RERAISED_EVIDENCE_GREW);
    assertStatus("newgroup", true, FindingReview.RERAISED_EVIDENCE_GREW);
    // Received earlier: the baseline is the one recorded then (8), not the last run's 10.
    assertStatus("carried", true, FindingReview.RERAISED_EVIDENCE_GREW);
    assertEquals(8, (int) current.get("carried").getAs("evidence_at_decision"));
    // The same count in a sliding window, but a crossing the investigator cannot have seen.
    assertStatus("ongoing", true, FindingReview.RERAISED_EVIDENCE_GREW);
  }

  @Test
  void theLatestDecisionIsCarriedAndLaterOnesWait() {
    assertStatus("confirmed", true, FindingReview.SEEN_BEFORE);
    assertEquals("confirmed", current.get("confirmed").getAs("decision"));
    assertEquals("confirmed", current.get("twice").getAs("decision"), "the later row of the same day wins");
    assertStatus("future", true, FindingReview.SEEN_BEFORE);
    assertNull(current.get("future").getAs("decision"), "a decision dated after the run date does not apply yet");
    assertEquals(1, unknown, "one decision names a finding never seen");
  }

  @Test
  void historyCountsRunsAndKeepsFindingsThatWentQuiet() {
    assertStatus("fresh", true, FindingReview.NEW);
    assertEquals(Date.valueOf(RUN), current.get("fresh").getAs("first_seen"));
    assertEquals(1, (int) current.get("fresh").getAs("runs_seen"));
    Row confirmed = current.get("confirmed");
    assertEquals(Date.valueOf("2026-04-01"), confirmed.getAs("first_seen"));
    assertEquals(Date.valueOf(RUN), confirmed.getAs("last_seen"));
    assertEquals(6, (int) confirmed.getAs("runs_seen"));
    Row gone = history.get("gone");
    assertEquals(BEFORE, gone.getAs("last_seen"));
    assertEquals(5, (int) gone.getAs("runs_seen"));
    assertFalse(current.containsKey("gone"));
    assertEquals(10, history.size());
    assertEquals("dismissed", history.get("same").getAs("decision"));
    assertTrue(history.get("same").<Integer>getAs("evidence_at_decision") == 10);
  }

  @Test
  void aDecisionGivenAgainIsKeptOnceWhereItWasFirstReceived() {
    Dataset<Row> earlier = spark.createDataFrame(List.of(
        decided("same", "dismissed", "2026-04-09", 1, BEFORE),
        decided("later", "dismissed", "2026-04-11", 1, Date.valueOf("2026-04-11"))), FindingReview.DECISION_SCHEMA);
    List<FeedbackFile.Entry> again = List.of(
        new FeedbackFile.Entry("same", Decision.DISMISSED, LocalDate.parse("2026-04-09"), "", "other.csv", 3),
        new FeedbackFile.Entry("more", Decision.CONFIRMED, LocalDate.parse("2026-04-10"), "ok", "other.csv", 4));
    List<Row> merged = FindingReview.mergeDecisions(spark, earlier, again, RUN).orderBy("finding_id").collectAsList();
    assertEquals(2, merged.size(), "a decision received by a run of a later date is not known yet: " + merged);
    Row same = merged.get(1);
    assertEquals("file.csv", same.getAs("source"));
    assertEquals(BEFORE, same.getAs("received_run_date"));
    assertEquals(Date.valueOf(RUN), merged.get(0).getAs("received_run_date"));
  }

  @Test
  void findingIdsDependOnlyOnWhatTheFindingIsAbout() {
    Dataset<Row> units = spark.sql("select * from values ('officer','OF-1','P1'), ('officer','OF-1','P1'), "
        + "('division','OF-1','P1'), ('officer','OF-1','P2') as t(kind, unit, port)");
    List<String> ids = units.select(FindingIds.of(col("kind"), col("unit"), col("port")).as("id"))
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(ids.get(0), ids.get(1));
    assertEquals(3, ids.stream().distinct().count());
    assertTrue(ids.get(0).matches("F-[0-9a-f]{16}"), ids.get(0));
  }
}
