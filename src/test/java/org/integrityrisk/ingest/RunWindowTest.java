package org.integrityrisk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.integrityrisk.schema.Columns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's edges and the ports' local clocks across DST changes and midnight. */
class RunWindowTest {
  private static final String CLEARANCE_HEADER = "record_id,traveller_id,port_id,direction,crossed_at\n";
  // Europe/Berlin changes 2026-03-29 at 01:00Z (02:00 -> 03:00) and 2026-10-25 at 01:00Z (03:00 -> 02:00).
  private static final RunWindow MARCH = new RunWindow(LocalDate.of(2026, 4, 10), 30);

  @TempDir Path dir;

  private Map<String, Row> crossings(RunWindow window, String rows) {
    IngestFixture fixture = new IngestFixture(dir);
    ValidatedInput input = fixture.validate(InputKind.CLEARANCES, "c.csv", CLEARANCE_HEADER + rows);
    return window.crossings(input.valid()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("record_id"), r -> r));
  }

  @Test
  void windowIsLookbackUtcDaysEndingWithTheRunDate() {
    assertEquals(Instant.parse("2026-03-12T00:00:00Z"), MARCH.start());
    assertEquals(Instant.parse("2026-04-11T00:00:00Z"), MARCH.endExclusive());
    Map<String, Row> in = crossings(MARCH,
        "BEFORE,T1,P2,EXIT,2026-03-11T23:59:59Z\n"
            + "FIRST,T1,P2,EXIT,2026-03-12T00:00:00Z\n"
            // 00:30 local in Berlin on the 12th is still the 11th in UTC: outside.
            + "LOCAL_ONLY,T1,P1,EXIT,2026-03-12T00:30:00+01:00\n"
            + "LAST,T1,P2,EXIT,2026-04-10T23:59:59.999Z\n"
            + "AFTER,T1,P2,EXIT,2026-04-11T00:00:00Z\n");
    assertEquals(List.of("FIRST", "LAST"), in.keySet().stream().sorted().toList());
  }

  @Test
  void localTimeAcrossTheSpringForwardGap() {
    Map<String, Row> in = crossings(MARCH,
        "BEFORE_GAP,T1,P1,EXIT,2026-03-29T00:59:59Z\n"
            + "AFTER_GAP,T1,P1,EXIT,2026-03-29T01:00:00Z\n"
            + "WRITTEN_IN_GAP,T1,P1,EXIT,2026-03-29T02:30:00+01:00\n");
    assertEquals(LocalDateTime.parse("2026-03-29T01:59:59"), in.get("BEFORE_GAP").getAs("crossed_at_local"));
    assertEquals(LocalDateTime.parse("2026-03-29T03:00:00"), in.get("AFTER_GAP").getAs("crossed_at_local"));
    // 02:30+01:00 is the instant 01:30Z, which Berlin's clocks show as 03:30 summer time.
    assertEquals(3 * 3600 + 1800, (int) in.get("WRITTEN_IN_GAP").getAs("local_second_of_day"));
  }

  @Test
  void localTimeAcrossTheAutumnOverlap() {
    RunWindow october = new RunWindow(LocalDate.of(2026, 10, 31), 30);
    Map<String, Row> in = crossings(october,
        "FIRST_0230,T1,P1,EXIT,2026-10-25T00:30:00Z\n"
            + "SECOND_0230,T1,P1,EXIT,2026-10-25T01:30:00Z\n");
    assertEquals(LocalDateTime.parse("2026-10-25T02:30:00"), in.get("FIRST_0230").getAs("crossed_at_local"));
    assertEquals(LocalDateTime.parse("2026-10-25T02:30:00"), in.get("SECOND_0230").getAs("crossed_at_local"));
    assertEquals(java.sql.Date.valueOf("2026-10-25"), in.get("SECOND_0230").getAs("local_date"));
  }

  @Test
  void nightShiftAcrossMidnightAndTheWindowEdges() {
    IngestFixture fixture = new IngestFixture(dir);
    ValidatedInput rosters = fixture.validate(InputKind.ROSTERS, "r.csv",
        "shift_id,officer_id,division_id,port_id,shift_start,shift_end\n"
            // Night shift on the DST night: 22:00 CET to 06:00 CEST is 7 hours.
            + "DST_NIGHT,O1,D1,P1,2026-03-28T22:00:00+01:00,2026-03-29T06:00:00+02:00\n"
            // Starts before the window and ends inside it: overlaps, so it is kept whole.
            + "INTO_WINDOW,O1,D1,P2,2026-03-11T22:00:00Z,2026-03-12T06:00:00Z\n"
            + "ENDS_AT_START,O1,D1,P2,2026-03-11T14:00:00Z,2026-03-12T00:00:00Z\n"
            + "LAST_NIGHT,O1,D1,P2,2026-04-10T22:00:00Z,2026-04-11T06:00:00Z\n"
            + "AFTER,O1,D1,P2,2026-04-11T06:00:00Z,2026-04-11T14:00:00Z\n");
    Map<String, Row> shifts = MARCH.shifts(rosters.valid()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("shift_id"), r -> r));
    assertEquals(List.of("DST_NIGHT", "INTO_WINDOW", "LAST_NIGHT"), shifts.keySet().stream().sorted().toList());
    Row night = shifts.get("DST_NIGHT");
    assertEquals(LocalDateTime.parse("2026-03-28T22:00:00"), night.getAs("shift_start_local"));
    assertEquals(LocalDateTime.parse("2026-03-29T06:00:00"), night.getAs("shift_end_local"));
    long hours = (((java.sql.Timestamp) night.getAs("shift_end")).getTime()
        - ((java.sql.Timestamp) night.getAs("shift_start")).getTime()) / 3_600_000;
    assertEquals(7, hours);
  }

  @Test
  void lookbackDaysOutOfRangeAreRefusedNamingTheKey() {
    assertEquals("RunWindow: lookback-days must be between 1 and 366, got 0", assertThrows(IllegalArgumentException.class,
        () -> new RunWindow(LocalDate.of(2026, 4, 10), 0)).getMessage());
    assertEquals("RunWindow: lookback-days must be between 1 and 366, got 367", assertThrows(IllegalArgumentException.class,
        () -> new RunWindow(LocalDate.of(2026, 4, 10), 367)).getMessage());
    assertEquals("RunWindow: run-date must be given", assertThrows(IllegalArgumentException.class,
        () -> new RunWindow(null, 30)).getMessage());
  }

  @Test
  void inputsWithoutTheColumnsReadAreRefusedNamingTheStageAndColumn() {
    IngestFixture fixture = new IngestFixture(dir);
    ValidatedInput clearances = fixture.validate(InputKind.CLEARANCES, "c.csv",
        CLEARANCE_HEADER + "R1,T1,P2,EXIT,2026-04-01T08:00:00Z\n");
    String message = assertThrows(IllegalArgumentException.class,
        () -> MARCH.crossings(clearances.valid().drop(Columns.TIMEZONE))).getMessage();
    assertTrue(message.startsWith("RunWindow needs column timezone in its clearances"), message);
    message = assertThrows(IllegalArgumentException.class,
        () -> MARCH.shifts(clearances.valid())).getMessage();
    assertTrue(message.startsWith("RunWindow needs columns shift_start, shift_end in its rosters"), message);
  }
}
