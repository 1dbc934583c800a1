package org.integrityrisk.cli;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The investigators' view through the real command on the sample data: two nightly runs
 * (the README's sample run, shared with other tests, and the next night's), the second
 * with a feedback file that dismisses one division's finding and confirms an officer's; the case report opened in headless Chromium; the analysts' notebooks
 * executed over both runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvestigatorViewIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIRST = SampleRun.DATE;
  private static final String SECOND = "2026-04-11";

  @TempDir static Path work;
  private final SparkSession spark = SharedSpark.get();
  private Path output;
  private String dismissed;
  private String dismissedDivision;
  private String confirmed;

  private Dataset<Row> table(String date, String name) {
    return spark.read().parquet(output.resolve("run_date=" + date).resolve(name).toString());
  }

  @BeforeAll
  void twoRunsTheSecondWithFeedback() throws Exception {
    output = work.resolve("findings");
    SampleRun.copyInto(output);
    assertTrue(Files.isRegularFile(output.resolve("run_date=" + FIRST).resolve("report.html")));

    // The review loop needs one finding to dismiss and an officer's to confirm: the sample's
    // colluding divisions and at least one of its two colluding officers are flagged.
    List<Row> officers = table(FIRST, "findings").filter(col("kind").equalTo("officer"))
        .orderBy("finding_id").collectAsList();
    assertFalse(officers.isEmpty(), "the sample plants two colluding officers");
    confirmed = officers.get(0).getAs("finding_id");
    String confirmedPort = officers.get(0).getAs("port_id");
    Row division = table(FIRST, "findings").filter(col("kind").equalTo("division")
        .and(col("port_id").notEqual(confirmedPort))).orderBy("finding_id").first();
    dismissed = division.getAs("finding_id");
    dismissedDivision = division.getAs("division_id");

    Path feedback = work.resolve("decisions.csv");
    Files.writeString(feedback, "finding_id,decision,date,note\n"
        + dismissed + ",under_review,2026-04-10,opened a file\n"
        + dismissed + ",dismissed,2026-04-11,\"Shift swap, recorded late; roster corrected\"\n"
        + confirmed + ",confirmed,2026-04-10,\"Footage reviewed:\nhanded over documents\"\n", StandardCharsets.UTF_8);
    Launcher.Result second = Launcher.run(work.resolve("second.log"), SampleRun.runArgs(output, SECOND, "--feedback", feedback.toString()));
    assertEquals(0, second.exit(), second.toString());
  }

  @Test
  void findingIdsLastAcrossRunsAndLinkRecordsAndShifts() {
    List<String> firstIds = table(FIRST, "findings").select("finding_id").orderBy("finding_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<String> secondIds = table(SECOND, "findings").select("finding_id").orderBy("finding_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(firstIds, secondIds, "the planted findings persist, under the same ids");
    Row carried = table(SECOND, "findings").filter(col("finding_id").equalTo(confirmed)).first();
    assertEquals(java.sql.Date.valueOf(FIRST), carried.getAs("first_seen"));
    assertEquals(java.sql.Date.valueOf(SECOND), carried.getAs("last_seen"));
    assertEquals(2, (int) carried.getAs("runs_seen"));

    Dataset<Row> cases = table(SECOND, "flagged_cases").filter(array_contains(col("finding_ids"), confirmed));
    assertTrue(cases.count() > 0);
    assertEquals(0, cases.filter(functions_size("shift_ids").equalTo(0)).count(),
        "every record behind an officer's duty finding names the shift it fell in");
    Dataset<Row> shifts = table(SECOND, "finding_shifts").filter(col("finding_id").equalTo(confirmed));
    List<String> caseShifts = cases.select(org.apache.spark.sql.functions.explode(col("shift_ids"))).distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    for (String shift : caseShifts) {
      assertEquals(1, shifts.filter(col("shift_id").equalTo(shift).and(col("role").equalTo("finding"))).count(),
          shift + " is one of the finding's own shifts");
    }
    assertEquals(carried.<Integer>getAs("case_records").longValue(), cases.select("record_id").distinct().count());
    assertEquals(0, cases.filter(col("finding_id").notEqual(confirmed)
        .and(col("flagged_for").equalTo("officer"))).count(), "another officer's rows do not back this finding");
  }

  /** Findings name officers and describe travellers' movements: nothing a run writes is readable by others. */
  @Test
  void theRunsFoldersTablesAndReportAreForOwnerAndGroupOnly() throws IOException {
    Path run = output.resolve("run_date=" + SECOND);
    List<String> open = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> paths = Files.walk(run)) {
      for (Path p : paths.toList()) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> modes = Files.getPosixFilePermissions(p);
        boolean others = modes.stream().anyMatch(m -> m.name().startsWith("OTHERS_"));
        if (others || modes.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)) {
          open.add(java.nio.file.attribute.PosixFilePermissions.toString(modes) + " " + run.relativize(p));
        }
      }
    }
    assertEquals(List.of(), open, "written with umask 027 whatever the process's umask");
    assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(run.resolve("report.html"))));
    assertEquals("rwxr-x---", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(run.resolve("findings"))));
  }

  @Test
  void bothNightsReadAsOneTablePerOutput() throws IOException {
    // Both dates are partitions of one table per output, readable by any Hive-style reader.
    for (String table : FindingsComparison.TABLES) {
      Dataset<Row> nights = spark.read().option("basePath", output.toString())
          .parquet(output.resolve("run_date=*").resolve(table).toString());
      Map<String, Long> perDate = new TreeMap<>();
      for (Row row : nights.groupBy("run_date").count().collectAsList()) {
        perDate.put(row.get(0).toString(), row.getLong(1));
      }
      Map<String, Long> expected = new TreeMap<>();
      for (String date : List.of(FIRST, SECOND)) {
        expected.put(date, JSON.readTree(output.resolve("run_date=" + date).resolve("manifest.json").toFile())
            .at("/outputs/" + table).asLong());
      }
      assertEquals(expected, perDate, table + " rows per run_date");
    }
  }

  private static org.apache.spark.sql.Column functions_size(String column) {
    return org.apache.spark.sql.functions.size(col(column));
  }

  @Test
  void aDismissedFindingIsNotRaisedAgainAndAConfirmedOneIsCarried() throws IOException {
    Row held = table(SECOND, "findings").filter(col("finding_id").equalTo(dismissed)).first();
    assertEquals("dismissed", held.getAs("decision"));
    assertEquals("Shift swap, recorded late; roster corrected", held.getAs("decision_note"));
    assertFalse((Boolean) held.getAs("evidence_grew"));
    assertFalse((Boolean) held.getAs("raised"));
    assertEquals("dismissed_not_reraised", held.getAs("review_status"));
    Row division = table(SECOND, "division_risk").filter(col("division_id").equalTo(dismissedDivision)).first();
    assertFalse((Boolean) division.getAs("flagged"), "a dismissed finding does not flag its division again");
    assertTrue((Boolean) division.getAs("statistically_flagged"), "the evidence itself is still reported");
    assertEquals(0, table(SECOND, "flagged_cases").filter(col("division_id").equalTo(dismissedDivision)
        .and(col("officer_id").isNull())).count());
    assertEquals(0, table(SECOND, "flagged_cases").filter(array_contains(col("finding_ids"), dismissed)).count());

    Row kept = table(SECOND, "findings").filter(col("finding_id").equalTo(confirmed)).first();
    assertEquals("confirmed", kept.getAs("decision"));
    assertEquals("Footage reviewed:\nhanded over documents", kept.getAs("decision_note"));
    assertTrue((Boolean) kept.getAs("raised"));

    JsonNode review = JSON.readTree(output.resolve("run_date=" + SECOND).resolve("manifest.json").toFile()).get("review");
    assertEquals(3, review.get("decisions_in_feedback_file").asInt());
    assertEquals(1, review.get("dismissed_not_reraised").asInt());
    assertEquals(1, review.path("decided_so_far").get("confirmed").asInt());
    assertEquals(1, review.path("decided_so_far").get("dismissed").asInt());
    assertEquals(0.5, review.get("precision_seen").asDouble(), 1e-9);
    assertEquals(review.get("findings_flagged").asInt() - 1, review.get("findings_raised").asInt());
    JsonNode firstReview = JSON.readTree(output.resolve("run_date=" + FIRST).resolve("manifest.json").toFile())
        .get("review");
    assertTrue(firstReview.get("precision_seen").isNull(), "no decision before the feedback: " + firstReview);

    Dataset<Row> watch = table(SECOND, "watch_list");
    assertEquals(2, watch.select("run_date").distinct().count(), "the watch list carries every run");
    assertEquals(watch.filter(col("run_date").equalTo(java.sql.Date.valueOf(FIRST))).count(),
        table(FIRST, "watch_list").count());
  }

  @Test
  void theCaseReportOpensInHeadlessChromiumWithTheFindingAndItsChart() throws Exception {
    Path report = output.resolve("run_date=" + SECOND).resolve("report.html");
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "the page loads nothing from a network");

    Path screenshot = work.resolve("report.png");
    String dom = Chromium.run(work, "--dump-dom", report.toUri().toString());
    Chromium.run(work, "--screenshot=" + screenshot, "--window-size=1280,3200", report.toUri().toString());

    assertTrue(dom.contains("leads for review, not findings of guilt"));
    int start = dom.indexOf("<section class=\"finding\" id=\"" + confirmed + "\"");
    assertTrue(start > 0, "the confirmed finding has its section in the rendered page");
    String body = CaseReportIT.element(dom, start);
    assertTrue(body.contains("<svg class=\"timeline\" data-finding-id=\"" + confirmed + "\""), "its timeline chart");
    assertTrue(body.contains("class=\"shift\""), "the officer's shifts are drawn");
    assertTrue(body.contains("class=\"crossing in-records\""), "the crossings in the case records are drawn");
    assertTrue(body.contains("confirmed on 2026-04-10"));
    assertTrue(dom.contains("<table id=\"watch-list\""));

    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertNotNull(image, "chromium wrote a PNG screenshot");
    assertEquals(1280, image.getWidth());
    long red = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == 0xc0392b) {
          red++;
        }
      }
    }
    assertTrue(red > 500, "the observed-events bar and on-duty crossings are painted in the screenshot: " + red);
  }

  @Test
  void theNotebooksExecuteHeadlessOverBothRuns() throws Exception {
    Launcher.Running books = Launcher.start("jobs/notebooks", work.resolve("notebooks.log"), Map.of(),
        "run", output.toString());
    Launcher.Result result = books.finish();
    assertEquals(0, result.exit(), result.toString());
    Path executed = Launcher.ROOT.resolve("target/notebooks");
    for (String name : List.of("flags-per-run", "finding-history", "group-against-roster")) {
      JsonNode book = JSON.readTree(executed.resolve(name + ".ipynb").toFile());
      String outputs = book.get("cells").toString();
      assertFalse(outputs.contains("\"output_type\":\"error\""), name + " has no cell error");
      assertTrue(outputs.contains("<svg"), name + " draws its chart");
    }
    String history = JSON.readTree(executed.resolve("flags-per-run.ipynb").toFile()).get("cells").toString();
    assertTrue(history.contains("findings of 2 run(s)"), "both run dates are read as one table");
    assertTrue(history.contains("precision seen: 0.50"), "the decisions so far are counted");
  }
}
