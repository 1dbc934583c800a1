package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on this machine (a master and two workers, each its own
 * JVM, started by {@code jobs/local-cluster}), running the pipeline through SparkSubmit with
 * the application jar: its findings equal the local run's, also when a worker dies mid-run.
 * Runs with {@code mvn -B verify -Pcluster}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MASTER = "spark://127.0.0.1:7077";

  @TempDir static Path work;
  private final SparkSession spark = SharedSpark.get();
  private Path scenario;
  private JsonNode truth;
  private Path localRun;

  @BeforeAll
  void startClusterAndRunLocally() throws Exception {
    Launcher.Result started = Launcher.start("jobs/local-cluster", work.resolve("cluster.log"), "start").finish();
    assertEquals(0, started.exit(), started.toString());
    scenario = work.resolve("scenario");
    Launcher.Result generated = Launcher.run(work.resolve("generate.log"),
        "generate", "--output", scenario.toString(), "--seed", "31", "--scale", "0.5");
    assertEquals(0, generated.exit(), generated.toString());
    truth = JSON.readTree(scenario.resolve("truth.json").toFile());
    Launcher.Result local = Launcher.run(work.resolve("local.log"), runArgs(work.resolve("local")));
    assertEquals(0, local.exit(), local.toString());
    localRun = runFolder(work.resolve("local"));
  }

  @AfterAll
  void stopCluster() throws Exception {
    Launcher.Result stopped = Launcher.start("jobs/local-cluster", work.resolve("cluster.log"), "stop").finish();
    assertEquals(0, stopped.exit(), stopped.toString());
    Launcher.Result status = Launcher.start("jobs/local-cluster", work.resolve("cluster.log"), "status").finish();
    assertEquals(3, status.exit(), "nothing of the cluster is left running: " + status);
  }

  private String[] runArgs(Path output, String... extra) {
    return Launcher.runArgs(scenario, truth, output, extra);
  }

  private Path runFolder(Path output) {
    return output.resolve("run_date=" + truth.get("run_date").asText());
  }

  private static JsonNode manifest(Path runFolder) throws IOException {
    return JSON.readTree(runFolder.resolve("manifest.json").toFile());
  }

  @Test
  @Order(1)
  void theClusterRunEqualsTheLocalRun() throws Exception {
    Path output = work.resolve("cluster");
    Launcher.Result ran = Launcher.run(work.resolve("cluster-run.log"), runArgs(output, "--master", MASTER));

    assertEquals(0, ran.exit(), ran.toString());
    assertEquals(MASTER, manifest(runFolder(output)).at("/spark/master").asText());
    assertEquals("local[*]", manifest(localRun).at("/spark/master").asText());
    FindingsComparison.assertSameFindings(spark, localRun, runFolder(output));
    assertEquals(manifest(localRun).get("outputs"), manifest(runFolder(output)).get("outputs"));
    assertEquals(manifest(localRun).get("inputs"), manifest(runFolder(output)).get("inputs"));
  }

  /**
   * The cluster is secured: a generated secret, readable by its owner only, authenticates
   * every connection and keys its encryption; the daemons run with both on, and the secret
   * is on no command line.
   */
  @Test
  @Order(0)
  void theClusterAuthenticatesAndEncryptsWithASecretNobodyElseCanRead() throws Exception {
    java.nio.file.Path secretFile = Launcher.ROOT.resolve("target/local-cluster/auth.secret");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(secretFile)));
    String secret = java.nio.file.Files.readString(secretFile).strip();
    assertTrue(secret.matches("[0-9a-f]{64}"), "32 random bytes");
    java.nio.file.Path driverProperties = secretFile.resolveSibling("auth.properties");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(driverProperties)));
    assertTrue(java.nio.file.Files.readString(driverProperties).contains("spark.authenticate.secret " + secret));
    int daemons = 0;
    for (java.nio.file.Path pidFile : java.nio.file.Files.newDirectoryStream(secretFile.getParent(), "*.pid")) {
      String pid = java.nio.file.Files.readString(pidFile).strip();
      String cmdline = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "cmdline"))
          .replace('\0', ' ');
      assertTrue(cmdline.contains("-Dspark.authenticate=true") && cmdline.contains("-Dspark.network.crypto.enabled=true"),
          pidFile + ": " + cmdline);
      assertFalse(cmdline.contains(secret), "the secret is not on " + pidFile + "'s command line");
      daemons++;
    }
    assertEquals(3, daemons, "a master and two workers");
  }

  @Test
  @Order(2)
  void aWorkerKilledMidRunCostsTimeButNotFindings() throws Exception {
    Path output = work.resolve("cluster-worker-lost");
    // Fewer shuffle partitions than Spark's 200 default: a different partitioning again, and
    // the run takes half the time on two one-core executors.
    Launcher.Running running = Launcher.start("jobs/integrity-risk", work.resolve("worker-lost.log"),
        java.util.Map.of("INTEGRITY_RISK_SUBMIT_OPTS", "--conf spark.sql.shuffle.partitions=8"),
        runArgs(output, "--master", MASTER));
    // By the time travellers are counted, both executors hold cached inputs and shuffle files.
    running.awaitStderr("frequent travellers", Duration.ofMinutes(10));
    Launcher.Result killed = Launcher.start("jobs/local-cluster", work.resolve("cluster.log"), "kill-worker", "2")
        .finish();
    assertEquals(0, killed.exit(), killed.toString());

    Launcher.Result ran = running.finish();

    assertEquals(0, ran.exit(), ran.toString());
    assertTrue(ran.stderr().contains("write quarantine"), ran.stderr());
    String sparkLog = java.nio.file.Files.readString(work.resolve("worker-lost.log"));
    assertTrue(sparkLog.contains("Lost executor"), "Spark saw the executor go: " + sparkLog);
    FindingsComparison.assertSameFindings(spark, localRun, runFolder(output));
    Launcher.Result status = Launcher.start("jobs/local-cluster", work.resolve("cluster.log"), "status").finish();
    assertEquals(1, status.exit(), "one worker is down: " + status);
  }
}
