package org.integrityrisk.groups;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.baskets.CoTravelBaskets;
import org.integrityrisk.ingest.RunWindow;
import org.integrityrisk.schema.Columns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Commuters who keep the same hours, a ring that crosses together on its own days, and a
 * carpool: only the ring and the carpool are co-travellers, and a basket holding all
 * three is mined as the ring and the carpool apart.
 */
class CoTravellersTest {
  private static final RunWindow WINDOW = new RunWindow(LocalDate.of(2026, 4, 10), 30);
  private static final StructType CROSSINGS = new StructType()
      .add("traveller_pseudonym", DataTypes.StringType)
      .add("port_id", DataTypes.StringType)
      .add("direction", DataTypes.StringType)
      .add("local_date", DataTypes.DateType)
      .add("local_second_of_day", DataTypes.IntegerType)
      .add("crossed_at", DataTypes.TimestampType)
      .add("vehicle_id", DataTypes.StringType);
  private static Map<String, Row> tested;

  @BeforeAll
  static void testPairs() {
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      LocalDate day = WINDOW.runDate().minusDays(d);
      if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      // Two commuters in their own cars, a minute or two apart, every weekday morning.
      rows.add(crossing("commuter-1", day, 7 * 3600 + 1800 + (d % 3) * 20, "CAR-1"));
      rows.add(crossing("commuter-2", day, 7 * 3600 + 1800 + 90 - (d % 4) * 15, "CAR-2"));
      // A carpool: the same car, every weekday at 08:00.
      rows.add(crossing("pool-1", day, 8 * 3600, "CAR-3"));
      rows.add(crossing("pool-2", day, 8 * 3600 + 40, "CAR-3"));
    }
    // Someone crossing every day at noon: the port is open all week.
    for (int d = 0; d < 30; d++) {
      rows.add(crossing("walker", WINDOW.runDate().minusDays(d), 12 * 3600, null));
    }
    // A night ring: five nights of its own, one member just before midnight, the other just after.
    for (int trip = 0; trip < 5; trip++) {
      LocalDate day = WINDOW.runDate().minusDays(3 + trip * 5);
      rows.add(crossing("night-1", day, 86_400 - 90, null));
      rows.add(crossing("night-2", day.plusDays(1), 60, null));
    }
    // The ring: on foot, on seven days of its own, at a different hour each time.
    for (int trip = 0; trip < 7; trip++) {
      LocalDate day = WINDOW.runDate().minusDays(2 + trip * 4);
      int second = (9 + trip) * 3600 + 600;
      rows.add(crossing("ring-1", day, second, null));
      rows.add(crossing("ring-2", day, second + 100, null));
    }
    Dataset<Row> crossings = SharedSpark.get().createDataFrame(rows, CROSSINGS);
    Dataset<Row> pairs = SharedSpark.get().createDataFrame(List.of(
            RowFactory.create("commuter-1", "commuter-2", 20L),
            RowFactory.create("pool-1", "pool-2", 22L),
            RowFactory.create("ring-1", "ring-2", 7L),
            RowFactory.create("night-1", "night-2", 5L)),
        new StructType().add(SharedBaskets.A, DataTypes.StringType).add(SharedBaskets.B, DataTypes.StringType)
            .add(SharedBaskets.TOGETHER, DataTypes.LongType));
    tested = new HashMap<>();
    new CoTravellers(new CoTravellers.Params(5, 30, 5, 0.001, true)).apply(pairs, crossings, crossings).collectAsList()
        .forEach(r -> tested.put(r.getAs(SharedBaskets.A), r));
  }

  private static Row crossing(String traveller, LocalDate day, int secondOfDay, String vehicle) {
    Timestamp at = Timestamp.from(day.atStartOfDay().plusSeconds(secondOfDay).toInstant(ZoneOffset.UTC));
    return RowFactory.create(traveller, "PORT", "exit", Date.valueOf(day), secondOfDay, at, vehicle);
  }

  @Test
  void commutersWhoKeepTheSameHoursAreExplainedByHabit() {
    Row commuters = tested.get("commuter-1");
    int met = commuters.getAs(CoTravellers.MET);
    double expected = commuters.getAs(CoTravellers.EXPECTED);
    assertEquals(22, met, "they meet every weekday");
    assertEquals(22.0, expected, 1e-9, "their hours alone predict every meeting");
    assertTrue((double) commuters.getAs(Columns.P_VALUE) > 0.1);
    assertFalse(commuters.<Boolean>getAs(CoTravellers.KEPT));
  }

  @Test
  void aRingThatPicksItsOwnDaysIsKept() {
    Row ring = tested.get("ring-1");
    assertEquals(7, (int) ring.getAs(CoTravellers.MET));
    // Five weekday trips out of 22 open weekdays, two weekend trips out of 8 open weekend days.
    assertEquals(5.0 / 22 + 2.0 / 8, (double) ring.getAs(CoTravellers.EXPECTED), 1e-9);
    assertTrue((double) ring.getAs(Columns.P_VALUE) < 1e-5);
    assertEquals(0, (int) ring.getAs(CoTravellers.SHARED_VEHICLE));
    assertTrue(ring.<Boolean>getAs(CoTravellers.KEPT));
  }

  @Test
  void meetingsAcrossMidnightCount() {
    Row night = tested.get("night-1");
    // 23:58:30 and 00:01:00 the next day are one meeting, on each of the five nights.
    assertEquals(5, (int) night.getAs(CoTravellers.MET), night.toString());
    // Both always cross near midnight, so their habit alone gives some meetings:
    // four weekday nights out of 22 for each weekday crossing, one weekend night out of 8.
    assertEquals(4 * 4.0 / 22 + 1.0 / 8, (double) night.getAs(CoTravellers.EXPECTED), 1e-9);
    assertTrue((double) night.getAs(Columns.P_VALUE) < 0.01, night.toString());
  }

  @Test
  void aCarpoolIsKeptForItsSharedCar() {
    Row pool = tested.get("pool-1");
    assertEquals(22, (int) pool.getAs(CoTravellers.SHARED_VEHICLE));
    assertTrue((double) pool.getAs(Columns.P_VALUE) > 0.1, "its habits explain the meetings");
    assertTrue(pool.<Boolean>getAs(CoTravellers.KEPT));
  }

  @Test
  void aBasketIsMinedAsItsPiecesOfCoTravellers() {
    Dataset<Row> pairs = SharedSpark.get().createDataFrame(new ArrayList<>(tested.values()),
        tested.values().iterator().next().schema());
    Dataset<Row> baskets = SharedSpark.get().createDataFrame(List.of(
            RowFactory.create("P/exit/1/0/0", List.of("commuter-1", "commuter-2", "pool-1", "pool-2", "ring-1", "ring-2")),
            RowFactory.create("P/exit/2/0/0", List.of("commuter-1", "ring-2", "pool-2"))),
        new StructType().add(Columns.BASKET_ID, DataTypes.StringType)
            .add(CoTravelBaskets.ITEMS, DataTypes.createArrayType(DataTypes.StringType)));
    List<String> pieces = CoTravellers.transactions(baskets, pairs).orderBy(col(Columns.BASKET_ID))
        .collectAsList().stream()
        .map(r -> r.getAs(Columns.BASKET_ID) + "=" + r.getList(r.fieldIndex(CoTravelBaskets.ITEMS))).toList();
    assertEquals(List.of("P/exit/1/0/0#0=[pool-1, pool-2]", "P/exit/1/0/0#1=[ring-1, ring-2]"), pieces);
  }
}
