package org.integrityrisk.review;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.integrityrisk.schema.Columns.DECISION;
import static org.integrityrisk.schema.Columns.FINDING_ID;
import static org.integrityrisk.schema.Columns.KIND;
import static org.integrityrisk.schema.Columns.RAISED;
import static org.integrityrisk.schema.Columns.REVIEW_STATUS;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The manifest's account of the investigators' side of a run: what was raised, what a
 * dismissal held back, and how the findings flagged so far were decided, so the unit
 * sees the precision it actually experiences ({@code confirmed / (confirmed + dismissed)}).
 *
 * @param findingsFlagged officer and division findings that passed the false discovery control
 * @param findingsRaised of those, raised for review (not held back by a dismissal)
 * @param decidedSoFar latest decision on every officer and division finding flagged up to
 *     this run, {@code undecided} when there is none
 * @param precisionSeen confirmed / (confirmed + dismissed); null before any such decision
 */
public record ReviewCounts(
    @JsonProperty("findings_flagged") long findingsFlagged,
    @JsonProperty("findings_raised") long findingsRaised,
    @JsonProperty("new_findings") long newFindings,
    @JsonProperty("dismissed_not_reraised") long dismissedNotReraised,
    @JsonProperty("reraised_evidence_grew") long reraisedEvidenceGrew,
    @JsonProperty("decisions_in_feedback_file") long decisionsInFeedbackFile,
    @JsonProperty("decisions_naming_unknown_findings") long decisionsNamingUnknownFindings,
    @JsonProperty("decided_so_far") Map<String, Long> decidedSoFar,
    @JsonProperty("precision_seen") Double precisionSeen) {

  public static final String UNDECIDED = "undecided";
  /** The column Spark's {@code groupBy(...).count()} names its counts. */
  private static final String COUNT = "count";

  public ReviewCounts {
    decidedSoFar = Map.copyOf(decidedSoFar);
  }

  /**
   * @param findings this run's findings table
   * @param history this run's finding history
   * @param decisions every decision known after this run
   */
  public static ReviewCounts of(Dataset<Row> findings, Dataset<Row> history, Dataset<Row> decisions,
      long decisionsInFile) {
    Map<String, Long> status = new TreeMap<>();
    findings.groupBy(REVIEW_STATUS).count().collectAsList()
        .forEach(r -> status.put(r.getAs(REVIEW_STATUS), r.getAs(COUNT)));
    long raised = findings.filter(col(RAISED)).count();
    Map<String, Long> decided = new TreeMap<>();
    for (Decision d : Decision.values()) {
      decided.put(d.word(), 0L);
    }
    decided.put(UNDECIDED, 0L);
    history.filter(col(KIND).notEqual(lit(InvestigatorView.GROUP)))
        .groupBy(coalesce(col(DECISION), lit(UNDECIDED)).as(DECISION)).count().collectAsList()
        .forEach(r -> decided.put(r.getAs(DECISION), r.getAs(COUNT)));
    long unknown = decisions.join(history, decisions.col(FINDING_ID).equalTo(history.col(FINDING_ID)), "left_anti")
        .count();
    long confirmed = decided.get(Decision.CONFIRMED.word());
    long dismissed = decided.get(Decision.DISMISSED.word());
    Double precision = confirmed + dismissed == 0 ? null : (double) confirmed / (confirmed + dismissed);
    return new ReviewCounts(status.values().stream().mapToLong(Long::longValue).sum(), raised,
        status.getOrDefault(FindingReview.NEW, 0L), status.getOrDefault(FindingReview.DISMISSED_NOT_RERAISED, 0L),
        status.getOrDefault(FindingReview.RERAISED_EVIDENCE_GREW, 0L), decisionsInFile, unknown, decided, precision);
  }
}
