package org.integrityrisk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clearances read from a real PostgreSQL (started and stopped by the test) through Spark's
 * JDBC source: the days read reach the database as a WHERE clause, the read is split by
 * time, and the same validation applies as for files (a NULL where a value is required is
 * MISSING_FIELD, a text column holding a bad timestamp is BAD_TIMESTAMP).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcSourceTest {
  @TempDir Path dir;
  private PostgresServer pg;

  @BeforeAll
  void aDatabaseOfClearances() throws Exception {
    pg = PostgresServer.start();
    pg.execute("postgres", "CREATE DATABASE customs");
    StringBuilder insert = new StringBuilder("INSERT INTO clearances VALUES ");
    StringBuilder text = new StringBuilder("INSERT INTO exported VALUES ");
    for (int d = 1; d <= 8; d++) {
      insert.append("('R").append(d).append("','T").append(d).append("','P1','EXIT','2026-03-0").append(d)
          .append(" 08:00:00+00'),");
      text.append("('R").append(d).append("','T").append(d).append("','P1','EXIT','2026-03-0").append(d)
          .append("T08:00:00Z'),");
    }
    insert.append("('R9','T9','P1','EXIT',NULL)");
    StringBuilder shifts = new StringBuilder("INSERT INTO shifts VALUES ");
    for (int d = 1; d <= 8; d++) {
      shifts.append("('S").append(d).append("','O1','D1','P1','2026-03-0").append(d).append(" 06:00:00+00','2026-03-0")
          .append(d).append(" 14:00:00+00'),");
    }
    shifts.append("('S9','O1','D1','P1','2026-03-02 22:00:00+00','2026-03-03 06:00:00+00')");
    text.append("('R9','T9','P1','EXIT','yesterday')");
    pg.execute("customs",
        "CREATE TABLE clearances (record_id text, traveller_id text, port_id text, direction text, "
            + "crossed_at timestamptz)", insert.toString(),
        "CREATE TABLE exported (record_id text, traveller_id text, port_id text, direction text, crossed_at text)",
        text.toString(),
        "CREATE TABLE shifts (shift_id text, officer_id text, division_id text, port_id text, "
            + "shift_start timestamptz, shift_end timestamptz)", shifts.toString());
  }

  @AfterAll
  void stop() throws Exception {
    pg.close();
  }

  /** The days of these tests: the 3rd to the 5th of March. */
  private static final DayPartitions DAYS = new DayPartitions(LocalDate.parse("2026-03-03"),
      LocalDate.parse("2026-03-05"));

  /** A table of the test database, as the pipeline reads it for those days. */
  private RawInput raw(InputKind kind, String table) {
    return new SourceReader(new IngestFixture(dir).spark).read(kind,
        pg.url("customs") + "?user=postgres&table=" + table, Optional.of(DAYS));
  }

  private ValidatedInput validated(RawInput raw) {
    IngestFixture fixture = new IngestFixture(dir);
    return IngestFixture.validator().apply(raw, Optional.of(fixture.ports()));
  }

  @Test
  void theDaysReadAreAWhereClauseTheDatabaseRunsSplitByTime() {
    RawInput raw = raw(InputKind.CLEARANCES, "public.clearances");
    String plan = raw.rows().queryExecution().executedPlan().toString();
    assertTrue(plan.contains("crossed_at >= TIMESTAMPTZ '2026-03-03 00:00:00+00'") && plan.contains("numPartitions=4"),
        plan);
    ValidatedInput input = validated(raw);
    assertEquals(4, input.counts().read(), "three days and the row without a time");
    assertEquals(3, input.counts().valid());
    assertEquals(Map.of(ReasonCode.MISSING_FIELD.name(), 1L), input.counts().quarantineReasons());
  }

  /** Shifts overlapping the days read, a night shift that ends in them included. */
  @Test
  void theShiftsOverlappingTheDaysReadAreWhatTheDatabaseReturns() {
    RawInput raw = raw(InputKind.ROSTERS, "public.shifts");
    assertTrue(raw.query().orElseThrow().contains("shift_end > TIMESTAMPTZ '2026-03-03 00:00:00+00'"), raw.query().get());
    ValidatedInput input = validated(raw);
    assertEquals(4, input.counts().read(), "S3, S4, S5 and the night shift S9 that ends on the 3rd");
    assertEquals(4, input.counts().valid());
  }

  @Test
  void aTextColumnIsReadWholeAndItsBadTimestampQuarantined() {
    ValidatedInput input = validated(raw(InputKind.CLEARANCES, "public.exported"));
    assertEquals(9, input.counts().read(), "a text time cannot be filtered in the database without losing rows");
    assertEquals(Map.of(ReasonCode.BAD_TIMESTAMP.name(), 1L), input.counts().quarantineReasons());
  }

  @Test
  void aPasswordInTheUrlOrNoTableIsRefused() {
    IngestFixture fixture = new IngestFixture(dir);
    SourceReader reader = new SourceReader(fixture.spark);
    assertTrue(assertThrows(InputRejectedException.class, () -> reader.read(InputKind.CLEARANCES,
        pg.url("customs") + "?user=postgres&password=secret&table=public.clearances", Optional.empty()))
        .getMessage().contains("a password in the URL would reach the command line"));
    assertTrue(assertThrows(InputRejectedException.class, () -> reader.read(InputKind.CLEARANCES,
        pg.url("customs") + "?user=postgres", Optional.empty())).getMessage().contains("?table=SCHEMA.TABLE"));
  }
}
