package org.integrityrisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per quarantine reason, each on a tiny hand-made input with exactly one bad row. */
class InputValidatorTest {
  private static final String CLEARANCE_HEADER = "record_id,traveller_id,port_id,direction,crossed_at,lane_id,vehicle_id,officer_id,inspected,seizure\n";
  private static final String GOOD_CLEARANCE = "R1,T1,P1,EXIT,2026-03-20T08:00:00+01:00,L1,CAR1,O1,false,false\n";
  private static final String ROSTER_HEADER = "shift_id,officer_id,division_id,port_id,shift_start,shift_end\n";
  private static final String GOOD_SHIFT = "S1,O1,D1,P1,2026-03-20T06:00:00+01:00,2026-03-20T14:00:00+01:00\n";

  @TempDir Path dir;
  private IngestFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new IngestFixture(dir);
  }

  /** Validates GOOD row + the bad row, asserts the bad row alone is quarantined with reason and field. */
  private Row quarantinedClearance(String badRow, ReasonCode reason, String field) {
    return onlyQuarantined(fixture.validate(InputKind.CLEARANCES, "c.csv", CLEARANCE_HEADER + GOOD_CLEARANCE + badRow),
        reason, field);
  }

  private Row quarantinedShift(String badRow, ReasonCode reason, String field) {
    return onlyQuarantined(fixture.validate(InputKind.ROSTERS, "r.csv", ROSTER_HEADER + GOOD_SHIFT + badRow),
        reason, field);
  }

  private static Row onlyQuarantined(ValidatedInput input, ReasonCode reason, String field) {
    InputCounts counts = input.counts();
    assertEquals(2, counts.read());
    assertEquals(1, counts.valid());
    assertEquals(1, counts.quarantined());
    assertEquals(Map.of(reason.name(), 1L), counts.quarantineReasons());
    List<Row> q = input.quarantine().collectAsList();
    assertEquals(1, q.size());
    Row row = q.get(0);
    assertEquals(reason.name(), row.getAs("reason"));
    assertEquals(field, row.getAs("field"));
    assertEquals(2L, (long) row.getAs("source_row"));
    assertTrue(((String) row.getAs("source_file")).endsWith(".csv"));
    return row;
  }

  @Test
  void malformedRecord() {
    Row row = quarantinedClearance("R2,T2,P1,EXIT,2026-03-20T08:00:00Z,L1,CAR1,O1,false,false,surplus\n",
        ReasonCode.MALFORMED_RECORD, null);
    // Fields of a broken clearance record cannot be trusted to be in place: all are pseudonymised.
    Map<String, String> original = row.getJavaMap(row.fieldIndex("original_values"));
    assertEquals(IngestFixture.PSEUDONYMISER.pseudonym("T2"), original.get("traveller_id"));
    assertEquals(IngestFixture.PSEUDONYMISER.pseudonym("R2"), original.get("record_id"));
    assertNull(row.getAs("raw_record"));
    assertNull(row.getAs("record_key"));
  }

  @Test
  void malformedRosterKeepsRawText() {
    Row row = quarantinedShift("S2,O1,D1,P1,2026-03-20T06:00:00Z,2026-03-20T14:00:00Z,extra\n",
        ReasonCode.MALFORMED_RECORD, null);
    assertTrue(((String) row.getAs("raw_record")).contains("extra"));
  }

  @Test
  void missingField() {
    Row row = quarantinedClearance("R2,T2,,EXIT,2026-03-20T08:00:00Z,,,,,\n", ReasonCode.MISSING_FIELD, "port_id");
    Map<String, String> original = row.getJavaMap(row.fieldIndex("original_values"));
    assertEquals(IngestFixture.PSEUDONYMISER.pseudonym("T2"), original.get("traveller_id"));
    assertEquals("R2", row.getAs("record_key"));
    quarantinedShift("S2,O1,D1,P1,   ,2026-03-20T14:00:00Z\n", ReasonCode.MISSING_FIELD, "shift_start");
  }

  @Test
  void badTimestamp() {
    for (String bad : new String[] {"2026-03-20 08:00:00", "2026-03-20T08:00:00", "yesterday",
        "2026-02-30T08:00:00Z", "2026-03-20T08:00:00+0100"}) {
      Row row = quarantinedClearance("R2,T2,P1,EXIT," + bad + ",,,,,\n", ReasonCode.BAD_TIMESTAMP, "crossed_at");
      assertTrue(((String) row.getAs("detail")).contains(bad), row.toString());
    }
  }

  @Test
  void badDirection() {
    quarantinedClearance("R2,T2,P1,SIDEWAYS,2026-03-20T08:00:00Z,,,,,\n", ReasonCode.BAD_DIRECTION, "direction");
  }

  @Test
  void badBoolean() {
    quarantinedClearance("R2,T2,P1,ENTRY,2026-03-20T08:00:00Z,,,,maybe,\n", ReasonCode.BAD_BOOLEAN, "inspected");
  }

  @Test
  void unknownTimezone() {
    ValidatedInput ports = fixture.validate(InputKind.PORTS, "p.csv",
        "port_id,name,timezone\nP1,One,Europe/Berlin\nP9,Nine,Mars/Olympus_Mons\n", Optional.empty());
    onlyQuarantined(ports, ReasonCode.UNKNOWN_TIMEZONE, "timezone");
  }

  @Test
  void unknownPort() {
    quarantinedClearance("R2,T2,ATLANTIS,ENTRY,2026-03-20T08:00:00Z,,,,,\n", ReasonCode.UNKNOWN_PORT, "port_id");
    quarantinedShift("S2,O1,D1,ATLANTIS,2026-03-20T06:00:00Z,2026-03-20T14:00:00Z\n", ReasonCode.UNKNOWN_PORT,
        "port_id");
  }

  @Test
  void withoutPortsTableEveryPortIsKnownAndLocalTimeIsUtc() {
    ValidatedInput input = fixture.validate(InputKind.CLEARANCES, "c.csv",
        CLEARANCE_HEADER + "R2,T2,ATLANTIS,ENTRY,2026-03-20T08:00:00+01:00,,,,,\n", Optional.empty());
    assertEquals(1, input.counts().valid());
    Row crossing = new RunWindow(java.time.LocalDate.of(2026, 3, 31), 30).crossings(input.valid()).first();
    assertEquals(7 * 3600, (int) crossing.getAs("local_second_of_day"));
  }

  @Test
  void shiftEndNotAfterStart() {
    quarantinedShift("S2,O1,D1,P1,2026-03-20T14:00:00Z,2026-03-20T06:00:00Z\n",
        ReasonCode.SHIFT_END_NOT_AFTER_START, "shift_end");
    quarantinedShift("S3,O1,D1,P1,2026-03-20T14:00:00Z,2026-03-20T15:00:00+01:00\n",
        ReasonCode.SHIFT_END_NOT_AFTER_START, "shift_end");
  }

  @Test
  void aShiftLongerThanADayIsQuarantinedAndOneOfADayIsNot() {
    quarantinedShift("S4,O1,D1,P1,2026-03-20T06:00:00Z,2026-03-21T06:00:01Z\n", ReasonCode.SHIFT_TOO_LONG,
        "shift_end");
    ValidatedInput day = fixture.validate(InputKind.ROSTERS, "r.csv",
        "shift_id,officer_id,division_id,port_id,shift_start,shift_end\n"
            + "S5,O1,D1,P1,2026-03-20T06:00:00Z,2026-03-21T06:00:00Z\n", Optional.empty());
    assertEquals(1, day.counts().valid(), "24 hours exactly is a (long) shift");
  }

  @Test
  void conflictingDuplicateIdQuarantinesEveryVersion() {
    ValidatedInput input = fixture.validate(InputKind.CLEARANCES, "c.csv", CLEARANCE_HEADER + GOOD_CLEARANCE
        + "R2,T2,P1,EXIT,2026-03-20T08:00:00Z,,,,,\n" + "R2,T3,P1,EXIT,2026-03-20T08:00:00Z,,,,,\n");
    InputCounts counts = input.counts();
    assertEquals(3, counts.read());
    assertEquals(Map.of(ReasonCode.CONFLICTING_DUPLICATE_ID.name(), 2L), counts.quarantineReasons());
    List<Row> q = input.quarantine().orderBy("source_row").collectAsList();
    assertEquals(List.of(2L, 3L), q.stream().map(r -> (Long) r.getAs("source_row")).toList());
    assertTrue(((String) q.get(0).getAs("detail")).contains("'R2' appears on 2 rows"));
  }

  @Test
  void exactDuplicatesCountOnceAndAddUp() {
    ValidatedInput input = fixture.validate(InputKind.CLEARANCES, "c.csv",
        CLEARANCE_HEADER + GOOD_CLEARANCE + GOOD_CLEARANCE + GOOD_CLEARANCE
            + "R2,T2,P1,SIDEWAYS,2026-03-20T08:00:00Z,,,,,\n" + "R2,T2,P1,SIDEWAYS,2026-03-20T08:00:00Z,,,,,\n");
    InputCounts counts = input.counts();
    assertEquals(5, counts.read());
    assertEquals(1, counts.valid());
    assertEquals(1, counts.quarantined());
    assertEquals(3, counts.duplicates());
    Row q = input.quarantine().first();
    assertEquals(2L, (long) q.getAs("copies"));
    assertEquals(4L, (long) q.getAs("source_row"));
  }

  @Test
  void quotedFieldsWithCommasQuotesAndLineBreaksAreOneRecord() {
    ValidatedInput input = fixture.validate(InputKind.CLEARANCES, "c.csv", CLEARANCE_HEADER
        + "R1,T1,P1,EXIT,2026-03-20T08:00:00+01:00,\"Lane 4, \"\"green\"\"\nchannel\",CAR1,O1,true,false\n"
        + "R2,T2,P2,ENTRY,2026-03-20T09:30:00.250Z,L2,,,,\n"
        // ISO-8601 lets seconds be left out, as java.time prints whole minutes.
        + "R3,T3,P2,ENTRY,2026-03-20T09:31Z,L2,,,,\n");
    assertEquals(3, input.counts().valid());
    List<Row> rows = input.valid().orderBy("source_row").collectAsList();
    assertEquals("Lane 4, \"green\"\nchannel", rows.get(0).getAs("lane_id"));
    assertEquals(Boolean.TRUE, rows.get(0).getAs("inspected"));
    assertEquals(Timestamp.from(Instant.parse("2026-03-20T07:00:00Z")), rows.get(0).getAs("crossed_at"));
    assertEquals(2L, (long) rows.get(1).getAs("source_row"));
    assertEquals(Timestamp.from(Instant.parse("2026-03-20T09:30:00.250Z")), rows.get(1).getAs("crossed_at"));
    assertEquals(IngestFixture.PSEUDONYMISER.pseudonym("T1"), rows.get(0).getAs("traveller_pseudonym"));
    assertFalse(List.of(input.valid().columns()).contains("traveller_id"));
  }

  @Test
  void extraColumnsAndAnyColumnOrderAreAccepted() {
    ValidatedInput input = fixture.validate(InputKind.CLEARANCES, "c.csv",
        "remarks,crossed_at,direction,port_id,traveller_id,record_id\n"
            + "\"free, text\",2026-03-20T08:00:00Z,entry,P1,T1,R1\n");
    Row row = input.valid().first();
    assertEquals("ENTRY", row.getAs("direction"));
    assertEquals("R1", row.getAs("record_id"));
  }

  @Test
  void missingRequiredColumnRejectsTheInput() {
    InputRejectedException e = assertThrows(InputRejectedException.class,
        () -> fixture.validate(InputKind.ROSTERS, "r.csv", "shift_id,officer_id,port_id,shift_start,shift_end\n"));
    assertTrue(e.getMessage().contains("division_id"), e.getMessage());
    assertTrue(e.getMessage().contains("r.csv"), e.getMessage());
  }

  @Test
  void parquetInputFollowsTheSameRules() {
    ValidatedInput csv = fixture.validate(InputKind.CLEARANCES, "c.csv",
        CLEARANCE_HEADER + GOOD_CLEARANCE + "R2,T2,P1,SIDEWAYS,2026-03-20T08:00:00Z,,,,,\n");
    String parquet = dir.resolve("c.parquet").toString();
    // Typed columns, as a Parquet export would carry them.
    fixture.spark.read().option("header", "true").csv(dir.resolve("c.csv").toString())
        .withColumn("crossed_at", col("crossed_at").cast("timestamp"))
        .withColumn("inspected", col("inspected").cast("boolean"))
        .write().mode(SaveMode.Overwrite).parquet(parquet);
    ValidatedInput fromParquet = fixture.validator()
        .apply(new SourceReader(fixture.spark).read(InputKind.CLEARANCES, parquet), Optional.of(fixture.ports()));
    InputCounts counts = fromParquet.counts();
    assertEquals(csv.counts().quarantineReasons(), counts.quarantineReasons());
    assertEquals(1, counts.valid());
    Row valid = fromParquet.valid().first();
    assertEquals(Timestamp.from(Instant.parse("2026-03-20T07:00:00Z")), valid.getAs("crossed_at"));
    assertEquals(2L, (long) fromParquet.quarantine().first().getAs("source_row"));
  }

  @Test
  void portsWithoutATimezoneColumnAreRefusedNamingTheStage() {
    ValidatedInput ports = fixture.validate(InputKind.PORTS, "p.csv", IngestFixture.PORTS_CSV, Optional.empty());
    String message = assertThrows(IllegalArgumentException.class, () -> fixture.validate(InputKind.CLEARANCES,
        "c.csv", CLEARANCE_HEADER + GOOD_CLEARANCE, Optional.of(ports.valid().drop("timezone")))).getMessage();
    assertTrue(message.startsWith("InputValidator needs column timezone in its ports"), message);
  }
}
