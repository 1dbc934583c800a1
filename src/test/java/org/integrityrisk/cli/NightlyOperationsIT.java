package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly life of the output folder, through the real commands on the sample data:
 * a driver killed mid-write, a second run of the same date, a re-run, and
 * {@code jobs/nightly} (yesterday by default, a log per run, failures said loudly).
 * {@link InvestigatorViewIT} reads two nights' findings as one table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyOperationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATE = SampleRun.DATE;

  @TempDir static Path work;
  private final SparkSession spark = SharedSpark.get();
  private Path output;
  private Path firstRun;

  private Path published() {
    return output.resolve("run_date=" + DATE);
  }

  private static JsonNode manifest(Path runFolder) throws IOException {
    return JSON.readTree(runFolder.resolve("manifest.json").toFile());
  }

  @BeforeAll
  void firstRunOfTheDate() throws Exception {
    output = work.resolve("findings");
    SampleRun.copyInto(output);
    firstRun = work.resolve("first-run-copy");
    SampleRun.copyTree(published(), firstRun);
  }

  @Test
  @Order(1)
  void aDriverKilledMidWriteLeavesThePreviousFindingsAndTheNextRunSucceeds() throws Exception {
    String firstRunId = manifest(published()).get("run_id").asText();
    Launcher.Running doomed = Launcher.start("jobs/integrity-risk", work.resolve("killed.log"),
        SampleRun.runArgs(output, DATE));
    // One table is in staging, the others are not written yet: the middle of the write.
    doomed.awaitStderr("write suspect_groups", Duration.ofMinutes(5));
    doomed.process().destroyForcibly().waitFor();
    doomed.finish();

    assertEquals(firstRunId, manifest(published()).get("run_id").asText(), "the published run is untouched");
    FindingsComparison.assertSameFindings(spark, firstRun, published());
    try (Stream<Path> staged = Files.list(output.resolve("_staging"))) {
      assertTrue(staged.anyMatch(p -> Files.exists(p.resolve("suspect_groups"))),
          "the killed run's half-written staging folder is where readers never look");
    }
    assertTrue(Files.exists(output.resolve("_locks/run_date=" + DATE + ".lock")), "the killed run left its lock");

    Launcher.Result next = Launcher.run(work.resolve("after-kill.log"), SampleRun.runArgs(output, DATE));

    assertEquals(0, next.exit(), next.toString());
    assertTrue(next.stderr().contains("recovered: took over the lock of run "), next.stderr());
    assertTrue(next.stderr().contains("no longer exists"), next.stderr());
    assertTrue(next.stderr().contains("recovered: removed the staging folder of a run that did not finish"),
        next.stderr());
    assertFalse(Files.exists(output.resolve("_staging")), "nothing is left in staging");
    assertFalse(Files.exists(output.resolve("_locks/run_date=" + DATE + ".lock")), "the lock is released");
    JsonNode manifest = manifest(published());
    assertEquals(2, manifest.get("recovered").size(), manifest.get("recovered").toString());
  }

  @Test
  @Order(2)
  void aReRunWithTheSameInputsAndParametersGivesTheSameRowsAndSaysSo() throws Exception {
    // The run after the kill re-ran the date: the same rows, and the manifest knows why.
    FindingsComparison.assertSameFindings(spark, firstRun, published());
    JsonNode previous = manifest(published()).get("previous_run");
    assertEquals(manifest(firstRun).get("run_id").asText(), previous.get("run_id").asText());
    assertEquals(0, previous.get("inputs_changed").size());
    assertFalse(previous.get("parameters_changed").asBoolean());
    JsonNode files = manifest(published()).get("input_files");
    assertEquals(Files.size(Launcher.ROOT.resolve("data-samples/clearances.csv")),
        files.at("/clearances/bytes").asLong());
    assertEquals(64, files.at("/rosters/sha256").asText().length());
    assertEquals(files, manifest(firstRun).get("input_files"), "same files, same fingerprints");
  }

  @Test
  @Order(3)
  void aSecondRunOfADateThatIsRunningIsRefused() throws Exception {
    // A live process (this test's JVM) holds the date.
    Path lock = output.resolve("_locks/run_date=" + DATE + ".lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "{\"run_id\":\"running-now\",\"host\":\""
        + java.net.InetAddress.getLocalHost().getHostName() + "\",\"pid\":" + ProcessHandle.current().pid()
        + ",\"started_at\":\"2026-11-23T02:30:00Z\"}");
    String publishedRun = manifest(published()).get("run_id").asText();
    try {
      Launcher.Result second = Launcher.run(work.resolve("second.log"), SampleRun.runArgs(output, DATE));

      assertEquals(1, second.exit(), second.toString());
      assertTrue(second.stderr().contains("another run of run_date=" + DATE + " is in progress: run running-now"),
          second.stderr());
      assertEquals(publishedRun, manifest(published()).get("run_id").asText());
    } finally {
      Files.delete(lock);
    }
  }

  /** jobs/nightly with its per-run logs in the given folder. */
  private static Launcher.Result nightly(Path logs, String... args) throws Exception {
    return Launcher.start("jobs/nightly", work.resolve("nightly-unused.log"),
        Map.of("INTEGRITY_RISK_NIGHTLY_LOGS", logs.toString()), args).finish();
  }

  @Test
  @Order(4)
  void nightlyRunsYesterdayByDefaultKeepsALogPerRunAndFailsLoudly() throws Exception {
    Path logs = work.resolve("nightly-logs");
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

    // The sample's crossings end in April: yesterday's window is empty, which a run refuses
    // (a stale feed is not a quiet night) unless told to publish it, with a warning.
    Launcher.Result ran = nightly(logs, SampleRun.inputArgs(output, "--allow-empty-window", "true"));

    assertEquals(0, ran.exit(), ran.toString());
    assertTrue(Files.readString(output.resolve("run_date=" + yesterday).resolve("manifest.json"))
        .contains("empty window: no clearance record falls in"), "the empty window is a warning");
    assertTrue(ran.stdout().contains("run of " + yesterday + " succeeded; findings: "
        + output.resolve("run_date=" + yesterday)), ran.stdout());
    assertTrue(Files.isDirectory(output.resolve("run_date=" + yesterday)), ran.toString());
    assertEquals(2, logsOf(logs, "run_date=" + yesterday + ".").size(), "the run's output and Spark's log");
    List<Path> runLogs = runLogsOf(logs, "run_date=" + yesterday + ".");
    assertEquals(1, runLogs.size());
    String log = Files.readString(runLogs.get(0));
    assertTrue(log.contains("write suspect_groups") && log.contains("exit status 0"), log);

    Files.writeString(work.resolve("empty.key"), "");
    Launcher.Result failed = nightly(logs,
        "--clearances", "no/such/clearances.csv", "--rosters", "no/such/rosters.csv",
        "--output", output.toString(), "--pseudonym-key-file", work.resolve("empty.key").toString());
    String printed = failed.stdout() + failed.stderr();

    assertEquals(2, failed.exit(), printed);
    assertTrue(printed.contains("run of " + yesterday + " FAILED with exit status 2"), printed);
    assertTrue(printed.contains("pseudonym key"), printed);
    runLogs = runLogsOf(logs, "run_date=" + yesterday + ".");
    assertEquals(2, runLogs.size(), "the failed run has its own log too");
    String failedLog = Files.readString(runLogs.get(1));
    assertTrue(failedLog.contains("pseudonym key") && failedLog.contains("exit status 2"), failedLog);
  }

  private static List<Path> logsOf(Path logs, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(logs)) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }

  /** The per-run logs of what the runs printed, oldest first (Spark's own logs aside). */
  private static List<Path> runLogsOf(Path logs, String prefix) throws IOException {
    return logsOf(logs, prefix).stream().filter(p -> !p.toString().endsWith(".spark.log")).toList();
  }
}
