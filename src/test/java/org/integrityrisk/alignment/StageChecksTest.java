package org.integrityrisk.alignment;

import static org.integrityrisk.schema.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.ingest.RunWindow;
import org.junit.jupiter.api.Test;

/** The alignment stages refuse bad parameters and inputs with messages that name what is wrong. */
class StageChecksTest {
  private static final DayAxis AXIS = DayAxis.of(new RunWindow(LocalDate.of(2026, 3, 8), 8));

  private static Dataset<Row> empty(StructType schema) {
    return SharedSpark.get().createDataFrame(List.<Row>of(), schema);
  }

  private static StructType strings(String... names) {
    StructType schema = new StructType();
    for (String name : names) {
      schema = schema.add(name, DataTypes.StringType);
    }
    return schema;
  }

  @Test
  void tripHoursOutsideTheConfiguredRangeAreRefused() {
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> new GroupTrips.Params(AXIS, 337));
    assertEquals("GroupTrips: trip-hours must be between 0 and 336, got 337", tooLong.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> new GroupTrips.Params(AXIS, -1));
    assertEquals("GroupTrips: trip-hours must be between 0 and 336, got -1", negative.getMessage());
    assertEquals(0, new GroupTrips.Params(AXIS, 0).tripHours());
    assertEquals(336, new GroupTrips.Params(AXIS, 336).tripHours());
  }

  @Test
  void stagesNeedTheirDayAxis() {
    assertEquals("GroupTrips: the day axis must be given",
        assertThrows(IllegalArgumentException.class, () -> new GroupTrips.Params(null, 12)).getMessage());
    assertEquals("DutyAlignment: the day axis must be given",
        assertThrows(IllegalArgumentException.class, () -> new DutyAlignment.Params(null, true)).getMessage());
  }

  @Test
  void groupTripsNameTheMissingColumnOfTheirEvents() {
    Dataset<Row> events = empty(strings(GROUP_ID, PORT_ID, BASKET_ID, DIRECTION, EVENT_TIME, LOCAL_SECOND_OF_DAY));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GroupTrips.apply(events, new GroupTrips.Params(AXIS, 12)));
    assertTrue(e.getMessage().startsWith("GroupTrips needs column local_date in its events"), e.getMessage());
  }

  @Test
  void dutyAlignmentNamesTheMissingColumnOfItsUnits() {
    Dataset<Row> units = empty(DutyRosters.UNIT_SCHEMA).drop(DutyRosters.CONTEXT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DutyAlignment(new DutyAlignment.Params(AXIS, false)).apply(empty(GroupTrips.SCHEMA), units));
    assertTrue(e.getMessage().startsWith("DutyAlignment needs column context in its units"), e.getMessage());
  }

  @Test
  void dutyRostersNameTheMissingColumnOfTheirShifts() {
    Dataset<Row> shifts = empty(strings(PORT_ID, OFFICER_ID, DIVISION_ID, SHIFT_START_LOCAL));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DutyRosters.apply(shifts, AXIS));
    assertTrue(e.getMessage().startsWith("DutyRosters needs column shift_end_local in its shifts"), e.getMessage());
  }
}
