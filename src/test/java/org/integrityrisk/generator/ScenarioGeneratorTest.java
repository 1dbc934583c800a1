package org.integrityrisk.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.integrityrisk.output.Pseudonymiser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioGeneratorTest {
  private static final long SEED = 42;
  private static final double SCALE = 0.05;
  /**
   * SHA-256 over clearances.csv, rosters.csv, ports.csv, pseudonym.key and truth.json, in
   * that order, of seed 7 at scale 0.05 as generated before the optional patterns existed
   * (commit fc71022). Without them, the files must stay exactly these.
   */
  private static final String SEED_7_SHA256 = "7ba201ff1004a6c44936b4a572670a9ab63fe0751594230b6c7145737aeb1ea8";

  @TempDir
  static Path tmp;

  private static ScenarioSummary summary;
  private static JsonNode truth;
  private static List<List<String>> clearances;
  private static List<List<String>> rosters;
  private static List<List<String>> ports;
  private static Set<String> badRows;

  @BeforeAll
  static void generate() throws IOException {
    summary = ScenarioGenerator.generate(new GeneratorOptions(tmp.resolve("scenario"), SEED, SCALE));
    truth = new ObjectMapper().readTree(summary.truth().toFile());
    clearances = CsvRecords.read(summary.clearances());
    rosters = CsvRecords.read(summary.rosters());
    ports = CsvRecords.read(summary.ports());
    badRows = new HashSet<>();
    for (JsonNode bad : truth.get("bad_rows")) {
      badRows.add(bad.get("file").asText() + "#" + bad.get("source_row").asLong());
    }
  }

  /** The optional patterns, in a scenario of their own. */
  @Nested
  class Extras extends ScenarioExtrasChecks {}

  /** The options of the crowded scenarios, in a scenario of their own. */
  @Nested
  class Crowded extends CrowdedScenarioChecks {}

  @Test
  void sameOptionsGiveByteIdenticalFiles(@TempDir Path other) throws IOException {
    ScenarioSummary again = ScenarioGenerator.generate(new GeneratorOptions(other, SEED, SCALE));
    for (String name : List.of("clearances.csv", "rosters.csv", "ports.csv", "pseudonym.key", "truth.json")) {
      assertArrayEquals(Files.readAllBytes(summary.clearances().resolveSibling(name)),
          Files.readAllBytes(again.clearances().resolveSibling(name)), name);
    }
  }

  @Test
  void withoutTheOptionalPatternsTheFilesAreThoseOfTheGeneratorBeforeThem(@TempDir Path dir)
      throws IOException, GeneralSecurityException {
    ScenarioGenerator.generate(new GeneratorOptions(dir, 7, SCALE, GeneratorOptions.DEFAULT_RUN_DATE,
        GeneratorOptions.DEFAULT_LOOKBACK_DAYS, GeneratorOptions.Extras.NONE));
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (String name : List.of("clearances.csv", "rosters.csv", "ports.csv", "pseudonym.key", "truth.json")) {
      sha256.update(Files.readAllBytes(dir.resolve(name)));
    }
    assertEquals(SEED_7_SHA256, HexFormat.of().formatHex(sha256.digest()));
  }

  @Test
  void colludingRingsMakeTheTripsAsked(@TempDir Path dir) throws IOException {
    ScenarioSummary shortLived = ScenarioGenerator.generate(new GeneratorOptions(dir, SEED, SCALE,
        GeneratorOptions.DEFAULT_RUN_DATE, GeneratorOptions.DEFAULT_LOOKBACK_DAYS, GeneratorOptions.Extras.NONE,
        new GeneratorOptions.Rings(6, 7, true)));
    JsonNode rings = new ObjectMapper().readTree(shortLived.truth().toFile()).get("rings");
    int colluding = 0;
    for (JsonNode ring : rings) {
      String kind = ring.get("kind").asText();
      if (kind.startsWith("colluding")) {
        colluding++;
        int trips = ring.get("trips").asInt();
        assertTrue(trips >= 6 && trips <= 7, ring.toString());
      }
    }
    assertEquals(3, colluding, rings.toString());
  }

  @Test
  void theNullTwinHasAsManyRingsAndNoCollusion(@TempDir Path dir) throws IOException {
    ScenarioSummary nullTwin = ScenarioGenerator.generate(new GeneratorOptions(dir, SEED, SCALE,
        GeneratorOptions.DEFAULT_RUN_DATE, GeneratorOptions.DEFAULT_LOOKBACK_DAYS, GeneratorOptions.Extras.NONE,
        new GeneratorOptions.Rings(6, 14, false)));
    JsonNode nullTruth = new ObjectMapper().readTree(nullTwin.truth().toFile());
    assertEquals(0, nullTruth.get("colluding_officers").size());
    assertEquals(0, nullTruth.get("colluding_divisions").size());
    assertEquals(truth.get("rings").size(), nullTruth.get("rings").size());
    for (JsonNode ring : nullTruth.get("rings")) {
      assertEquals("independent", ring.get("kind").asText(), ring.toString());
    }
    // The rings that replace the colluding ones go out and back within hours, as those would
    // have: a null scenario must hold groups as suspect-looking as its colluding twin's.
    Map<String, List<java.time.OffsetDateTime>> exits = new HashMap<>();
    Map<String, List<java.time.OffsetDateTime>> entries = new HashMap<>();
    List<List<String>> records = CsvRecords.read(nullTwin.clearances());
    for (List<String> r : records.subList(1, records.size())) {
      if (r.size() < 5) {
        continue;
      }
      try {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse(r.get(4));
        (r.get(3).equals("EXIT") ? exits : entries).computeIfAbsent(r.get(1), k -> new ArrayList<>()).add(at);
      } catch (java.time.format.DateTimeParseException badRow) {
        // the planted bad rows
      }
    }
    int dayTripRings = 0;
    for (JsonNode ring : nullTruth.get("rings")) {
      String member = ring.get("members").get(0).asText();
      int dayTrips = 0;
      for (java.time.OffsetDateTime out : exits.getOrDefault(member, List.of())) {
        boolean back = entries.getOrDefault(member, List.of()).stream().anyMatch(in -> in.isAfter(out.plusMinutes(15))
            && !in.isAfter(out.plusHours(8)));
        dayTrips += back ? 1 : 0;
      }
      dayTripRings += dayTrips >= ring.get("trips").asInt() - 1 ? 1 : 0;
    }
    assertTrue(dayTripRings >= 4, "rings out and back within 8 hours on (nearly) every trip: " + dayTripRings);
  }

  @Test
  void anotherSeedGivesOtherClearances(@TempDir Path other) throws IOException {
    ScenarioSummary different = ScenarioGenerator.generate(new GeneratorOptions(other, SEED + 1, SCALE));
    assertFalse(Files.readString(different.clearances()).equals(Files.readString(summary.clearances())));
  }

  @Test
  void everyRecordHasTheHeadersFieldsExceptTheMalformedOne() {
    assertRecordShape("clearances.csv", clearances, 8);
    assertRecordShape("rosters.csv", rosters, 6);
    assertRecordShape("ports.csv", ports, 3);
    long lineBreaks = clearances.stream().skip(1).filter(r -> r.size() == 8 && r.get(7).contains("\n")).count();
    assertTrue(lineBreaks > clearances.size() / 100, "remarks with line breaks: " + lineBreaks);
  }

  private static void assertRecordShape(String file, List<List<String>> records, int fields) {
    assertEquals(fields, records.get(0).size(), file + " header");
    for (int row = 1; row < records.size(); row++) {
      int expected = isBad(file, row, "MALFORMED_RECORD") ? fields + 1 : fields;
      assertEquals(expected, records.get(row).size(), file + " record " + row);
    }
  }

  private static boolean isBad(String file, long row, String reason) {
    for (JsonNode bad : truth.get("bad_rows")) {
      if (bad.get("file").asText().equals(file) && bad.get("source_row").asLong() == row
          && bad.get("reason").asText().equals(reason)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void recordCountsMatchTruth() {
    JsonNode rows = truth.get("rows");
    assertEquals(clearances.size() - 1, rows.get("clearances").asLong());
    assertEquals(rosters.size() - 1, rows.get("rosters").asLong());
    assertEquals(ports.size() - 1, rows.get("ports").asLong());
    assertEquals(summary.clearanceRows(), rows.get("clearances").asLong());
    for (String input : List.of("clearances", "rosters", "ports")) {
      JsonNode counts = truth.get("expected_counts").get(input);
      assertEquals(counts.get("read").asLong(),
          counts.get("valid").asLong() + counts.get("quarantined").asLong() + counts.get("duplicates").asLong());
      assertEquals(rows.get(input).asLong(), counts.get("read").asLong());
    }
    long total = rows.get("clearances").asLong();
    assertTrue(total > 4_000 && total < 6_000, "about 5,000 clearance rows at scale 0.05, got " + total);
    assertTrue(truth.get("expected_counts").get("ports").get("quarantined").asDouble() <= 0.04 * (ports.size() - 1));
  }

  @Test
  void badAndDuplicateRowsPointAtRecordsWithTheirKey() {
    Map<String, List<List<String>>> files = Map.of(
        "clearances.csv", clearances, "rosters.csv", rosters, "ports.csv", ports);
    Set<String> reasons = new HashSet<>();
    for (JsonNode bad : truth.get("bad_rows")) {
      List<List<String>> records = files.get(bad.get("file").asText());
      List<String> record = records.get(bad.get("source_row").asInt());
      String key = bad.get("key").isNull() ? "" : bad.get("key").asText();
      assertEquals(key, record.get(0), bad.toString());
      String reason = bad.get("reason").asText();
      reasons.add(bad.get("input").asText() + ":" + reason);
      if (reason.equals("MISSING_FIELD")) {
        int column = records.get(0).indexOf(bad.get("field").asText());
        assertEquals("", record.get(column), bad.toString());
        assertEquals(1, record.stream().filter(String::isEmpty).count()
            - optionalEmpties(bad.get("input").asText(), records.get(0), record), bad.toString());
      }
    }
    for (String expected : List.of("clearances:MISSING_FIELD", "clearances:BAD_TIMESTAMP",
        "clearances:BAD_DIRECTION", "clearances:UNKNOWN_PORT", "clearances:CONFLICTING_DUPLICATE_ID",
        "clearances:MALFORMED_RECORD", "rosters:MISSING_FIELD", "rosters:BAD_TIMESTAMP", "rosters:UNKNOWN_PORT",
        "rosters:SHIFT_END_NOT_AFTER_START", "rosters:CONFLICTING_DUPLICATE_ID", "ports:UNKNOWN_TIMEZONE",
        "ports:MISSING_FIELD")) {
      assertTrue(reasons.contains(expected), expected);
    }
    for (JsonNode duplicate : truth.get("duplicate_rows")) {
      List<List<String>> records = files.get(duplicate.get("file").asText());
      int row = duplicate.get("source_row").asInt();
      List<String> copy = records.get(row);
      assertEquals(duplicate.get("key").asText(), copy.get(0));
      assertTrue(records.subList(1, row).contains(copy), "an identical earlier record for " + duplicate);
    }
  }

  /** Empty optional columns (lane, vehicle on foot, remarks; a port's name) in a record. */
  private static long optionalEmpties(String input, List<String> header, List<String> record) {
    List<String> optional = input.equals("clearances") ? List.of("lane_id", "vehicle_id", "remarks")
        : input.equals("ports") ? List.of("name") : List.of();
    return optional.stream().filter(c -> record.get(header.indexOf(c)).isEmpty()).count();
  }

  @Test
  void colludingOfficersRingCrossesOnlyInTheirShiftsAndPartlyInOvertimeOutsideTheirDivision() {
    List<ShiftRow> shifts = validShifts();
    assertEquals(2, truth.get("colluding_officers").size());
    for (JsonNode ring : rings("colluding_officer")) {
      String officer = ring.get("officer_id").asText();
      List<ShiftRow> own = shifts.stream().filter(s -> s.officer.equals(officer)).toList();
      String division = own.get(0).division;
      List<ShiftRow> teammates = shifts.stream()
          .filter(s -> s.division.equals(division) && !s.officer.equals(officer))
          .toList();
      List<Instant> crossings = crossingsOf(ring);
      assertEquals(6 * ring.get("trips").asInt(), crossings.size());
      int apart = 0;
      for (Instant at : crossings) {
        assertTrue(own.stream().anyMatch(s -> s.covers(at)), officer + " is on duty at " + at);
        if (teammates.stream().noneMatch(s -> s.covers(at))) {
          apart++;
        }
      }
      assertTrue(apart * 3 >= crossings.size(), "a third of the crossings in overtime apart from " + division);
    }
  }

  @Test
  void colludingDivisionsRingCrossesOnlyInItsDuty() {
    List<ShiftRow> shifts = validShifts();
    for (JsonNode ring : rings("colluding_division")) {
      String division = ring.get("division_id").asText();
      List<ShiftRow> duty = shifts.stream().filter(s -> s.division.equals(division)).toList();
      Set<String> officers = new HashSet<>();
      duty.forEach(s -> officers.add(s.officer));
      List<Instant> crossings = crossingsOf(ring);
      for (Instant at : crossings) {
        assertTrue(duty.stream().anyMatch(s -> s.covers(at)), division + " is on duty at " + at);
      }
      for (String officer : officers) {
        long present = crossings.stream()
            .filter(at -> duty.stream().anyMatch(s -> s.officer.equals(officer) && s.covers(at)))
            .count();
        assertTrue(present < crossings.size(), officer + " alone does not explain the ring");
      }
    }
  }

  @Test
  void staleRingCrossesOnlyBeforeTheWindow() {
    Instant windowStart = Instant.parse(truth.get("window_start").asText());
    List<JsonNode> stale = rings("stale");
    assertEquals(1, stale.size());
    List<Instant> crossings = crossingsOf(stale.get(0));
    assertFalse(crossings.isEmpty());
    crossings.forEach(at -> assertTrue(at.isBefore(windowStart), at.toString()));
  }

  @Test
  void rostersCrossMidnightAndTheBerlinDstNightShiftLastsSevenHours() {
    List<ShiftRow> shifts = validShifts();
    assertTrue(shifts.stream().anyMatch(s -> !s.startText.substring(0, 10).equals(s.endText.substring(0, 10))));
    List<ShiftRow> dstNight = shifts.stream()
        .filter(s -> s.port.equals("NORTH-BRIDGE") && s.startText.equals("2026-03-28T22:00:00+01:00"))
        .toList();
    assertFalse(dstNight.isEmpty());
    assertTrue(dstNight.stream().anyMatch(s -> s.endText.equals("2026-03-29T06:00:00+02:00")
        && Duration.between(s.start, s.end).equals(Duration.ofHours(7))));
    assertTrue(dstNight.stream().noneMatch(s -> Duration.between(s.start, s.end).equals(Duration.ofHours(8))));
  }

  @Test
  void truthNamesPseudonymsMadeWithTheKeyFile() throws IOException {
    byte[] key = Files.readAllBytes(summary.keyFile());
    assertEquals(64, key.length);
    assertTrue(new String(key, StandardCharsets.US_ASCII).matches("[0-9a-f]{64}"));
    Pseudonymiser pseudonymiser = new Pseudonymiser(key);
    for (JsonNode group : iterable(truth.get("rings"), truth.get("innocent_groups"))) {
      for (int i = 0; i < group.get("members").size(); i++) {
        assertEquals(pseudonymiser.pseudonym(group.get("members").get(i).asText()),
            group.get("member_pseudonyms").get(i).asText());
      }
    }
    assertEquals(7, truth.get("rings").size());
    assertEquals(4, truth.get("ports").size());
  }

  /**
   * {@code --layout partitioned}: the same rows as the single file, each in the folder of its
   * UTC day, every file with the header; the truth's bad rows are found where it says.
   */
  @Test
  void aScenarioLaidOutByDayHoldsTheSameRowsEachInItsDay(@TempDir Path dir) throws IOException {
    ScenarioSummary lake = ScenarioGenerator.generate(new GeneratorOptions(dir, SEED, SCALE),
        ScenarioGenerator.Layout.BY_DAY);
    JsonNode lakeTruth = new ObjectMapper().readTree(lake.truth().toFile());
    assertEquals("clearances", lakeTruth.get("files").get("clearances").asText());
    List<Path> dayFiles;
    try (Stream<Path> files = Files.walk(lake.clearances())) {
      dayFiles = files.filter(Files::isRegularFile).sorted().toList();
    }
    List<String> rows = new java.util.ArrayList<>();
    Map<String, List<List<String>>> records = new HashMap<>();
    for (Path file : dayFiles) {
      String day = file.getParent().getFileName().toString();
      assertTrue(day.matches("crossing_date=\\d{4}-\\d{2}-\\d{2}"), day);
      List<List<String>> fileRecords = CsvRecords.read(file);
      assertEquals(clearances.get(0), fileRecords.get(0), "each day's file has the header");
      for (List<String> record : fileRecords.subList(1, fileRecords.size())) {
        rows.add(String.join("\u0001", record));
        String at = record.get(4);
        if (at.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
          try {
            assertEquals(day.substring("crossing_date=".length()), java.time.OffsetDateTime.parse(at)
                .atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDate().toString(), at + " in " + file);
          } catch (java.time.format.DateTimeParseException unreadable) {
            // A planted bad timestamp goes to the day of the row before it.
          }
        }
      }
      records.put("clearances/" + day + "/" + file.getFileName(), fileRecords);
    }
    List<String> single = clearances.subList(1, clearances.size()).stream().map(r -> String.join("\u0001", r))
        .sorted().toList();
    assertEquals(single, rows.stream().sorted().toList(), "the same rows as the single file");
    for (JsonNode bad : iterable(lakeTruth.get("bad_rows"), lakeTruth.get("duplicate_rows"))) {
      if (bad.get("input").asText().equals("clearances")) {
        List<String> record = records.get(bad.get("file").asText()).get(bad.get("source_row").asInt());
        assertEquals(bad.get("key").isNull() ? "" : bad.get("key").asText(), record.get(0));
      }
    }
  }

  @Test
  void largeScenariosAreSplitIntoPartsEachWithItsHeader(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("clearances.csv"), "left over");
    ScenarioSummary split = ScenarioGenerator.generate(new GeneratorOptions(dir, SEED, SCALE), true, 1_000);
    JsonNode splitTruth = new ObjectMapper().readTree(split.truth().toFile());
    assertFalse(Files.exists(dir.resolve("clearances.csv")));
    assertEquals("clearances", splitTruth.get("files").get("clearances").asText());
    List<Path> parts;
    try (Stream<Path> files = Files.list(split.clearances())) {
      parts = files.sorted().toList();
    }
    assertEquals("part-00000.csv", parts.get(0).getFileName().toString());
    Map<String, List<List<String>>> records = new HashMap<>();
    long total = 0;
    for (Path part : parts) {
      List<List<String>> partRecords = CsvRecords.read(part);
      assertEquals(clearances.get(0), partRecords.get(0));
      assertTrue(partRecords.size() - 1 <= 1_000);
      total += partRecords.size() - 1;
      records.put("clearances/" + part.getFileName(), partRecords);
    }
    assertEquals(splitTruth.get("rows").get("clearances").asLong(), total);
    assertEquals(truth.get("rows").get("clearances").asLong(), total);
    for (JsonNode bad : iterable(splitTruth.get("bad_rows"), splitTruth.get("duplicate_rows"))) {
      if (bad.get("input").asText().equals("clearances")) {
        List<String> record = records.get(bad.get("file").asText()).get(bad.get("source_row").asInt());
        assertEquals(bad.get("key").isNull() ? "" : bad.get("key").asText(), record.get(0));
      }
    }
  }

  @Test
  void optionsAreChecked() {
    Path out = tmp.resolve("unused");
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions(null, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions(out, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions(out, 1, 1000.5));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions(out, 1, 1, LocalDate.of(2026, 4, 10), 0));
    assertThrows(IllegalArgumentException.class,
        () -> new GeneratorOptions(out, 1, 1, LocalDate.of(2026, 4, 10), 367));
    assertEquals(GeneratorOptions.DEFAULT_RUN_DATE, new GeneratorOptions(out, 1, 1, null, 30).runDate());
    assertEquals(GeneratorOptions.Extras.NONE, new GeneratorOptions(out, 1, 1).extras());
    assertEquals(GeneratorOptions.Extras.NONE, new GeneratorOptions(out, 1, 1, null, 30, null).extras());
    assertFalse(GeneratorOptions.Extras.NONE.any());
  }

  private static List<JsonNode> rings(String kind) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode ring : truth.get("rings")) {
      if (ring.get("kind").asText().equals(kind)) {
        found.add(ring);
      }
    }
    return found;
  }

  private static List<Instant> crossingsOf(JsonNode group) {
    Set<String> members = new HashSet<>();
    group.get("members").forEach(m -> members.add(m.asText()));
    List<Instant> crossings = new ArrayList<>();
    for (int row = 1; row < clearances.size(); row++) {
      List<String> record = clearances.get(row);
      if (!badRows.contains("clearances.csv#" + row) && members.contains(record.get(1))) {
        assertEquals(group.get("port_id").asText(), record.get(2));
        crossings.add(OffsetDateTime.parse(record.get(4)).toInstant());
      }
    }
    return crossings;
  }

  private static List<ShiftRow> validShifts() {
    List<ShiftRow> shifts = new ArrayList<>();
    for (int row = 1; row < rosters.size(); row++) {
      if (!badRows.contains("rosters.csv#" + row)) {
        List<String> r = rosters.get(row);
        shifts.add(new ShiftRow(r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)));
      }
    }
    return shifts;
  }

  private static List<JsonNode> iterable(JsonNode... arrays) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode array : arrays) {
      array.forEach(all::add);
    }
    return all;
  }

  private static final class ShiftRow {
    final String officer;
    final String division;
    final String port;
    final String startText;
    final String endText;
    final Instant start;
    final Instant end;

    ShiftRow(String officer, String division, String port, String startText, String endText) {
      this.officer = officer;
      this.division = division;
      this.port = port;
      this.startText = startText;
      this.endText = endText;
      this.start = OffsetDateTime.parse(startText).toInstant();
      this.end = OffsetDateTime.parse(endText).toInstant();
    }

    boolean covers(Instant at) {
      return !at.isBefore(start) && at.isBefore(end);
    }
  }
}
