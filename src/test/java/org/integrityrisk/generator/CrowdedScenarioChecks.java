package org.integrityrisk.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
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
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options of the crowded scenarios: the crowd of innocent groups, teams of five, ring
 * size and stay, a colluder at the fixed-roster port and free booths. One small scenario with
 * all of them (and the shuttle and clearing columns the booths need) against the standard
 * scenario of the same seed. Run as {@link ScenarioGeneratorTest.Crowded}.
 */
abstract class CrowdedScenarioChecks {
  private static final long SEED = 42;
  private static final double SCALE = 0.05;
  private static final int CROWD = 10;
  /** Good Friday and Easter Monday 2026, inside the default window. */
  private static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6));

  @TempDir
  static Path tmp;

  private static JsonNode truth;
  private static JsonNode plainTruth;
  private static List<Row> rows;
  private static List<Row> plainRows;
  private static Map<String, List<Row>> rowsByTraveller;
  private static List<ShiftRow> shifts;

  @BeforeAll
  static void generate() throws IOException {
    GeneratorOptions.Extras extras = new GeneratorOptions.Extras(true, false, false, true, CROWD, true);
    GeneratorOptions.Rings rings = new GeneratorOptions.Rings(7, 11, true, 2, 5, 120, 180, true);
    ScenarioSummary crowded = ScenarioGenerator.generate(new GeneratorOptions(tmp.resolve("crowded"), SEED, SCALE,
        GeneratorOptions.DEFAULT_RUN_DATE, GeneratorOptions.DEFAULT_LOOKBACK_DAYS, extras, rings,
        GeneratorOptions.StaffingPlan.TEAMS_OF_5));
    truth = new ObjectMapper().readTree(crowded.truth().toFile());
    rows = validRows(crowded, truth);
    rowsByTraveller = rows.stream().collect(Collectors.groupingBy(r -> r.traveller));
    shifts = validShifts(crowded, truth);
    ScenarioSummary plain = ScenarioGenerator.generate(new GeneratorOptions(tmp.resolve("plain"), SEED, SCALE));
    plainTruth = new ObjectMapper().readTree(plain.truth().toFile());
    plainRows = validRows(plain, plainTruth);
  }

  @Test
  void theCrowdMultipliesTheInnocentGroupsAndTheirFrequentVehicles() {
    int standard = plainTruth.get("innocent_groups").size();
    int crowd = 0;
    for (JsonNode g : truth.get("innocent_groups")) {
      crowd += g.get("group_id").asText().startsWith(CrowdGroups.CROWD_PREFIX) ? 1 : 0;
    }
    assertEquals((CROWD - 1) * standard, crowd, "crowd 10 adds nine times the standard carpools, families and coaches");
    int before = frequentSharedVehicles(plainRows);
    int after = frequentSharedVehicles(rows);
    assertTrue(after >= 3 * before && after - before >= (CROWD - 1) * 3,
        "vehicles shared by two or more people on five or more passages: " + before + " standard, " + after + " crowded");
  }

  /**
   * Vehicles that two or more travellers share on five or more passages (a plate, a direction,
   * a local day and two-hour span): what the pipeline's baskets see as a frequent group.
   */
  private static int frequentSharedVehicles(List<Row> all) {
    Map<String, Set<String>> people = new HashMap<>();
    Map<String, Set<String>> passages = new HashMap<>();
    for (Row r : all) {
      if (!r.vehicle.isEmpty()) {
        people.computeIfAbsent(r.vehicle, k -> new HashSet<>()).add(r.traveller);
        passages.computeIfAbsent(r.vehicle, k -> new HashSet<>())
            .add(r.direction + r.local.toLocalDate() + "/" + r.local.getHour() / 2);
      }
    }
    int frequent = 0;
    for (Map.Entry<String, Set<String>> e : people.entrySet()) {
      if (e.getValue().size() >= 2 && passages.get(e.getKey()).size() >= 5) {
        frequent++;
      }
    }
    return frequent;
  }

  @Test
  void crowdCarpoolsCommuteOnWorkingDaysOutInTheMorningBackInTheEvening() {
    List<JsonNode> carpools = crowdGroups("carpool");
    assertFalse(carpools.isEmpty());
    for (JsonNode carpool : carpools) {
      List<String> members = members(carpool);
      assertTrue(members.size() >= 2 && members.size() <= 4, carpool.toString());
      Set<String> plates = new HashSet<>();
      Set<LocalDate> days = new HashSet<>();
      for (String member : members) {
        for (Row r : rowsByTraveller.getOrDefault(member, List.of())) {
          assertEquals(carpool.get("port_id").asText(), r.port);
          plates.add(r.vehicle);
          LocalTime t = r.local.toLocalTime();
          assertTrue(r.exit ? !t.isBefore(LocalTime.of(6, 50)) && t.isBefore(LocalTime.of(9, 2))
              : !t.isBefore(LocalTime.of(15, 50)) && t.isBefore(LocalTime.of(19, 2)), r.crossedAt);
          DayOfWeek dow = r.local.getDayOfWeek();
          assertFalse(dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY, r.crossedAt);
          assertFalse(HOLIDAYS.contains(r.local.toLocalDate()), "no commuting on a public holiday: " + r.crossedAt);
          days.add(r.local.toLocalDate());
        }
      }
      assertEquals(1, plates.size(), "one car");
      assertEquals(carpool.get("trips").asInt(), days.size());
      // 20 working days in the window, each carpool driving on 70% to 97% of them.
      assertTrue(days.size() >= 10 && days.size() <= 20, "commuting days " + days.size());
    }
    assertTrue(carpools.stream().anyMatch(c -> c.get("trips").asInt() < 20), "some carpools skip days");
  }

  @Test
  void crowdFamiliesTravelOnWeekendsAndHolidays() {
    List<JsonNode> families = crowdGroups("family");
    assertFalse(families.isEmpty());
    for (JsonNode family : families) {
      assertTrue(family.get("members").size() >= 2 && family.get("members").size() <= 5, family.toString());
      for (String member : members(family)) {
        for (Row r : rowsByTraveller.getOrDefault(member, List.of())) {
          DayOfWeek dow = r.local.getDayOfWeek();
          assertTrue(dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY || HOLIDAYS.contains(r.local.toLocalDate()),
              r.crossedAt);
        }
      }
    }
  }

  /**
   * No crowd group is planted to follow anyone's duty: at a rotating port every team takes the
   * morning and the evening in turn, so no division and no officer is on duty for more than
   * about half of a commuting carpool's passages (a colluder's ring has its officer at all of them).
   */
  @Test
  void crowdGroupsFollowNobodysDuty() {
    int checked = 0;
    for (JsonNode carpool : crowdGroups("carpool")) {
      Map<String, Instant> passages = new TreeMap<>();
      for (String member : members(carpool)) {
        for (Row r : rowsByTraveller.getOrDefault(member, List.of())) {
          passages.merge(r.local.toLocalDate() + r.direction, r.at, (a, b) -> a.isBefore(b) ? a : b);
        }
      }
      if (passages.size() < 20) {
        continue;
      }
      checked++;
      Map<String, Integer> byDivision = new HashMap<>();
      Map<String, Integer> byOfficer = new HashMap<>();
      for (Instant at : passages.values()) {
        Set<String> divisions = new HashSet<>();
        for (ShiftRow s : shifts) {
          if (s.port.equals(carpool.get("port_id").asText()) && s.covers(at)) {
            divisions.add(s.division);
            byOfficer.merge(s.officer, 1, Integer::sum);
          }
        }
        divisions.forEach(d -> byDivision.merge(d, 1, Integer::sum));
      }
      int n = passages.size();
      byDivision.forEach((d, k) -> assertTrue(k <= 0.6 * n, d + " on duty at " + k + " of " + n + " passages"));
      byOfficer.forEach((o, k) -> assertTrue(k <= 0.5 * n, o + " on duty at " + k + " of " + n + " passages"));
    }
    assertTrue(checked >= 10, "carpools checked: " + checked);
  }

  @Test
  void teamsOfFiveGiveEveryPortTwentyOfficersInFourDivisionsOfFive() {
    Map<String, Map<String, Set<String>>> officersByDivisionByPort = new TreeMap<>();
    for (ShiftRow s : shifts) {
      officersByDivisionByPort.computeIfAbsent(s.port, k -> new TreeMap<>())
          .computeIfAbsent(s.division, k -> new HashSet<>()).add(s.officer);
    }
    assertEquals(4, officersByDivisionByPort.size());
    officersByDivisionByPort.forEach((port, divisions) -> {
      assertEquals(4, divisions.size(), port + " " + divisions.keySet());
      divisions.forEach((division, officers) -> assertEquals(5, officers.size(), division));
    });
    for (JsonNode port : truth.get("ports")) {
      assertEquals(4, port.get("divisions").size());
    }
    assertEquals("fixed", port("WEST-AIR").get("roster").asText(), "the fixed-roster port keeps its fixed roster");
    // The fixed port's four offices each keep their own hours (overtime in another office's
    // slot aside): the weekend evening office from 15:00 on Saturdays and Sundays only.
    Map<String, String> hours = Map.of("WA-MORNING", "weekday 7", "WA-EVENING", "weekday 15",
        "WA-WEEKEND", "weekend 7", "WA-WEEKEND-EVENING", "weekend 15");
    hours.forEach((division, expected) -> {
      List<ShiftRow> own = shifts.stream().filter(s -> s.division.equals(division)).toList();
      long kept = own.stream().filter(s -> s.localDayKindAndHour().equals(expected)).count();
      assertTrue(kept >= 0.8 * own.size(), division + ": " + kept + " of " + own.size() + " shifts at " + expected);
    });
  }

  @Test
  void ringsHaveTheSizeAskedAndComeBackTwoToThreeHoursAfterGoingOut() {
    Set<Integer> sizes = new HashSet<>();
    int trips = 0;
    int stayed = 0;
    for (JsonNode ring : truth.get("rings")) {
      int size = ring.get("members").size();
      assertTrue(size >= 2 && size <= 5, ring.get("ring_id") + " has " + size);
      sizes.add(size);
      for (String member : members(ring)) {
        List<Row> own = new ArrayList<>(rowsByTraveller.getOrDefault(member, List.of()));
        own.sort(Comparator.comparing(r -> r.at));
        for (int i = 0; i + 1 < own.size(); i++) {
          if (own.get(i).exit && !own.get(i + 1).exit) {
            trips++;
            long minutes = Duration.between(own.get(i).at, own.get(i + 1).at).toMinutes();
            // Members cross within two minutes of each other either way.
            if (minutes >= 120 - 2 && minutes <= 180 + 2) {
              stayed++;
            }
          }
        }
      }
    }
    assertTrue(sizes.size() >= 2, "sizes drawn: " + sizes);
    assertTrue(trips > 50 && stayed >= 0.9 * trips, stayed + " of " + trips + " member trips back 2 to 3 hours later");
  }

  @Test
  void colludingRingsCrossAtNightAndAtWeekendsWheneverTheirDutyIs() {
    int night = 0;
    int weekend = 0;
    for (JsonNode ring : truth.get("rings")) {
      if (!ring.get("kind").asText().startsWith("colluding")) {
        continue;
      }
      for (String member : members(ring)) {
        for (Row r : rowsByTraveller.getOrDefault(member, List.of())) {
          int hour = r.local.getHour();
          night += hour >= 22 || hour < 6 ? 1 : 0;
          DayOfWeek dow = r.local.getDayOfWeek();
          weekend += dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 1 : 0;
        }
      }
    }
    assertTrue(night > 0, "crossings at night");
    assertTrue(weekend > 0, "crossings at weekends");
  }

  @Test
  void aColluderSitsAtTheFixedRosterPortAndTheirRingCrossesInTheirShifts() {
    JsonNode colluder = null;
    for (JsonNode o : truth.get("colluding_officers")) {
      if (o.get("port_id").asText().equals("WEST-AIR")) {
        colluder = o;
      }
    }
    assertTrue(colluder != null, truth.get("colluding_officers").toString());
    assertEquals("duty", colluder.get("evidence").asText());
    String officer = colluder.get("officer_id").asText();
    String division = colluder.get("division_id").asText();
    JsonNode ring = null;
    for (JsonNode r : truth.get("rings")) {
      if (r.get("ring_id").asText().equals(colluder.get("ring_id").asText())) {
        ring = r;
      }
    }
    List<ShiftRow> own = shifts.stream().filter(s -> s.officer.equals(officer)).toList();
    List<ShiftRow> teammates = shifts.stream().filter(s -> s.division.equals(division) && !s.officer.equals(officer))
        .toList();
    int crossings = 0;
    int apart = 0;
    for (String member : members(ring)) {
      for (Row r : rowsByTraveller.getOrDefault(member, List.of())) {
        assertEquals("WEST-AIR", r.port);
        assertTrue(own.stream().anyMatch(s -> s.covers(r.at)), officer + " on duty at " + r.crossedAt);
        crossings++;
        apart += teammates.stream().noneMatch(s -> s.covers(r.at)) ? 1 : 0;
      }
    }
    assertEquals(2 * ring.get("members").size() * ring.get("trips").asInt(), crossings);
    assertTrue(apart * 3 >= crossings, "a third of the crossings in overtime apart from " + division);
    assertTrue(plainTruth.get("colluding_officers").toString().indexOf("WEST-AIR") < 0,
        "the standard scenario has no colluder at the fixed-roster port");
  }

  @Test
  void atFreeBoothsTheShuttleIsClearedAtSeveralDesksAndACarByOneOfficer() {
    JsonNode shuttle = null;
    for (JsonNode g : truth.get("innocent_groups")) {
      if (g.get("kind").asText().equals("shuttle")) {
        shuttle = g;
      }
    }
    Map<String, Set<String>> byBus = new HashMap<>();
    for (String rider : members(shuttle)) {
      for (Row r : rowsByTraveller.get(rider)) {
        byBus.computeIfAbsent(r.local.toLocalDate() + r.direction, k -> new HashSet<>()).add(r.officer);
      }
    }
    assertEquals(2 * shuttle.get("trips").asInt(), byBus.size());
    byBus.forEach((bus, officers) -> assertTrue(officers.size() >= 3, bus + " cleared by " + officers));

    Map<String, Set<String>> byCar = new HashMap<>();
    for (JsonNode carpool : crowdGroups("carpool")) {
      for (String member : members(carpool)) {
        for (Row r : rowsByTraveller.getOrDefault(member, List.of())) {
          byCar.computeIfAbsent(r.vehicle + r.local.toLocalDate() + r.direction, k -> new HashSet<>()).add(r.officer);
        }
      }
    }
    assertTrue(byCar.size() > 100);
    byCar.forEach((car, officers) -> assertEquals(1, officers.size(), car + " cleared by " + officers));
  }

  /**
   * People of one group on foot arrive within two minutes and each goes to a free booth, so
   * to as many different officers as are on shift (uniform picks among the four or five on
   * shift would give a group of three the same officer twice about four times in ten).
   */
  @Test
  void atFreeBoothsPeopleOnFootOfOneGroupAreClearedBySeparateOfficers() {
    int groups = 0;
    int separate = 0;
    for (JsonNode ring : truth.get("rings")) {
      if (!ring.get("kind").asText().equals("independent") || ring.get("members").size() < 2) {
        continue;
      }
      Map<String, List<Row>> onFoot = new HashMap<>();
      for (String member : members(ring)) {
        for (Row r : rowsByTraveller.getOrDefault(member, List.of())) {
          if (r.vehicle.isEmpty()) {
            onFoot.computeIfAbsent(r.local.toLocalDate() + r.direction + r.local.getHour(), k -> new ArrayList<>())
                .add(r);
          }
        }
      }
      for (List<Row> crossing : onFoot.values()) {
        if (crossing.size() == ring.get("members").size()) {
          groups++;
          Instant first = crossing.stream().map(r -> r.at).min(Comparator.naturalOrder()).orElseThrow();
          Instant last = crossing.stream().map(r -> r.at).max(Comparator.naturalOrder()).orElseThrow();
          // Booths are officers on shift: a group larger than the shift shares some of them.
          long booths = shifts.stream()
              .filter(s -> s.port.equals(ring.get("port_id").asText()) && s.covers(first) && s.covers(last))
              .map(s -> s.officer).distinct().count();
          Set<String> officers = crossing.stream().map(r -> r.officer).collect(Collectors.toSet());
          separate += officers.size() >= Math.min(crossing.size(), booths) ? 1 : 0;
        }
      }
    }
    assertTrue(groups >= 5, "group crossings on foot: " + groups);
    assertTrue(separate >= 0.9 * groups, separate + " of " + groups + " cleared by separate officers");
  }

  @Test
  void truthRecordsTheScenarioOptions() {
    JsonNode o = truth.get("scenario_options");
    assertEquals(CROWD, o.get("crowd").asInt());
    assertEquals("teams-of-5", o.get("staffing").asText());
    assertEquals("7-11", o.get("ring_trips").asText());
    assertEquals("2-5", o.get("ring_size").asText());
    assertEquals("120-180", o.get("ring_stay_minutes").asText());
    assertTrue(o.get("fixed_port_colluder").asBoolean());
    assertTrue(o.get("free_booths").asBoolean());
    assertFalse(plainTruth.has("scenario_options"));
  }

  /** The crowd only adds rows: the rosters and every standard row stay as they were. */
  @Test
  void theCrowdAloneOnlyAddsRows(@TempDir Path dir) throws IOException {
    ScenarioSummary plain = ScenarioGenerator.generate(new GeneratorOptions(dir.resolve("plain"), SEED, SCALE));
    ScenarioSummary crowd = ScenarioGenerator.generate(new GeneratorOptions(dir.resolve("crowd"), SEED, SCALE,
        GeneratorOptions.DEFAULT_RUN_DATE, GeneratorOptions.DEFAULT_LOOKBACK_DAYS,
        new GeneratorOptions.Extras(false, false, false, false, 3, false)));
    assertArrayEquals(java.nio.file.Files.readAllBytes(plain.rosters()),
        java.nio.file.Files.readAllBytes(crowd.rosters()));
    List<List<String>> before = CsvRecords.read(plain.clearances());
    List<List<String>> after = CsvRecords.read(crowd.clearances());
    CsvRecords.assertKeptInOrder(before, after);
    assertTrue(after.size() > before.size());
  }

  @Test
  void badOptionsAreRefused() {
    Path out = tmp.resolve("unused");
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions.Extras(false, false, false, true, 0, false));
    assertThrows(IllegalArgumentException.class,
        () -> new GeneratorOptions.Extras(false, false, false, true, GeneratorOptions.Extras.MAX_CROWD + 1, false));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions.Extras(true, false, false, false, 1, true),
        "free booths need the clearing columns");
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions(out, 1, 20, null, 30,
        new GeneratorOptions.Extras(false, false, false, false, 60, false)), "crowd times scale above 1000");
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions.Rings(10, 14, true, 1, 3, 0, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions.Rings(10, 14, true, 4, 3, 0, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions.Rings(10, 14, true, 2, 9, 0, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions.Rings(10, 14, true, 3, 3, 10, 60, false));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorOptions.Rings(10, 14, true, 3, 3, 120, 8 * 60, false));
    assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.StaffingPlan.parse("teams-of-6"));
    assertEquals(GeneratorOptions.StaffingPlan.TEAMS_OF_5, GeneratorOptions.StaffingPlan.parse("teams-of-5"));
    assertFalse(new GeneratorOptions(out, 1, 1).hasScenarioOptions());
  }

  @Test
  void easterIsComputedForTheHolidays() {
    assertEquals(LocalDate.of(2026, 4, 5), CrowdGroups.easterSunday(2026));
    assertEquals(LocalDate.of(2025, 4, 20), CrowdGroups.easterSunday(2025));
    assertEquals(LocalDate.of(2027, 3, 28), CrowdGroups.easterSunday(2027));
    assertFalse(CrowdGroups.isWorkingDay(LocalDate.of(2026, 4, 3)));
    assertFalse(CrowdGroups.isWorkingDay(LocalDate.of(2026, 4, 6)));
    assertTrue(CrowdGroups.isWorkingDay(LocalDate.of(2026, 4, 7)));
  }

  private static JsonNode port(String portId) {
    for (JsonNode p : truth.get("ports")) {
      if (p.get("port_id").asText().equals(portId)) {
        return p;
      }
    }
    throw new AssertionError("no port " + portId);
  }

  private static List<JsonNode> crowdGroups(String kind) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode g : truth.get("innocent_groups")) {
      if (g.get("kind").asText().equals(kind) && g.get("group_id").asText().startsWith(CrowdGroups.CROWD_PREFIX)) {
        found.add(g);
      }
    }
    return found;
  }

  private static List<String> members(JsonNode group) {
    List<String> members = new ArrayList<>();
    group.get("members").forEach(m -> members.add(m.asText()));
    return members;
  }

  private static List<Row> validRows(ScenarioSummary summary, JsonNode truth) throws IOException {
    Set<Long> bad = new HashSet<>();
    for (JsonNode b : truth.get("bad_rows")) {
      if (b.get("input").asText().equals("clearances")) {
        bad.add(b.get("source_row").asLong());
      }
    }
    List<List<String>> records = CsvRecords.read(summary.clearances());
    List<String> header = records.get(0);
    List<Row> valid = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      if (!bad.contains((long) i)) {
        valid.add(new Row(header, records.get(i)));
      }
    }
    return valid;
  }

  private static List<ShiftRow> validShifts(ScenarioSummary summary, JsonNode truth) throws IOException {
    Set<Long> bad = new HashSet<>();
    for (JsonNode b : truth.get("bad_rows")) {
      if (b.get("input").asText().equals("rosters")) {
        bad.add(b.get("source_row").asLong());
      }
    }
    List<List<String>> records = CsvRecords.read(summary.rosters());
    List<ShiftRow> valid = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      if (!bad.contains((long) i)) {
        valid.add(new ShiftRow(records.get(i)));
      }
    }
    return valid;
  }

  /** A valid clearance row; local is the crossing in the port's local time (the row's own offset). */
  private static final class Row {
    final String traveller;
    final String port;
    final String direction;
    final boolean exit;
    final String crossedAt;
    final OffsetDateTime local;
    final Instant at;
    final String vehicle;
    final String officer;

    Row(List<String> header, List<String> r) {
      traveller = r.get(1);
      port = r.get(2);
      direction = r.get(3);
      exit = direction.equals("EXIT");
      crossedAt = r.get(4);
      local = OffsetDateTime.parse(crossedAt);
      at = local.toInstant();
      vehicle = r.get(6);
      int officerColumn = header.indexOf("officer_id");
      officer = officerColumn < 0 ? "" : r.get(officerColumn);
    }
  }

  private static final class ShiftRow {
    final String officer;
    final String division;
    final String port;
    final OffsetDateTime localStart;
    final Instant start;
    final Instant end;

    ShiftRow(List<String> r) {
      officer = r.get(1);
      division = r.get(2);
      port = r.get(3);
      localStart = OffsetDateTime.parse(r.get(4));
      start = localStart.toInstant();
      end = OffsetDateTime.parse(r.get(5)).toInstant();
    }

    boolean covers(Instant at) {
      return !at.isBefore(start) && at.isBefore(end);
    }

    String localDayKindAndHour() {
      DayOfWeek dow = localStart.getDayOfWeek();
      boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
      return (weekend ? "weekend " : "weekday ") + localStart.getHour();
    }
  }
}
