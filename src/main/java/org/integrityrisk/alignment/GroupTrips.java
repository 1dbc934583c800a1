package org.integrityrisk.alignment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.integrityrisk.schema.Columns.*;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.schema.RequiredColumns;

/**
 * A group's events at one port, paired into trips: an exit and the group's next entry
 * (or an entry and the next exit) within {@code tripHours} are one trip out and back.
 * The two crossings of a trip share one decision of when to travel, so the null model
 * moves them together instead of counting them as two independent pieces of evidence.
 */
public final class GroupTrips {
  private static final String STAGE = "GroupTrips";
  /** Per event, in trip order: its minute on the {@link DayAxis}, its instant and its trip's index. */
  private static final String MINUTES = "minutes";
  private static final String EPOCH_SECONDS = "epoch_seconds";
  private static final String TRIP_OF_EVENT = "trip_of_event";

  public static final StructType SCHEMA = new StructType()
      .add(GROUP_ID, DataTypes.StringType)
      .add(PORT_ID, DataTypes.StringType)
      .add(BASKET_IDS, DataTypes.createArrayType(DataTypes.StringType))
      .add(MINUTES, DataTypes.createArrayType(DataTypes.IntegerType))
      .add(EPOCH_SECONDS, DataTypes.createArrayType(DataTypes.LongType))
      .add(TRIP_OF_EVENT, DataTypes.createArrayType(DataTypes.IntegerType))
      .add(ROUND_TRIPS, DataTypes.IntegerType)
      .add(SHORT_ROUND_TRIPS, DataTypes.IntegerType);

  /** Below this an exit and the entry after it are a turn back at the border, not a trip. */
  static final long ROUND_TRIP_MIN_SECONDS = 15 * 60L;

  private GroupTrips() {}

  /**
   * @param axis the local days of the run
   * @param tripHours an exit and the group's next entry (or the reverse) within this many
   *     hours are one trip ({@code trip-hours}, 0 to 336)
   * @param roundTripHours a trip out and back within 15 minutes to this many hours is a
   *     round trip ({@code round-trip-hours})
   * @param shortTripHours a round trip within this many hours is a short one
   *     ({@code short-trip-hours}, at most {@code roundTripHours})
   */
  public record Params(DayAxis axis, int tripHours, int roundTripHours, int shortTripHours) {
    public Params {
      if (axis == null) {
        throw new IllegalArgumentException(STAGE + ": the day axis must be given");
      }
      Parameters.TRIP_HOURS.require(STAGE, tripHours);
      Parameters.ROUND_TRIP_HOURS.require(STAGE, roundTripHours);
      Parameters.SHORT_TRIP_HOURS.require(STAGE, shortTripHours);
      if (shortTripHours > roundTripHours) {
        throw new IllegalArgumentException(STAGE + ": short-trip-hours (" + shortTripHours
            + ") must not exceed round-trip-hours (" + roundTripHours + ")");
      }
    }

    public Params(DayAxis axis, int tripHours) {
      this(axis, tripHours, Parameters.ROUND_TRIP_HOURS.defaultValue(), Parameters.SHORT_TRIP_HOURS.defaultValue());
    }

    public static Params of(DayAxis axis, PipelineConfig config) {
      return new Params(axis, config.tripHours(), config.get(Parameters.ROUND_TRIP_HOURS),
          config.get(Parameters.SHORT_TRIP_HOURS));
    }
  }

  private record Event(String basketId, String direction, int minute, long epochSecond) {}

  /** One event with its group and port: selected by {@link #of}, read back by name in {@link #from(Row)}. */
  private record GroupEvent(String group, String port, Event event) {
    static final String MINUTE = "minute";
    static final String EPOCH_SECOND = "epoch_second";

    static Dataset<Row> of(Dataset<Row> events, DayAxis axis) {
      return events.select(col(GROUP_ID), col(PORT_ID), col(BASKET_ID), col(DIRECTION),
          datediff(col(LOCAL_DATE), lit(Date.valueOf(axis.firstDay()))).multiply(DayAxis.MINUTES_PER_DAY)
              .plus(floor(col(LOCAL_SECOND_OF_DAY).divide(60)).cast(DataTypes.IntegerType)).as(MINUTE),
          col(EVENT_TIME).cast(DataTypes.LongType).as(EPOCH_SECOND));
    }

    static GroupEvent from(Row r) {
      return new GroupEvent(r.getAs(GROUP_ID), r.getAs(PORT_ID), new Event(r.getAs(BASKET_ID), r.getAs(DIRECTION),
          r.<Integer>getAs(MINUTE), r.<Long>getAs(EPOCH_SECOND)));
    }
  }

  /** @param events group events (group_id, basket_id, port_id, direction, event_time, local_date, local_second_of_day) */
  public static Dataset<Row> apply(Dataset<Row> events, Params params) {
    RequiredColumns.require(STAGE, "events", events, GROUP_ID, PORT_ID, BASKET_ID, DIRECTION, LOCAL_DATE,
        LOCAL_SECOND_OF_DAY, EVENT_TIME);
    long tripSeconds = params.tripHours() * 3600L;
    long roundTripSeconds = params.roundTripHours() * 3600L;
    long shortTripSeconds = params.shortTripHours() * 3600L;
    return GroupEvent.of(events, params.axis())
        .groupByKey((MapFunction<Row, String>) r -> {
          GroupEvent e = GroupEvent.from(r);
          return e.group() + '\u0000' + e.port();
        }, Encoders.STRING())
        .mapGroups((MapGroupsFunction<String, Row, Row>) (key, rows) -> trips(rows, tripSeconds, roundTripSeconds, shortTripSeconds), Encoders.row(SCHEMA));
  }

  private static Row trips(Iterator<Row> rows, long tripSeconds, long roundTripSeconds, long shortTripSeconds) {
    String group = null;
    String port = null;
    List<Event> events = new ArrayList<>();
    while (rows.hasNext()) {
      GroupEvent e = GroupEvent.from(rows.next());
      group = e.group();
      port = e.port();
      events.add(e.event());
    }
    events.sort(Comparator.comparingLong(Event::epochSecond).thenComparing(Event::basketId));
    List<Object> baskets = new ArrayList<>();
    List<Object> minutes = new ArrayList<>();
    List<Object> epochs = new ArrayList<>();
    List<Object> tripOf = new ArrayList<>();
    int trip = -1;
    int roundTrips = 0;
    int shortRoundTrips = 0;
    Event open = null;
    for (Event e : events) {
      boolean closesTrip = open != null && !open.direction().equals(e.direction())
          && e.epochSecond() - open.epochSecond() <= tripSeconds;
      if (closesTrip) {
        long span = e.epochSecond() - open.epochSecond();
        if (span >= ROUND_TRIP_MIN_SECONDS && span <= roundTripSeconds) {
          roundTrips++;
          shortRoundTrips += span <= shortTripSeconds ? 1 : 0;
        }
        open = null;
      } else {
        trip++;
        open = e;
      }
      baskets.add(e.basketId());
      minutes.add(e.minute());
      epochs.add(e.epochSecond());
      tripOf.add(trip);
    }
    return RowFactory.create(group, port, SparkRows.seq(baskets), SparkRows.seq(minutes), SparkRows.seq(epochs),
        SparkRows.seq(tripOf), roundTrips, shortRoundTrips);
  }

  /** Rebuilds the trips of one row of {@link #SCHEMA}. */
  static List<AlignmentTest.Trip> tripsOf(Row row) {
    List<Integer> minutes = row.getList(row.fieldIndex(MINUTES));
    List<Long> epochs = row.getList(row.fieldIndex(EPOCH_SECONDS));
    List<Integer> tripOf = row.getList(row.fieldIndex(TRIP_OF_EVENT));
    List<AlignmentTest.Trip> trips = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= minutes.size(); i++) {
      if (i == minutes.size() || !tripOf.get(i).equals(tripOf.get(start))) {
        int[] m = new int[i - start];
        long[] s = new long[i - start];
        for (int j = start; j < i; j++) {
          m[j - start] = minutes.get(j);
          s[j - start] = epochs.get(j);
        }
        trips.add(new AlignmentTest.Trip(m, s));
        start = i;
      }
    }
    return trips;
  }
}
