package org.integrityrisk.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.ValidInputs;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.ingest.RunWindow;
import org.integrityrisk.pipeline.Detection;
import org.integrityrisk.pipeline.Progress;
import org.integrityrisk.schema.OutputTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Innocent regularity, each confounder in a scenario of its own, through the real
 * ingest and detection stages: none of it may flag an officer, and only a division
 * whose duty a ring really follows may be flagged.
 */
class ConfounderScenariosTest {
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 4, 10);
  private static final RunWindow WINDOW = new RunWindow(RUN_DATE, 30);
  private static final LocalDate FIRST = RUN_DATE.minusDays(35);
  private static final LocalDate LAST = RUN_DATE.plusDays(1);

  @TempDir Path dir;
  private final org.integrityrisk.spark.Persisted persisted = new org.integrityrisk.spark.Persisted();

  @AfterEach
  void release() {
    persisted.close();
  }
  private final StringBuilder shifts = new StringBuilder("shift_id,officer_id,division_id,port_id,shift_start,shift_end\n");
  private final StringBuilder crossings = new StringBuilder("record_id,traveller_id,port_id,direction,crossed_at,vehicle_id\n");
  private int shiftNo;
  private int recordNo;

  private static String at(LocalDateTime t) {
    return t.atOffset(ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
  }

  private void shift(String officer, String division, String port, LocalDateTime start, int hours) {
    shifts.append("S").append(++shiftNo).append(',').append(officer).append(',').append(division).append(',')
        .append(port).append(',').append(at(start)).append(',').append(at(start.plusHours(hours))).append('\n');
  }

  private void cross(String traveller, String port, String direction, LocalDateTime t, String vehicle) {
    crossings.append("R").append(++recordNo).append(',').append(traveller).append(',').append(port).append(',')
        .append(direction).append(',').append(at(t)).append(',').append(vehicle == null ? "" : vehicle).append('\n');
  }

  /** Fixed roster: a weekday morning division, a daily evening division, a weekend division. */
  private void fixedRoster(String port) {
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      for (int o = 1; o <= 4; o++) {
        if (!weekend) {
          shift("M" + o, "MORNING", port, d.atTime(7, 0), 8);
        }
        shift("E" + o, "EVENING", port, d.atTime(15, 0), 8);
        if (weekend && o <= 3) {
          shift("W" + o, "WEEKEND", port, d.atTime(7, 0), 8);
        }
      }
    }
  }

  /** Four teams on an 8-day cycle of 2 early, 2 late, 2 night, 2 off; officers share every team shift. */
  private void rotatingRoster(String port) {
    String[] teams = {"A", "B", "C", "D"};
    for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
      long day = d.toEpochDay();
      for (int t = 0; t < teams.length; t++) {
        int phase = (int) Math.floorMod(day + 2L * t, 8);
        if (phase >= 6) {
          continue;
        }
        int startHour = new int[] {6, 14, 22}[phase / 2];
        for (int o = 1; o <= 4; o++) {
          shift(port + "-" + teams[t] + o, port + "-TEAM-" + teams[t], port, d.atTime(startHour, 0), 8);
        }
      }
    }
  }

  private Map<OutputTable, Dataset<Row>> detect() throws IOException {
    ValidInputs inputs = ValidInputs.written(dir, crossings, shifts, "port_id,timezone\nFIXED,UTC\nROTA,UTC\n", "confounders");
    Dataset<Row> clearances = inputs.clearances();
    Dataset<Row> rosters = inputs.rosters();
    Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()));
    Dataset<Row> shifts = WINDOW.shifts(rosters);
    Dataset<Row> windowCrossings = WINDOW.crossings(clearances);
    Detection.Detected detected = new Detection(PipelineConfig.defaults(), WINDOW, quiet, persisted)
        .apply(windowCrossings, shifts);
    return new org.integrityrisk.review.InvestigatorView(SharedSpark.get(), RUN_DATE, persisted).apply(detected.tests(),
        detected.groups(), detected.units(), detected.events(), shifts, windowCrossings,
        org.integrityrisk.review.EarlierRun.none(SharedSpark.get()), List.of());
  }

  private static List<String> flagged(Map<OutputTable, Dataset<Row>> findings, OutputTable table, String id) {
    return findings.get(table).filter(col("flagged")).select(id).as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  private static List<LocalDate> weekdays() {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = RUN_DATE.minusDays(29); !d.isAfter(RUN_DATE); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5) {
        days.add(d);
      }
    }
    return days;
  }

  private void carpool(String port, String name, int members, int outHour, int backHour) {
    for (LocalDate d : weekdays()) {
      for (int m = 0; m < members; m++) {
        cross(name + m, port, "EXIT", d.atTime(outHour, 30, 10 * m), name + "-CAR");
        cross(name + m, port, "ENTRY", d.atTime(backHour, 30, 10 * m), name + "-CAR");
      }
    }
  }

  @Test
  void weekdayCarpoolAtAFixedRosterPortFlagsNobody() throws IOException {
    fixedRoster("FIXED");
    carpool("FIXED", "COMMUTER", 3, 7, 17);
    Map<OutputTable, Dataset<Row>> findings = detect();
    assertEquals(11, findings.get(OutputTable.OFFICER_RISK).count(), "every rostered officer is scored");
    assertEquals(1, findings.get(OutputTable.SUSPECT_GROUPS).count(), "the carpool is found as a group");
    assertTrue(findings.get(OutputTable.ALIGNMENT_TESTS).count() >= 14, "the carpool is tested against everyone on duty");
    assertEquals(List.of(), flagged(findings, OutputTable.OFFICER_RISK, "officer_id"));
    assertEquals(List.of(), flagged(findings, OutputTable.DIVISION_RISK, "division_id"));
  }

  @Test
  void carpoolsAndAnIndependentRingAtARotatingPortFlagNobody() throws IOException {
    rotatingRoster("ROTA");
    carpool("ROTA", "COMMUTER", 3, 7, 17);
    carpool("ROTA", "NEIGHBOURS", 2, 8, 16);
    SplittableRandom random = new SplittableRandom(7);
    for (int trip = 0; trip < 12; trip++) {
      LocalDateTime out = RUN_DATE.minusDays(28).atStartOfDay().plusMinutes(random.nextInt(28 * 1440));
      for (int m = 0; m < 3; m++) {
        cross("SMUGGLER" + m, "ROTA", "EXIT", out.plusSeconds(40 * m), "VAN");
        cross("SMUGGLER" + m, "ROTA", "ENTRY", out.plusHours(5).plusSeconds(40 * m), "VAN");
      }
    }
    Map<OutputTable, Dataset<Row>> findings = detect();
    assertEquals(3, findings.get(OutputTable.SUSPECT_GROUPS).count(), "two carpools and the ring");
    assertEquals(16, findings.get(OutputTable.OFFICER_RISK).count());
    assertEquals(List.of(), flagged(findings, OutputTable.OFFICER_RISK, "officer_id"));
    assertEquals(List.of(), flagged(findings, OutputTable.DIVISION_RISK, "division_id"));
  }

  @Test
  void teamMatesWhoShareEveryShiftWithARingsDivisionAreNotFlagged() throws IOException {
    rotatingRoster("ROTA");
    // The ring crosses only in team A's early and late shifts, 12 trips, out and back within the shift.
    List<LocalDateTime> teamAShifts = new ArrayList<>();
    for (String line : shifts.toString().split("\n")) {
      String[] f = line.split(",");
      if (f.length == 6 && f[1].equals("ROTA-A1") && !f[4].contains("T22:")) {
        LocalDateTime start = LocalDateTime.parse(f[4].substring(0, 16));
        if (!start.toLocalDate().isBefore(RUN_DATE.minusDays(28)) && start.toLocalDate().isBefore(RUN_DATE)) {
          teamAShifts.add(start);
        }
      }
    }
    SplittableRandom random = new SplittableRandom(11);
    TreeSet<Integer> chosen = new TreeSet<>();
    while (chosen.size() < 12) {
      chosen.add(random.nextInt(teamAShifts.size()));
    }
    for (int i : chosen) {
      LocalDateTime out = teamAShifts.get(i).plusMinutes(30 + random.nextInt(120));
      for (int m = 0; m < 3; m++) {
        cross("RING" + m, "ROTA", "EXIT", out.plusSeconds(30 * m), "TRUCK");
        cross("RING" + m, "ROTA", "ENTRY", out.plusHours(4).plusSeconds(30 * m), "TRUCK");
      }
    }
    Map<OutputTable, Dataset<Row>> findings = detect();
    assertEquals(List.of("ROTA-TEAM-A"), flagged(findings, OutputTable.DIVISION_RISK, "division_id"));
    assertEquals(List.of(), flagged(findings, OutputTable.OFFICER_RISK, "officer_id"),
        "officers who share every shift of their division are explained by it");
  }
}
