package org.integrityrisk.alignment;

import static org.integrityrisk.schema.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.StageChecks;
import org.integrityrisk.ingest.RunWindow;
import org.junit.jupiter.api.Test;

class GroupTripsTest {
  private static final RunWindow WINDOW = new RunWindow(LocalDate.of(2026, 3, 8), 8);
  private static final DayAxis AXIS = DayAxis.of(WINDOW);
  private static final StructType EVENTS = new StructType()
      .add(GROUP_ID, DataTypes.StringType)
      .add(PORT_ID, DataTypes.StringType)
      .add(BASKET_ID, DataTypes.StringType)
      .add(DIRECTION, DataTypes.StringType)
      .add(EVENT_TIME, DataTypes.TimestampType)
      .add(LOCAL_DATE, DataTypes.DateType)
      .add(LOCAL_SECOND_OF_DAY, DataTypes.IntegerType);

  private static Row event(String group, String direction, String localTime) {
    LocalDateTime t = LocalDateTime.parse(localTime);
    return RowFactory.create(group, "P1", group + localTime, direction, Timestamp.from(t.toInstant(ZoneOffset.UTC)),
        Date.valueOf(t.toLocalDate()), t.toLocalTime().toSecondOfDay());
  }

  @Test
  void roundTripsAreOutAndBackWithinFifteenMinutesToRoundTripHours() {
    List<Row> rows = new ArrayList<>();
    // Smuggler-like: out and back 2.5 h later, three times, plus one turn back at the border after 5 min.
    for (String day : List.of("2026-03-02", "2026-03-04", "2026-03-06")) {
      rows.add(event("ring", "EXIT", day + "T10:00"));
      rows.add(event("ring", "ENTRY", day + "T12:30"));
    }
    rows.add(event("ring", "EXIT", "2026-03-07T09:00"));
    rows.add(event("ring", "ENTRY", "2026-03-07T09:05"));
    // Commuters: out in the morning, back nine hours later (a round trip only if round-trip-hours allows it);
    // and an exit with no return.
    for (String day : List.of("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05")) {
      rows.add(event("carpool", "EXIT", day + "T07:30"));
      rows.add(event("carpool", "ENTRY", day + "T16:30"));
    }
    rows.add(event("carpool", "EXIT", "2026-03-06T07:30"));
    List<Row> trips = GroupTrips.apply(SharedSpark.get().createDataFrame(rows, EVENTS), new GroupTrips.Params(AXIS, 24, 8, 4))
        .orderBy(GROUP_ID).collectAsList();
    assertEquals("carpool", trips.get(0).getAs(GROUP_ID));
    assertEquals(0, trips.get(0).<Integer>getAs(ROUND_TRIPS));
    assertEquals(5, GroupTrips.tripsOf(trips.get(0)).size());
    assertEquals("ring", trips.get(1).getAs(GROUP_ID));
    assertEquals(3, trips.get(1).<Integer>getAs(ROUND_TRIPS));
    assertEquals(3, trips.get(1).<Integer>getAs(SHORT_ROUND_TRIPS));
    assertEquals(4, GroupTrips.tripsOf(trips.get(1)).size());
    List<Row> longer = GroupTrips.apply(SharedSpark.get().createDataFrame(rows, EVENTS),
        new GroupTrips.Params(AXIS, 24, 10, 2)).orderBy(GROUP_ID).collectAsList();
    assertEquals(4, longer.get(0).<Integer>getAs(ROUND_TRIPS));
    assertEquals(0, longer.get(0).<Integer>getAs(SHORT_ROUND_TRIPS));
    assertEquals(0, longer.get(1).<Integer>getAs(SHORT_ROUND_TRIPS), "2.5 hours is not short at 2");
    StageChecks.refused("GroupTrips: round-trip-hours must be between 1 and 24, got 0",
        () -> new GroupTrips.Params(AXIS, 24, 0, 0));
    StageChecks.refused("GroupTrips: short-trip-hours (6) must not exceed round-trip-hours (5)",
        () -> new GroupTrips.Params(AXIS, 24, 5, 6));
  }
}
