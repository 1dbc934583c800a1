package org.integrityrisk.output;

import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.review.ReviewCounts;
import org.integrityrisk.schema.OutputTable;

/**
 * {@code report.html}: one self-contained page per run for investigators, in two steps.
 * {@link CaseEvidence#gather} collects with Spark only what the page shows (the findings, a
 * few per run; the shifts and group crossings of the first
 * {@value CaseEvidence#DETAILED_FINDINGS} of them and at most
 * {@value CaseEvidence#RECORDS_PER_FINDING} case records each; the watch list's counts),
 * and {@link CaseReportPage} renders those records into the page without Spark. The
 * Parquet tables hold the rest, and the page says how much it left out.
 */
public final class CaseReport {
  public static final String FILE_NAME = "report.html";

  private CaseReport() {}

  /** @param tables this run's output tables */
  public static String render(Function<OutputTable, Dataset<Row>> tables, Manifest manifest, ReviewCounts review) {
    return new CaseReportPage(CaseEvidence.gather(tables), manifest, review).render();
  }
}
