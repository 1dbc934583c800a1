package org.integrityrisk.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.output.CaseReport;
import org.integrityrisk.output.Manifest;
import org.integrityrisk.output.RunOutput;
import org.integrityrisk.review.EarlierRun;
import org.integrityrisk.review.InvestigatorView;
import org.integrityrisk.review.ReviewCounts;
import org.integrityrisk.schema.OutputTable;
import org.integrityrisk.spark.Persisted;

/**
 * The last stage of a run: the investigators' tables, the quarantine and the case report
 * written into the run's staging folder. Publishing the folder is the caller's, once the
 * manifest is written too.
 */
final class Publish {
  private final SparkSession spark;
  private final Progress progress;
  private final RunOutput output;
  private final Persisted persisted;

  Publish(SparkSession spark, Progress progress, RunOutput output, Persisted persisted) {
    this.spark = spark;
    this.progress = progress;
    this.output = output;
    this.persisted = persisted;
  }

  /** What was written: rows per table, and the review counts the report and manifest show. */
  record Written(Map<String, Long> outputs, ReviewCounts review) {
    Written {
      outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
  }

  /** A rejected run writes only its quarantine: rows per table. */
  Map<String, Long> quarantine(Dataset<Row> quarantine) {
    return Map.of(OutputTable.QUARANTINE.folder(), write(OutputTable.QUARANTINE, quarantine));
  }

  /**
   * Writes the findings tables, carrying on what earlier runs and investigators said,
   * then the quarantine.
   *
   * @param shifts the shifts in the window, behind each finding's evidence
   * @param crossings the clearance records in the window the tests read, for the case records' details
   */
  Written findings(RunRequest request, Detection.Detected detected, Dataset<Row> shifts, Dataset<Row> crossings,
      Dataset<Row> quarantine) {
    EarlierRun earlier = EarlierRun.read(spark, output.latestEarlierRunWith(OutputTable.FINDING_HISTORY),
        output.publishedRuns());
    earlier.runDate().ifPresent(d -> progress.note("carrying finding history and decisions on from the run of " + d));
    Map<OutputTable, Dataset<Row>> findings = new InvestigatorView(spark, request.runDate(), persisted).apply(
        detected.tests(), detected.groups(), detected.units(), detected.events(), shifts, crossings, earlier,
        request.feedback());
    Map<String, Long> outputs = new LinkedHashMap<>();
    for (Map.Entry<OutputTable, Dataset<Row>> table : findings.entrySet()) {
      outputs.put(table.getKey().folder(), write(table.getKey(), table.getValue()));
    }
    outputs.put(OutputTable.QUARANTINE.folder(), write(OutputTable.QUARANTINE, quarantine));
    ReviewCounts review = ReviewCounts.of(output.staged(OutputTable.FINDINGS),
        output.staged(OutputTable.FINDING_HISTORY), output.staged(OutputTable.FEEDBACK), request.feedback().size());
    if (review.decisionsNamingUnknownFindings() > 0) {
      progress.note("warning: " + review.decisionsNamingUnknownFindings() + " decision(s) name a finding id that no "
          + "run has flagged; they are kept in the feedback table and apply if that finding appears");
    }
    return new Written(outputs, review);
  }

  /** The case report, from the tables just written and the manifest as it stands. */
  void report(Manifest manifest, ReviewCounts review) {
    progress.stage("write " + CaseReport.FILE_NAME, "bytes", () -> {
      String html = CaseReport.render(output::staged, manifest, review);
      output.writeText(CaseReport.FILE_NAME, html);
      return html;
    }, String::length);
  }

  private long write(OutputTable table, Dataset<Row> rows) {
    return progress.stage("write " + table.folder(), () -> output.writeTable(table, rows));
  }
}
