package org.integrityrisk.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.output.RunOutput;
import org.integrityrisk.schema.OutputTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which earlier runs a run reads its history and decisions from. */
class EarlierRunTest {
  @TempDir Path output;
  private final SparkSession spark = SharedSpark.get();

  private void publish(String date, boolean history, String decidedFinding) throws IOException {
    Path run = output.resolve("run_date=" + date);
    Files.createDirectories(run);
    Files.writeString(run.resolve("manifest.json"), "{}");
    if (history) {
      spark.createDataFrame(List.of(), FindingReview.HISTORY_SCHEMA).write()
          .parquet(run.resolve(OutputTable.FINDING_HISTORY.folder()).toString());
    }
    if (decidedFinding != null) {
      Row decision = RowFactory.create(decidedFinding, "dismissed", Date.valueOf(date), "", "f.csv", 1, Date.valueOf(date));
      spark.createDataFrame(List.of(decision), FindingReview.DECISION_SCHEMA).write()
          .parquet(run.resolve(OutputTable.FEEDBACK.folder()).toString());
    }
  }

  @Test
  void historyFromTheLatestEarlierRunThatKeptOneDecisionsFromEveryRunReceivedByTheRunDate() throws IOException {
    publish("2026-04-07", true, "F-000000000000000a");
    publish("2026-04-08", true, null);
    publish("2026-04-09", false, null);
    // The run of the date being re-run, and a run of a later date.
    publish("2026-04-10", true, "F-000000000000000b");
    publish("2026-04-12", true, "F-000000000000000c");
    LocalDate runDate = LocalDate.parse("2026-04-10");
    try (RunOutput out = RunOutput.open(spark, output.toString(), runDate)) {
      Optional<org.apache.hadoop.fs.Path> earlier = out.latestEarlierRunWith(OutputTable.FINDING_HISTORY);
      assertEquals("run_date=2026-04-08", earlier.orElseThrow().getName(),
          "a run without a history (an older version's) is passed over; the same and later dates are not earlier");
      EarlierRun run = EarlierRun.read(spark, earlier, out.publishedRuns());
      assertEquals(3, run.decisions().count());
      List<String> known = FindingReview.mergeDecisions(spark, run.decisions(), List.of(), runDate)
          .select("finding_id").orderBy("finding_id").as(Encoders.STRING()).collectAsList();
      assertEquals(List.of("F-000000000000000a", "F-000000000000000b"), known,
          "the replaced run's decisions stay; a later date's are not known yet");
      out.abandon();
    }
  }
}
