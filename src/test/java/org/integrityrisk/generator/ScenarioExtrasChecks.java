package org.integrityrisk.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional patterns: shuttle bus, queue burst, weekly coach and the clearing columns.
 * Run as {@link ScenarioGeneratorTest.Extras}, so selecting the generator's test selects
 * these too.
 */
abstract class ScenarioExtrasChecks {
  private static final long SEED = 42;
  private static final double SCALE = 0.05;
  private static final String HEADER =
      "record_id,traveller_id,port_id,direction,crossed_at,lane_id,vehicle_id,officer_id,inspected,seizure,remarks";

  @TempDir
  static Path tmp;

  private static ScenarioSummary summary;
  private static JsonNode truth;
  private static List<List<String>> clearances;
  /** The valid clearance rows (bad rows left out), as parsed records. */
  private static List<Row> rows;
  private static Map<String, List<Row>> rowsByTraveller;
  private static Map<String, List<ShiftRow>> shiftsByOfficer;

  @BeforeAll
  static void generate() throws IOException {
    summary = ScenarioGenerator.generate(options(tmp.resolve("scenario"), GeneratorOptions.Extras.ALL));
    truth = new ObjectMapper().readTree(summary.truth().toFile());
    clearances = CsvRecords.read(summary.clearances());
    Set<Long> badClearances = new HashSet<>();
    Set<Long> badShifts = new HashSet<>();
    for (JsonNode bad : truth.get("bad_rows")) {
      (bad.get("input").asText().equals("clearances") ? badClearances : badShifts).add(bad.get("source_row").asLong());
    }
    rows = new ArrayList<>();
    for (int i = 1; i < clearances.size(); i++) {
      if (!badClearances.contains((long) i)) {
        rows.add(new Row(clearances.get(i)));
      }
    }
    rowsByTraveller = rows.stream().collect(Collectors.groupingBy(r -> r.traveller));
    List<List<String>> rosters = CsvRecords.read(summary.rosters());
    shiftsByOfficer = new HashMap<>();
    for (int i = 1; i < rosters.size(); i++) {
      if (!badShifts.contains((long) i)) {
        ShiftRow s = new ShiftRow(rosters.get(i));
        shiftsByOfficer.computeIfAbsent(s.officer, k -> new ArrayList<>()).add(s);
      }
    }
  }

  private static GeneratorOptions options(Path dir, GeneratorOptions.Extras extras) {
    return new GeneratorOptions(dir, SEED, SCALE, GeneratorOptions.DEFAULT_RUN_DATE,
        GeneratorOptions.DEFAULT_LOOKBACK_DAYS, extras);
  }

  @Test
  void sameOptionsGiveByteIdenticalFiles(@TempDir Path other) throws IOException {
    ScenarioSummary again = ScenarioGenerator.generate(options(other, GeneratorOptions.Extras.ALL));
    for (String name : List.of("clearances.csv", "rosters.csv", "ports.csv", "pseudonym.key", "truth.json")) {
      assertArrayEquals(Files.readAllBytes(summary.clearances().resolveSibling(name)),
          Files.readAllBytes(again.clearances().resolveSibling(name)), name);
    }
  }

  /** A pattern adds its rows and leaves every standard row (record ids aside) and the rosters as they were. */
  @Test
  void aPatternOnlyAddsRows(@TempDir Path dir) throws IOException {
    ScenarioSummary plain = ScenarioGenerator.generate(options(dir.resolve("plain"), GeneratorOptions.Extras.NONE));
    ScenarioSummary shuttle = ScenarioGenerator.generate(
        options(dir.resolve("shuttle"), new GeneratorOptions.Extras(true, false, false, false)));
    List<List<String>> before = CsvRecords.read(plain.clearances());
    List<List<String>> after = CsvRecords.read(shuttle.clearances());
    CsvRecords.assertKeptInOrder(before, after);
    assertEquals(before.size() - 1 + shuttleCrossings(), after.size() - 1);
    assertArrayEquals(Files.readAllBytes(plain.rosters()), Files.readAllBytes(shuttle.rosters()));
  }

  private static int shuttleCrossings() {
    int n = 0;
    for (String rider : members(group("shuttle"))) {
      n += rowsByTraveller.get(rider).size();
    }
    return n;
  }

  @Test
  void shuttleRidersAreRegularsInOneBusAtFixedTimes() {
    JsonNode shuttle = group("shuttle");
    List<String> riders = members(shuttle);
    assertEquals(40, riders.size());
    int trips = shuttle.get("trips").asInt();
    assertEquals(weekdaysInWindow(), trips);
    Set<String> plates = new HashSet<>();
    Map<String, List<Instant>> passages = new HashMap<>();
    for (String rider : riders) {
      Set<LocalDate> days = new TreeSet<>();
      for (Row r : rowsByTraveller.get(rider)) {
        assertEquals(shuttle.get("port_id").asText(), r.port);
        plates.add(r.vehicle);
        LocalTime local = r.local.toLocalTime();
        if (r.exit) {
          days.add(r.local.toLocalDate());
          assertTrue(!local.isBefore(LocalTime.of(6, 38)) && local.isBefore(LocalTime.of(6, 50, 1)), r.crossedAt);
        } else {
          assertTrue(!local.isBefore(LocalTime.of(18, 8)) && local.isBefore(LocalTime.of(18, 20, 1)), r.crossedAt);
        }
        assertFalse(r.local.getDayOfWeek() == DayOfWeek.SATURDAY || r.local.getDayOfWeek() == DayOfWeek.SUNDAY);
        passages.computeIfAbsent(r.local.toLocalDate() + (r.exit ? "EXIT" : "ENTRY"), k -> new ArrayList<>())
            .add(r.at);
      }
      assertTrue(days.size() >= 0.8 * trips && days.size() <= trips, rider + " rode on " + days.size() + " days");
    }
    assertEquals(1, plates.size(), "one bus");
    assertFalse(plates.iterator().next().isEmpty());
    assertEquals(2 * trips, passages.size());
    for (List<Instant> bus : passages.values()) {
      Instant first = bus.stream().min(Comparator.naturalOrder()).orElseThrow();
      Instant last = bus.stream().max(Comparator.naturalOrder()).orElseThrow();
      assertTrue(last.getEpochSecond() - first.getEpochSecond() <= 480, "cleared within 8 minutes");
    }
  }

  @Test
  void queueBurstPoolTravellersCrossOftenAtTheBurstHour() {
    JsonNode burst = truth.get("queue_burst");
    assertEquals("17:00-17:20", burst.get("local_time").asText());
    int pool = burst.get("pool_size").asInt();
    assertEquals(300, pool);
    String port = burst.get("port_id").asText();
    // The pool's travellers are the first of the burst's own identifier sequence.
    Identifiers ids = new Identifiers(new RandomStreams(SEED).stream("identifiers"));
    Identifiers.Sequence people = ids.sequence(Identifiers.QUEUE_BURST_BASE);
    int total = 0;
    Map<LocalDate, Integer> perDay = new HashMap<>();
    for (int i = 0; i < pool; i++) {
      List<Row> crossings = rowsByTraveller.getOrDefault(people.traveller(), List.of());
      assertTrue(crossings.size() >= 6 && crossings.size() <= 10, "pool traveller crosses " + crossings.size());
      Set<String> vehicles = new HashSet<>();
      for (Row r : crossings) {
        assertEquals(port, r.port);
        LocalTime local = r.local.toLocalTime();
        assertTrue(!local.isBefore(LocalTime.of(17, 0)) && local.isBefore(LocalTime.of(17, 20)), r.crossedAt);
        vehicles.add(r.vehicle);
        perDay.merge(r.local.toLocalDate(), 1, Integer::sum);
      }
      assertEquals(1, vehicles.size(), "alone, on foot or always in the own car");
      total += crossings.size();
    }
    assertEquals(burst.get("crossings").asInt(), total);
    assertEquals(truth.get("lookback_days").asInt(), perDay.size(), "a burst every day");
  }

  @Test
  void weeklyCoachCrewIsOnEverySaturdayTripWithAMostlyNewLoad() {
    JsonNode coach = group("weekly_coach");
    List<String> crew = members(coach);
    assertEquals(3, crew.size());
    int trips = coach.get("trips").asInt();
    assertEquals(saturdaysInWindow(), trips);
    String plate = rowsByTraveller.get(crew.get(0)).get(0).vehicle;
    assertFalse(plate.isEmpty());
    Set<LocalDate> saturdays = new TreeSet<>();
    for (String member : crew) {
      List<Row> own = rowsByTraveller.get(member);
      assertEquals(2 * trips, own.size());
      for (Row r : own) {
        assertEquals(plate, r.vehicle);
        assertEquals(DayOfWeek.SATURDAY, r.local.getDayOfWeek());
        assertTrue(r.exit ? r.local.getHour() < 10 : r.local.getHour() >= 18, r.crossedAt);
        saturdays.add(r.local.toLocalDate());
      }
    }
    assertEquals(trips, saturdays.size());
    Set<String> crewSet = new HashSet<>(crew);
    int loads = 0;
    Set<String> passengers = new HashSet<>();
    for (LocalDate day : saturdays) {
      Set<String> load = rows.stream()
          .filter(r -> r.exit && plate.equals(r.vehicle) && r.local.toLocalDate().equals(day)
              && !crewSet.contains(r.traveller))
          .map(r -> r.traveller)
          .collect(Collectors.toSet());
      assertTrue(load.size() >= 30 && load.size() <= 45, "coach load " + load.size());
      loads += load.size();
      passengers.addAll(load);
    }
    assertTrue(passengers.size() >= 0.8 * loads, "mostly new passengers every week");
  }

  @Test
  void clearancesHaveTheClearingColumnsAndTheBrokenBooleanIsListed() {
    assertEquals(List.of(HEADER.split(",")), clearances.get(0));
    int fields = clearances.get(0).size();
    int inspected = clearances.get(0).indexOf("inspected");
    List<JsonNode> badBooleans = new ArrayList<>();
    for (JsonNode bad : truth.get("bad_rows")) {
      if (bad.get("input").asText().equals("clearances")) {
        List<String> record = clearances.get(bad.get("source_row").asInt());
        assertEquals(bad.get("key").isNull() ? "" : bad.get("key").asText(), record.get(0));
        assertEquals(bad.get("reason").asText().equals("MALFORMED_RECORD") ? fields + 1 : fields, record.size());
        if (bad.get("reason").asText().equals("BAD_BOOLEAN")) {
          badBooleans.add(bad);
          assertEquals("inspected", bad.get("field").asText());
          assertEquals("maybe", record.get(inspected));
        }
      }
    }
    assertEquals(1, badBooleans.size());
    JsonNode counts = truth.get("expected_counts").get("clearances");
    long quarantined = 0;
    for (JsonNode bad : truth.get("bad_rows")) {
      quarantined += bad.get("input").asText().equals("clearances") ? 1 : 0;
    }
    assertEquals(quarantined, counts.get("quarantined").asLong());
    assertEquals(clearances.size() - 1, counts.get("read").asLong());
    assertEquals(counts.get("read").asLong(),
        counts.get("valid").asLong() + counts.get("quarantined").asLong() + counts.get("duplicates").asLong());
    for (Row r : rows) {
      assertTrue(r.inspectedText.equals("true") || r.inspectedText.equals("false"), r.recordId);
      assertTrue(r.seizureText.equals("true") || r.seizureText.equals("false"), r.recordId);
      assertTrue(!r.seizure || r.inspected, "a seizure only after an inspection: " + r.recordId);
    }
    double inspectedShare = rows.stream().filter(r -> r.inspected).count() / (double) rows.size();
    assertTrue(inspectedShare > 0.04 && inspectedShare < 0.08, "inspected " + inspectedShare);
  }

  @Test
  void everyClearingOfficerIsOnShiftAtThePortWhenClearing() {
    long named = 0;
    for (Row r : rows) {
      if (r.officer.isEmpty()) {
        continue;
      }
      named++;
      List<ShiftRow> shifts = shiftsByOfficer.getOrDefault(r.officer, List.of());
      assertTrue(shifts.stream().anyMatch(s -> s.port.equals(r.port) && s.covers(r.at)),
          r.officer + " on shift at " + r.port + " at " + r.crossedAt);
    }
    assertTrue(named > 0.95 * rows.size(), "nearly every crossing has an officer on shift: " + named);
  }

  @Test
  void vehiclePassagesOfPlantedGroupsAreClearedByOneOfficer() {
    List<String> groups = new ArrayList<>();
    truth.get("rings").forEach(g -> groups.addAll(members(g)));
    for (String kind : List.of("shuttle", "weekly_coach", "carpool")) {
      for (JsonNode g : truth.get("innocent_groups")) {
        if (g.get("kind").asText().equals(kind)) {
          groups.addAll(members(g));
        }
      }
    }
    Map<String, Set<String>> officersByPassage = new HashMap<>();
    for (String member : groups) {
      for (Row r : rowsByTraveller.get(member)) {
        if (!r.vehicle.isEmpty()) {
          // Planted passages are minutes long and far apart: the local hour tells them apart.
          String passage = r.vehicle + "|" + r.direction + "|" + r.local.toLocalDate() + "|" + r.local.getHour() / 2;
          officersByPassage.computeIfAbsent(passage, k -> new HashSet<>()).add(r.officer);
        }
      }
    }
    assertTrue(officersByPassage.size() > 50);
    officersByPassage.forEach((passage, officers) -> assertEquals(1, officers.size(), passage + " " + officers));
  }

  @Test
  void colludersClearMostOfTheirRingAndNeverInspectIt() {
    JsonNode colluders = truth.get("colluding_officers");
    assertEquals(3, colluders.size());
    Set<String> ports = new HashSet<>();
    int byClearing = 0;
    for (JsonNode colluder : colluders) {
      String officer = colluder.get("officer_id").asText();
      String evidence = colluder.get("evidence").asText();
      assertTrue(evidence.equals("duty") || evidence.equals("clearing"), evidence);
      JsonNode ring = ring(colluder.get("ring_id").asText());
      assertEquals("colluding_officer", ring.get("kind").asText());
      assertEquals(officer, ring.get("officer_id").asText());
      List<Row> crossings = crossingsOf(ring);
      assertEquals(6 * ring.get("trips").asInt(), crossings.size());
      long cleared = crossings.stream().filter(r -> r.officer.equals(officer)).count();
      assertTrue(cleared >= 0.7 * crossings.size(), officer + " clears " + cleared + " of " + crossings.size());
      assertTrue(cleared < crossings.size(), "colleagues clear some of the ring too");
      assertTrue(crossings.stream().noneMatch(r -> r.officer.equals(officer) && r.inspected),
          officer + " never inspects the ring");
      if (evidence.equals("clearing")) {
        byClearing++;
        int trips = ring.get("trips").asInt();
        assertTrue(trips >= 10 && trips <= 14, "trips " + trips);
        assertEquals(3, ring.get("members").size());
        assertFalse(ports.contains(colluder.get("port_id").asText()), "another port than the other colluders");
        List<ShiftRow> own = shiftsByOfficer.get(officer);
        for (Row r : crossings) {
          assertTrue(own.stream().anyMatch(s -> s.covers(r.at)), officer + " on duty at " + r.crossedAt);
        }
      } else {
        ports.add(colluder.get("port_id").asText());
      }
    }
    assertEquals(1, byClearing);
    assertEquals(8, truth.get("rings").size());
  }

  @Test
  void colludingDivisionsRingIsClearedByTheDivisionAndRarelyInspected() {
    for (JsonNode ring : truth.get("rings")) {
      if (ring.get("kind").asText().equals("colluding_division")) {
        String division = ring.get("division_id").asText();
        Set<String> officers = new HashSet<>();
        shiftsByOfficer.forEach((officer, shifts) -> {
          if (shifts.get(0).division.equals(division)) {
            officers.add(officer);
          }
        });
        List<Row> crossings = crossingsOf(ring);
        assertFalse(crossings.isEmpty());
        for (Row r : crossings) {
          assertTrue(officers.contains(r.officer), r.officer + " is of " + division);
        }
        assertTrue(crossings.stream().filter(r -> r.inspected).count() <= crossings.size() / 5);
      }
    }
  }

  @Test
  void aScenarioWithoutClearingColumnsHasNoClearingColluder(@TempDir Path dir) throws IOException {
    ScenarioSummary noClearing = ScenarioGenerator.generate(
        options(dir, new GeneratorOptions.Extras(true, true, true, false)));
    JsonNode other = new ObjectMapper().readTree(noClearing.truth().toFile());
    assertEquals(2, other.get("colluding_officers").size());
    other.get("colluding_officers").forEach(o -> assertFalse(o.has("evidence")));
    assertEquals(7, other.get("rings").size());
    assertNotEquals(List.of(HEADER.split(",")), CsvRecords.read(noClearing.clearances()).get(0));
    assertEquals(8, CsvRecords.read(noClearing.clearances()).get(0).size());
  }

  private static List<Row> crossingsOf(JsonNode group) {
    List<Row> crossings = new ArrayList<>();
    for (String member : members(group)) {
      for (Row r : rowsByTraveller.getOrDefault(member, List.of())) {
        assertEquals(group.get("port_id").asText(), r.port);
        crossings.add(r);
      }
    }
    return crossings;
  }

  private static JsonNode group(String kind) {
    List<JsonNode> found = new ArrayList<>();
    truth.get("innocent_groups").forEach(g -> {
      if (g.get("kind").asText().equals(kind)) {
        found.add(g);
      }
    });
    assertEquals(1, found.size(), kind);
    return found.get(0);
  }

  private static JsonNode ring(String ringId) {
    for (JsonNode ring : truth.get("rings")) {
      if (ring.get("ring_id").asText().equals(ringId)) {
        return ring;
      }
    }
    throw new AssertionError("no ring " + ringId);
  }

  private static List<String> members(JsonNode group) {
    List<String> members = new ArrayList<>();
    group.get("members").forEach(m -> members.add(m.asText()));
    return members;
  }

  private static int weekdaysInWindow() {
    return (int) windowDays().stream()
        .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
        .count();
  }

  private static int saturdaysInWindow() {
    return (int) windowDays().stream().filter(d -> d.getDayOfWeek() == DayOfWeek.SATURDAY).count();
  }

  private static List<LocalDate> windowDays() {
    LocalDate runDate = LocalDate.parse(truth.get("run_date").asText());
    List<LocalDate> days = new ArrayList<>();
    for (int i = truth.get("lookback_days").asInt() - 1; i >= 0; i--) {
      days.add(runDate.minusDays(i));
    }
    return days;
  }

  /** A valid clearance row; local is the crossing in the port's local time (the row's own offset). */
  private static final class Row {
    final String recordId;
    final String traveller;
    final String port;
    final String direction;
    final boolean exit;
    final String crossedAt;
    final OffsetDateTime local;
    final Instant at;
    final String vehicle;
    final String officer;
    final String inspectedText;
    final String seizureText;
    final boolean inspected;
    final boolean seizure;

    Row(List<String> r) {
      recordId = r.get(0);
      traveller = r.get(1);
      port = r.get(2);
      direction = r.get(3);
      exit = direction.equals("EXIT");
      crossedAt = r.get(4);
      local = OffsetDateTime.parse(crossedAt);
      at = local.toInstant();
      vehicle = r.get(6);
      officer = r.get(7);
      inspectedText = r.get(8);
      seizureText = r.get(9);
      inspected = inspectedText.equals("true");
      seizure = seizureText.equals("true");
    }
  }

  private static final class ShiftRow {
    final String officer;
    final String division;
    final String port;
    final Instant start;
    final Instant end;

    ShiftRow(List<String> r) {
      officer = r.get(1);
      division = r.get(2);
      port = r.get(3);
      start = OffsetDateTime.parse(r.get(4)).toInstant();
      end = OffsetDateTime.parse(r.get(5)).toInstant();
    }

    boolean covers(Instant at) {
      return !at.isBefore(start) && at.isBefore(end);
    }
  }
}
