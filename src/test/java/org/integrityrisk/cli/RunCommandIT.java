package org.integrityrisk.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command on a generated scenario: every planted bad row is quarantined with
 * its reason, every row is accounted for, and no clear traveller id leaves the pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private Path scenario;
  private JsonNode truth;
  private Path output;
  private Path log;
  private Launcher.Result run;
  private final SparkSession spark = SharedSpark.get();

  @BeforeAll
  void generateAndRun() throws Exception {
    scenario = work.resolve("scenario");
    Launcher.Result generated = Launcher.run(work.resolve("generate.log"),
        "generate", "--output", scenario.toString(), "--seed", "11", "--scale", "0.3");
    assertEquals(0, generated.exit(), generated.toString());
    truth = JSON.readTree(scenario.resolve("truth.json").toFile());
    output = work.resolve("findings");
    log = work.resolve("spark.log");
    run = runScenario(output, log);
    assertEquals(0, run.exit(), run.toString());
  }

  private Launcher.Result runScenario(Path out, Path logFile, String... extra) throws Exception {
    return Launcher.run(logFile, Launcher.runArgs(scenario, truth, out, extra));
  }

  /** A run of 2026-04-10 on hand-written clearances, with the scenario's rosters and key and no ports table. */
  private Launcher.Result runOnClearances(Path clearances, Path out) throws Exception {
    return Launcher.run(work.resolve(out.getFileName() + ".log"), "run", "--clearances", clearances.toString(),
        "--rosters", scenario.resolve(truth.at("/files/rosters").asText()).toString(),
        "--output", out.toString(), "--run-date", "2026-04-10",
        "--pseudonym-key-file", scenario.resolve(truth.get("key_file").asText()).toString());
  }

  private Path runFolder() {
    return output.resolve("run_date=" + truth.get("run_date").asText());
  }

  @Test
  void printsWhereTheFindingsAreAndOneLinePerStage() {
    assertTrue(run.stdout().contains("findings: " + runFolder()), run.toString());
    assertTrue(run.stderr().lines().anyMatch(l -> l.matches("\\[integrity-risk\\] ingest clearances +[\\d,]+ rows +[\\d.]+ s +\\d+ jobs")),
        run.stderr());
    assertFalse(run.stderr().contains(" INFO "), "Spark's INFO log must not reach the terminal");
  }

  @Test
  void everyRowIsAccountedForAsTheTruthExpects() throws IOException {
    JsonNode manifest = JSON.readTree(runFolder().resolve("manifest.json").toFile());
    assertEquals("succeeded", manifest.get("status").asText());
    for (String input : List.of("clearances", "rosters", "ports")) {
      JsonNode counts = manifest.at("/inputs/" + input);
      JsonNode expected = truth.at("/expected_counts/" + input);
      for (String field : List.of("read", "valid", "quarantined", "duplicates")) {
        assertEquals(expected.get(field).asLong(), counts.get(field).asLong(), input + " " + field);
      }
      assertEquals(counts.get("read").asLong(),
          counts.get("valid").asLong() + counts.get("quarantined").asLong() + counts.get("duplicates").asLong());
      assertEquals(truth.at("/rows/" + input).asLong(), counts.get("read").asLong(), input + " read");
    }
    assertTrue(manifest.at("/inputs/clearances/in_window").asLong() < manifest.at("/inputs/clearances/valid").asLong(),
        "the scenario has crossings before the window, which must not count as in the window");
    assertEquals(30, manifest.at("/parameters/lookback-days").asInt());
    String key = Files.readString(scenario.resolve(truth.get("key_file").asText())).strip();
    assertTrue(manifest.get("key_fingerprint").asText().matches("hmac-sha256:[0-9a-f]{16}"), manifest.toString());
    assertFalse(manifest.toString().contains(key), "the manifest carries the key's fingerprint, never the key");
    assertFalse(manifest.get("version").asText().isBlank());
    assertTrue(manifest.get("stages").size() >= 4);
  }

  @Test
  void everyPlantedBadRowIsQuarantinedWithItsReason() {
    Dataset<Row> quarantine = spark.read().parquet(runFolder().resolve("quarantine").toString());
    Map<String, String> reasonBySource = new HashMap<>();
    for (Row r : quarantine.select("input", "source_file", "source_row", "reason").collectAsList()) {
      String file = r.getString(1);
      reasonBySource.put(r.getString(0) + "|" + file.substring(file.lastIndexOf('/') + 1) + "|" + r.getLong(2),
          r.getString(3));
    }
    assertEquals(truth.get("bad_rows").size(), reasonBySource.size(), "quarantine holds exactly the planted bad rows");
    for (JsonNode bad : truth.get("bad_rows")) {
      String file = bad.get("file").asText();
      String key = bad.get("input").asText() + "|" + file.substring(file.lastIndexOf('/') + 1) + "|"
          + bad.get("source_row").asLong();
      assertEquals(bad.get("reason").asText(), reasonBySource.get(key), "planted bad row " + bad);
    }
    Set<String> reasons = new HashSet<>(reasonBySource.values());
    for (String expected : List.of("MALFORMED_RECORD", "MISSING_FIELD", "BAD_TIMESTAMP", "BAD_DIRECTION",
        "UNKNOWN_TIMEZONE", "UNKNOWN_PORT", "SHIFT_END_NOT_AFTER_START", "CONFLICTING_DUPLICATE_ID")) {
      assertTrue(reasons.contains(expected), "scenario plants " + expected);
    }
  }

  @Test
  void noClearTravellerIdAppearsInAnyOutputOrLog() throws IOException {
    Set<String> travellers = new HashSet<>(spark.read().option("header", "true").option("multiLine", "true")
        .option("escape", "\"").csv(scenario.resolve(truth.at("/files/clearances").asText()).toString())
        .select(col("traveller_id")).na().drop().distinct().as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList());
    assertTrue(travellers.size() > 1000);
    // Every string value of every Parquet table under the output folder, map and array values included.
    try (Stream<Path> tables = Files.walk(output)) {
      for (Path table : tables.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .map(Path::getParent).distinct().toList()) {
        Dataset<Row> rows = spark.read().parquet(table.toString());
        for (StructField field : rows.schema().fields()) {
          Dataset<String> values = stringsOf(rows, field);
          if (values != null) {
            List<String> leaked = values.filter((org.apache.spark.api.java.function.FilterFunction<String>)
                travellers::contains).limit(3).collectAsList();
            assertTrue(leaked.isEmpty(), table + " column " + field.name() + " holds clear ids " + leaked);
          }
        }
      }
    }
    // Text files (manifest) and what the command printed and logged.
    List<String> texts = new ArrayList<>(List.of(run.stdout(), run.stderr(), Files.readString(log)));
    try (Stream<Path> files = Files.walk(output)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        texts.add(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    for (String text : texts) {
      for (String id : travellers) {
        assertFalse(text.contains(id), "clear traveller id " + id + " in output text");
      }
    }
  }

  private static Dataset<String> stringsOf(Dataset<Row> rows, StructField field) {
    String name = "`" + field.name() + "`";
    if (field.dataType() instanceof StringType) {
      return rows.select(col(name)).na().drop().as(org.apache.spark.sql.Encoders.STRING());
    }
    if (field.dataType() instanceof MapType m && m.valueType() instanceof StringType) {
      return rows.selectExpr("explode(map_values(" + name + "))").na().drop().as(org.apache.spark.sql.Encoders.STRING());
    }
    if (field.dataType() instanceof ArrayType a && a.elementType() instanceof StringType) {
      return rows.selectExpr("explode(" + name + ")").na().drop().as(org.apache.spark.sql.Encoders.STRING());
    }
    return null;
  }

  @Test
  void tooManyBadRowsExits3AndKeepsThePreviousFindings() throws Exception {
    byte[] before = Files.readAllBytes(runFolder().resolve("manifest.json"));
    // The same data is too dirty for a stricter limit.
    Launcher.Result strict = runScenario(output, work.resolve("strict.log"), "--max-reject-ratio", "0.0001");
    assertEquals(3, strict.exit(), strict.toString());
    assertTrue(strict.stderr().contains("clearances input"), strict.stderr());
    assertTrue(strict.stderr().contains("max-reject-ratio"), strict.stderr());
    assertTrue(Files.isDirectory(output.resolve("_rejected/run_date=" + truth.get("run_date").asText()
        + "/quarantine")));
    assertEquals(new String(before, StandardCharsets.UTF_8),
        Files.readString(runFolder().resolve("manifest.json")), "a rejected run leaves the previous findings");
  }

  @Test
  void aFileOfMostlyBadRowsIsRejectedAtTheDefaultLimit() throws Exception {
    Path dirty = work.resolve("dirty.csv");
    StringBuilder csv = new StringBuilder("record_id,traveller_id,port_id,direction,crossed_at\n");
    for (int i = 0; i < 90; i++) {
      csv.append("R").append(i).append(",TX").append(i).append(",WEST-AIR,EXIT,2026-04-01T10:00:00Z\n");
    }
    for (int i = 90; i < 100; i++) {
      csv.append("R").append(i).append(",TX").append(i).append(",WEST-AIR,EXIT,not a time\n");
    }
    Files.writeString(dirty, csv);
    Path out = work.resolve("dirty-findings");
    Launcher.Result result = runOnClearances(dirty, out);
    assertEquals(3, result.exit(), result.toString());
    assertTrue(result.stderr().contains("10 of 100 rows"), result.stderr());
    assertFalse(Files.exists(out.resolve("run_date=2026-04-10")), "a rejected run publishes no run folder");
  }

  /**
   * A feed in which every second line is the same garbage line: the copies fold into one
   * quarantined row, but they are bad rows all the same, and half a feed of garbage is
   * rejected (it once ran to exit 0 with a reject ratio of 0.2%).
   */
  @Test
  void aFeedHalfOfOneGarbageLineRepeatedIsRejected() throws Exception {
    Path garbage = work.resolve("garbage.csv");
    StringBuilder csv = new StringBuilder("record_id,traveller_id,port_id,direction,crossed_at,lane_id,vehicle_id,"
        + "officer_id\n");
    for (int i = 0; i < 2000; i++) {
      csv.append("R").append(i).append(",TX").append(i % 50).append(",WEST-AIR,EXIT,2026-04-01T10:")
          .append(String.format("%02d:%02dZ", i / 60 % 60, i % 60)).append(",,,\n");
      csv.append("x,,P-NOPE,SIDEWAYS,not-a-time,,,\n");
    }
    Files.writeString(garbage, csv);
    Path out = work.resolve("garbage-findings");
    Launcher.Result result = runOnClearances(garbage, out);
    assertEquals(3, result.exit(), result.toString());
    assertTrue(result.stderr().contains("2,000 of 4,000 rows (50.00%) are bad (1 quarantined, 1,999 more copies of "
        + "them)"), result.stderr());
    assertTrue(result.stderr().contains("max-duplicate-ratio"), "the copies are duplicates too: " + result.stderr());
    assertFalse(Files.exists(out.resolve("run_date=2026-04-10")), "a rejected run publishes no run folder");
  }

  @Test
  void badUsageExits2WithAMessageNamingTheProblem() throws Exception {
    Path config = Files.writeString(work.resolve("bad.json"), "{\"lookback-days\": 30, \"min-suport\": 5}");
    Launcher.Result unknownKey = runScenario(work.resolve("unused"), work.resolve("u.log"), "--config", config.toString());
    assertEquals(2, unknownKey.exit(), unknownKey.toString());
    assertTrue(unknownKey.stderr().contains("'min-suport'"), unknownKey.stderr());

    Launcher.Result noKey = Launcher.run(work.resolve("k.log"), "run", "--clearances", "x.csv", "--rosters", "y.csv",
        "--output", work.resolve("unused").toString(), "--run-date", "2026-04-10");
    assertEquals(2, noKey.exit(), noKey.toString());
    assertTrue(noKey.stderr().contains("--pseudonym-key-file"), noKey.stderr());

    Launcher.Result absentKey = Launcher.run(work.resolve("m.log"), "run", "--clearances", "x.csv",
        "--rosters", "y.csv", "--output", work.resolve("unused").toString(), "--run-date", "2026-04-10",
        "--pseudonym-key-file", scenario.resolve("absent.key").toString());
    assertEquals(2, absentKey.exit(), absentKey.toString());
    assertTrue(absentKey.stderr().contains("absent.key"), absentKey.stderr());

    Launcher.Result badDate = Launcher.run(work.resolve("d.log"), "run", "--clearances", "x.csv", "--rosters", "y.csv",
        "--output", work.resolve("unused").toString(), "--run-date", "10/04/2026",
        "--pseudonym-key-file", scenario.resolve(truth.get("key_file").asText()).toString());
    assertEquals(2, badDate.exit(), badDate.toString());
    assertTrue(badDate.stderr().contains("--run-date"), badDate.stderr());
  }

  /**
   * A run date after the feed ends: an empty window is an empty feed, not a quiet night. It
   * exits 3 and publishes no findings, unless --allow-empty-window publishes the empty run,
   * whose manifest and report then say so.
   */
  @Test
  void anEmptyWindowIsRejectedUnlessAllowedAndThenWarned() throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(Launcher.runArgs(scenario, truth, work.resolve("stale"))));
    args.set(args.indexOf("--run-date") + 1, "2027-06-01");
    Launcher.Result stale = Launcher.run(work.resolve("stale.log"), args.toArray(String[]::new));
    assertEquals(3, stale.exit(), stale.toString());
    assertTrue(stale.stderr().contains("no clearance record falls in the window 2027-05-03T00:00:00Z to "
        + "2027-06-02T00:00:00Z: a stale or empty feed, not a quiet night"), stale.stderr());
    assertFalse(Files.exists(work.resolve("stale/run_date=2027-06-01")), "no findings are published");

    args.addAll(List.of("--allow-empty-window", "true"));
    Launcher.Result allowed = Launcher.run(work.resolve("allowed.log"), args.toArray(String[]::new));
    assertEquals(0, allowed.exit(), allowed.toString());
    Path run = work.resolve("stale/run_date=2027-06-01");
    JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
    assertEquals("empty window: no clearance record falls in 2027-05-03T00:00:00Z to 2027-06-02T00:00:00Z",
        manifest.at("/warnings/0").asText(), manifest.toString());
    assertTrue(Files.readString(run.resolve("report.html")).contains("<ul id=\"warnings\">"));
  }

  /**
   * A roster in which one officer's shifts overlap, in two divisions at once: the run goes on,
   * and its manifest and report count the problem with an example instead of testing
   * against it silently.
   */
  @Test
  void rostersThatDoNotAddUpAreCountedWarnings() throws Exception {
    Path samples = Launcher.ROOT.resolve("data-samples");
    List<String> roster = Files.readAllLines(samples.resolve("rosters.csv"));
    // A shift inside the window, its officer booked to a second division for the same hours.
    String[] first = roster.stream().map(line -> line.split(",", -1))
        .filter(f -> f.length == 6 && f[4].startsWith("2026-04-05T06:00") && f[5].startsWith("2026-04-05T14:00")
            && f[1].startsWith("OF-"))
        .findFirst().orElseThrow();
    Path rosters = work.resolve("overlapping-rosters.csv");
    Files.write(rosters, java.util.stream.Stream.concat(roster.stream(), Stream.of(String.join(",", "SH-OVERLAP",
        first[1], "ANOTHER-DIVISION", first[3], first[4], first[5]))).toList());
    Path out = work.resolve("overlap-findings");
    Launcher.Result result = Launcher.run(work.resolve("overlap.log"), "run",
        "--clearances", samples.resolve("clearances.csv").toString(), "--rosters", rosters.toString(),
        "--ports", samples.resolve("ports.csv").toString(), "--output", out.toString(), "--run-date", "2026-04-10",
        "--pseudonym-key-file", samples.resolve("pseudonym.key").toString(), "--encrypt-local-files", "true");
    assertEquals(0, result.exit(), result.toString());
    Path run = out.resolve("run_date=2026-04-10");
    JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
    // The same run with Spark's shuffle and spill files encrypted, in a private folder removed after it.
    assertEquals("true", manifest.at("/spark/io_encryption").asText(), manifest.toString());
    String localDir = manifest.at("/spark/local_dir").asText();
    assertTrue(Path.of(localDir).getFileName().toString().startsWith("integrity-risk-spark-"), localDir);
    assertFalse(Files.exists(Path.of(localDir)), "the private folder is removed when the run ends");
    JsonNode warnings = manifest.get("warnings");
    assertTrue(warnings.toString().contains("rosters: 1 pair(s) of shifts put one officer in two divisions at the "
        + "same time (e.g. " + first[1]), warnings.toString());
    assertTrue(warnings.toString().contains("rosters: 1 pair(s) of overlapping shifts of one officer"),
        warnings.toString());
    assertTrue(Files.readString(run.resolve("report.html")).contains("two divisions at the same time"));
  }

  /** Clear traveller ids and the key's bytes reach no log, message, manifest or report. */
  @Test
  void clearTravellerIdsAndTheKeyReachNoLogMessageManifestOrReport() throws Exception {
    String key = Files.readString(scenario.resolve(truth.get("key_file").asText())).strip();
    List<String> rows = Files.readAllLines(scenario.resolve(truth.at("/files/clearances").asText()));
    int column = List.of(rows.get(0).split(",")).indexOf("traveller_id");
    Set<String> travellers = new HashSet<>();
    for (String row : rows.subList(1, Math.min(rows.size(), 2000))) {
      String[] fields = row.split(",", -1);
      if (fields.length > column && fields[column].matches("[A-Z]{1,3}[0-9]{5,}")) {
        travellers.add(fields[column]);
      }
    }
    assertTrue(travellers.size() > 100, "the scenario's traveller ids: " + travellers.size());
    Path runFolder = runFolder();
    Map<String, String> texts = new HashMap<>();
    texts.put("stderr", run.stderr());
    texts.put("stdout", run.stdout());
    texts.put("Spark's log", Files.readString(log));
    texts.put("manifest.json", Files.readString(runFolder.resolve("manifest.json")));
    texts.put("report.html", Files.readString(runFolder.resolve("report.html")));
    for (Map.Entry<String, String> text : texts.entrySet()) {
      assertFalse(text.getValue().contains(key), "the key's bytes are in " + text.getKey());
      for (String traveller : travellers) {
        assertFalse(text.getValue().contains(traveller), "traveller id " + traveller + " is in " + text.getKey());
      }
    }
  }

  /** A key file its group or others can read is refused, as ssh refuses a private key; the option lets it through. */
  @Test
  void aPseudonymKeyOthersCanReadIsRefused() throws Exception {
    Path shared = work.resolve("shared.key");
    Files.copy(scenario.resolve(truth.get("key_file").asText()), shared);
    Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    List<String> args = new java.util.ArrayList<>(List.of(Launcher.runArgs(scenario, truth, work.resolve("shared"))));
    args.set(args.indexOf("--pseudonym-key-file") + 1, shared.toString());
    Launcher.Result refused = Launcher.run(work.resolve("shared.log"), args.toArray(String[]::new));
    assertEquals(2, refused.exit(), refused.toString());
    assertTrue(refused.stderr().contains("chmod 600 " + shared), refused.stderr());
    assertFalse(Files.exists(work.resolve("shared")), "refused before anything is written");
  }

  /** Paths are checked before Spark starts: one line naming the path, exit 2, nothing left behind. */
  @Test
  void aMissingInputOrAnUnwritableOutputIsOneLineBeforeSparkStarts() throws Exception {
    Path output = work.resolve("never-written");
    String key = scenario.resolve(truth.get("key_file").asText()).toString();
    String rosters = scenario.resolve(truth.at("/files/rosters").asText()).toString();
    Launcher.Result missing = Launcher.run(work.resolve("missing.log"), "run", "--clearances",
        work.resolve("nope.csv").toString(), "--rosters", rosters, "--output", output.toString(),
        "--run-date", "2026-04-10", "--pseudonym-key-file", key);
    assertEquals(2, missing.exit(), missing.toString());
    assertTrue(missing.stderr().contains("--clearances " + work.resolve("nope.csv") + ": no such file or folder"),
        missing.stderr());
    assertFalse(missing.stderr().contains("\tat "), "no stack trace: " + missing.stderr());
    assertFalse(Files.exists(output), "nothing is created, not even the locks folder");

    Launcher.Result jdbc = Launcher.run(work.resolve("jdbc.log"), "run", "--clearances",
        "jdbc:mysql://localhost:3306/customs?table=clearances", "--rosters", rosters,
        "--output", output.toString(), "--run-date", "2026-04-10", "--pseudonym-key-file", key);
    assertEquals(2, jdbc.exit(), jdbc.toString());
    assertFalse(jdbc.stderr().contains("\tat "), "no stack trace from java.net.URI: " + jdbc.stderr());

    Path file = Files.writeString(work.resolve("a-file"), "not a folder");
    Launcher.Result notAFolder = runScenario(file, work.resolve("file.log"));
    assertEquals(2, notAFolder.exit(), notAFolder.toString());
    assertTrue(notAFolder.stderr().contains("--output " + file + ": is a file, not a folder"), notAFolder.stderr());
    assertFalse(notAFolder.stderr().contains("\tat "), "no stack trace: " + notAFolder.stderr());
  }
}
