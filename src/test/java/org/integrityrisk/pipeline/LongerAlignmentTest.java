package org.integrityrisk.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.integrityrisk.ValidInputs;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.ingest.AlignmentWindow;
import org.integrityrisk.ingest.RunWindow;
import org.integrityrisk.schema.Columns;
import org.integrityrisk.spark.Persisted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ring that crossed three times in the run window, in its division's shifts, and nine
 * times in the two months before: too few trips to flag over 30 days, enough over the
 * rosters' 70 days. Mining is the same either way; only the tests see the earlier trips.
 */
class LongerAlignmentTest {
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 4, 10);
  private static final RunWindow RUN = new RunWindow(RUN_DATE, 30);
  /** The rosters begin at 06:00 on this day, so the first whole day they cover is the next. */
  private static final LocalDate ROSTERS_FROM = RUN_DATE.minusDays(70);
  private static final String[] TEAMS = {"A", "B", "C", "D"};

  @TempDir Path dir;
  private final Persisted persisted = new Persisted();
  private final StringBuilder shifts = new StringBuilder("shift_id,officer_id,division_id,port_id,shift_start,shift_end\n");
  private final StringBuilder crossings = new StringBuilder("record_id,traveller_id,port_id,direction,crossed_at,vehicle_id\n");
  private int shiftNo;
  private int recordNo;

  @AfterEach
  void release() {
    persisted.close();
  }

  private static String at(LocalDateTime t) {
    return t.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
  }

  private void cross(String traveller, String direction, LocalDateTime t, String vehicle) {
    crossings.append("R").append(++recordNo).append(',').append(traveller).append(",ROTA,").append(direction)
        .append(',').append(at(t)).append(',').append(vehicle).append('\n');
  }

  /** Four teams of three on an 8-day cycle (2 early, 2 late, 2 night, 2 off); returns team A's early and late shifts. */
  private List<LocalDateTime> rotatingRoster() {
    List<LocalDateTime> teamA = new ArrayList<>();
    for (LocalDate d = ROSTERS_FROM; !d.isAfter(RUN_DATE.plusDays(1)); d = d.plusDays(1)) {
      for (int t = 0; t < TEAMS.length; t++) {
        int phase = (int) Math.floorMod(d.toEpochDay() + 2L * t, 8);
        if (phase >= 6) {
          continue;
        }
        LocalDateTime start = d.atTime(new int[] {6, 14, 22}[phase / 2], 0);
        for (int o = 1; o <= 3; o++) {
          shifts.append("S").append(++shiftNo).append(",ROTA-").append(TEAMS[t]).append(o).append(",ROTA-TEAM-")
              .append(TEAMS[t]).append(",ROTA,").append(at(start)).append(',').append(at(start.plusHours(8)))
              .append('\n');
        }
        if (t == 0 && phase < 4 && d.isAfter(ROSTERS_FROM)) {
          teamA.add(start);
        }
      }
    }
    return teamA;
  }

  /** A trip out and back inside one of team A's shifts. */
  private void ringTrip(LocalDateTime shiftStart, SplittableRandom random) {
    LocalDateTime out = shiftStart.plusMinutes(30 + random.nextInt(90));
    for (int m = 0; m < 3; m++) {
      cross("RING" + m, "EXIT", out.plusSeconds(30 * m), "TRUCK");
      cross("RING" + m, "ENTRY", out.plusHours(5).plusSeconds(30 * m), "TRUCK");
    }
  }

  private record Run(RunWindow alignment, Detection.Detected detected) {}

  private Run detect(Dataset<Row> clearances, Dataset<Row> rosters, PipelineConfig config) {
    Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()));
    RunWindow alignment = AlignmentWindow.of(RUN, config.alignmentLookbackDays(), clearances, rosters);
    Optional<Detection.LongerAlignment> longer = alignment.equals(RUN) ? Optional.empty()
        : Optional.of(new Detection.LongerAlignment(alignment, alignment.crossings(clearances), alignment.shifts(rosters)));
    return new Run(alignment, new Detection(config, RUN, quiet, persisted)
        .apply(RUN.crossings(clearances), RUN.shifts(rosters), longer));
  }

  private static List<String> strings(Dataset<Row> rows, String column) {
    return rows.select(col(column).cast("string")).as(Encoders.STRING()).collectAsList().stream().sorted().toList();
  }

  @Test
  void earlierTripsOfAMinedRingAreTestedOverTheRostersDaysAndMiningIsUnchanged() throws Exception {
    List<LocalDateTime> teamA = rotatingRoster();
    SplittableRandom random = new SplittableRandom(5);
    List<LocalDateTime> inRun = teamA.stream().filter(s -> !s.toLocalDate().isBefore(RUN.firstDay().plusDays(1))
        && s.toLocalDate().isBefore(RUN_DATE)).toList();
    List<LocalDateTime> before = teamA.stream().filter(s -> s.toLocalDate().isBefore(RUN.firstDay())).toList();
    for (int i = 0; i < 3; i++) {
      ringTrip(inRun.get(i * inRun.size() / 3), random);
    }
    for (int i = 0; i < 9; i++) {
      ringTrip(before.get(i * before.size() / 9), random);
    }
    // Crossings (a regular's) begin well before the rosters: the rosters decide where the window starts.
    for (LocalDate d = RUN_DATE.minusDays(100); !d.isAfter(RUN_DATE); d = d.plusDays(3)) {
      cross("REGULAR", "EXIT", d.atTime(12, 0), "");
    }

    ValidInputs inputs = ValidInputs.written(dir, crossings, shifts, "port_id,timezone\nROTA,UTC\n", "longer-alignment");
    Dataset<Row> clearances = inputs.clearances();
    Dataset<Row> rosters = inputs.rosters();

    Run runWindowOnly = detect(clearances, rosters, PipelineConfig.defaults().with(Parameters.ALIGNMENT_LOOKBACK_DAYS, 0));
    Run longer = detect(clearances, rosters, PipelineConfig.defaults().with(Parameters.ALIGNMENT_LOOKBACK_DAYS, 90));

    assertEquals(RUN, runWindowOnly.alignment());
    assertEquals(ROSTERS_FROM.plusDays(1), longer.alignment().firstDay(),
        "90 days asked for, but the rosters begin at 06:00 on " + ROSTERS_FROM);
    // Mining is the same: the same one group, from the run window's co-crossings.
    List<String> groups = strings(runWindowOnly.detected().groups(), Columns.GROUP_ID);
    assertEquals(1, groups.size());
    assertEquals(groups, strings(longer.detected().groups(), Columns.GROUP_ID));
    assertEquals(runWindowOnly.detected().mining(), longer.detected().mining());
    // Its events: 6 in the run window, 24 over the alignment window, the run window's unchanged.
    assertEquals(6, runWindowOnly.detected().events().count());
    assertEquals(24, longer.detected().events().count());
    Dataset<Row> inRunWindow = longer.detected().events()
        .filter(col(Columns.EVENT_TIME).geq(functions.lit(java.sql.Timestamp.from(RUN.start()))));
    assertEquals(strings(runWindowOnly.detected().events(), Columns.RECORD_IDS), strings(inRunWindow, Columns.RECORD_IDS));

    assertEquals(List.of(), flaggedDivisions(runWindowOnly), "three trips cannot carry a finding");
    assertEquals(List.of("ROTA-TEAM-A"), flaggedDivisions(longer), "twelve trips in team A's shifts do");
    Row test = longer.detected().tests().filter(col(Columns.UNIT_ID).equalTo("ROTA-TEAM-A")).first();
    assertEquals(24, test.<Integer>getAs(Columns.ALIGNED_EVENTS));
    assertTrue(test.<Double>getAs(Columns.EXPECTED_ALIGNED_EVENTS) < 12, test.toString());
  }

  private static List<String> flaggedDivisions(Run run) {
    return strings(run.detected().tests().filter(col(Columns.FLAGGED)
        .and(col(Columns.UNIT_KIND).equalTo(DutyRosters.DIVISION))), Columns.UNIT_ID);
  }
}
