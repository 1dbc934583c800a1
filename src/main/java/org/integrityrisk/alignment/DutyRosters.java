package org.integrityrisk.alignment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.minute;
import static org.apache.spark.sql.functions.to_date;
import static org.integrityrisk.schema.Columns.*;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.schema.RequiredColumns;

/**
 * Turns the window's shifts into duty bitmaps, one per officer and one per division at
 * each port they are rostered at. An officer's division is the one most of their shifts
 * there carry; their {@code context} is the duty of the rest of that division, which
 * the officer's own test is conditioned on.
 */
public final class DutyRosters {
  /** The {@code unit_kind} of an officer's unit. */
  public static final String OFFICER = "officer";
  /** The {@code unit_kind} of a division's unit. */
  public static final String DIVISION = "division";

  /** How many shifts the unit worked at the port. */
  public static final String SHIFTS = "shifts";
  /** The unit's {@link DutyBitmap}. */
  public static final String DUTY = "duty";
  /** For an officer, the duty bitmap of the rest of their division; null for a division. */
  public static final String CONTEXT = "context";

  private static final String STAGE = "DutyRosters";
  // Aliases of the officers' keys in the self-join that finds their context.
  private static final String CONTEXT_PORT = "_port";
  private static final String CONTEXT_DIVISION = "_division";
  private static final String CONTEXT_OFFICER = "_officer";

  public static final StructType UNIT_SCHEMA = new StructType()
      .add(PORT_ID, DataTypes.StringType)
      .add(UNIT_KIND, DataTypes.StringType)
      .add(UNIT_ID, DataTypes.StringType)
      .add(OFFICER_ID, DataTypes.StringType)
      .add(DIVISION_ID, DataTypes.StringType)
      .add(SHIFTS, DataTypes.IntegerType)
      .add(DUTY, DataTypes.BinaryType)
      .add(CONTEXT, DataTypes.BinaryType);
  private static final StructType OFFICER_SCHEMA = new StructType()
      .add(PORT_ID, DataTypes.StringType)
      .add(OFFICER_ID, DataTypes.StringType)
      .add(DIVISION_ID, DataTypes.StringType)
      .add(SHIFTS, DataTypes.IntegerType)
      .add(DUTY, DataTypes.BinaryType);
  private static final StructType DIVISION_PART_SCHEMA = new StructType()
      .add(PORT_ID, DataTypes.StringType)
      .add(DIVISION_ID, DataTypes.StringType)
      .add(OFFICER_ID, DataTypes.StringType)
      .add(SHIFTS, DataTypes.IntegerType)
      .add(DUTY, DataTypes.BinaryType);

  private DutyRosters() {}

  /** One shift as minutes on the axis: selected by {@link #of}, read back by name in {@link #from(Row)}. */
  private record ShiftMinutes(String port, String officer, String division, int start, int end) {
    static final String START = "start_minute";
    static final String END = "end_minute";

    static Dataset<Row> of(Dataset<Row> shifts, DayAxis axis) {
      return shifts.select(col(PORT_ID), col(OFFICER_ID), col(DIVISION_ID),
          minuteOnAxis(col(SHIFT_START_LOCAL), axis).as(START),
          minuteOnAxis(col(SHIFT_END_LOCAL), axis).as(END));
    }

    static ShiftMinutes from(Row r) {
      return new ShiftMinutes(r.getAs(PORT_ID), r.getAs(OFFICER_ID), r.getAs(DIVISION_ID), r.<Integer>getAs(START),
          r.<Integer>getAs(END));
    }
  }

  static Column minuteOnAxis(Column localTime, DayAxis axis) {
    return datediff(to_date(localTime), lit(Date.valueOf(axis.firstDay()))).multiply(DayAxis.MINUTES_PER_DAY)
        .plus(hour(localTime).multiply(60)).plus(minute(localTime));
  }

  /** One row per officer and per division at a port, shaped as {@link #UNIT_SCHEMA}. */
  public static Dataset<Row> apply(Dataset<Row> shifts, DayAxis axis) {
    RequiredColumns.require(STAGE, "shifts", shifts, PORT_ID, OFFICER_ID, DIVISION_ID, SHIFT_START_LOCAL,
        SHIFT_END_LOCAL);
    Dataset<Row> minutes = ShiftMinutes.of(shifts, axis);
    Dataset<Row> officers = minutes
        .groupByKey((MapFunction<Row, String>) r -> {
          ShiftMinutes m = ShiftMinutes.from(r);
          return m.port() + '\u0000' + m.officer();
        }, Encoders.STRING())
        .mapGroups((MapGroupsFunction<String, Row, Row>) (key, rows) -> officer(rows, axis), Encoders.row(OFFICER_SCHEMA));
    Dataset<Row> divisionParts = minutes
        .groupByKey((MapFunction<Row, String>) r -> {
          ShiftMinutes m = ShiftMinutes.from(r);
          return m.port() + '\u0000' + m.division();
        }, Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) -> division(rows, axis),
            Encoders.row(DIVISION_PART_SCHEMA));

    Dataset<Row> divisions = divisionParts.filter(col(OFFICER_ID).isNull()).select(
        col(PORT_ID), lit(DIVISION).as(UNIT_KIND), col(DIVISION_ID).as(UNIT_ID),
        lit(null).cast(DataTypes.StringType).as(OFFICER_ID), col(DIVISION_ID), col(SHIFTS), col(DUTY),
        lit(null).cast(DataTypes.BinaryType).as(CONTEXT));
    Dataset<Row> others = divisionParts.filter(col(OFFICER_ID).isNotNull())
        .select(col(PORT_ID).as(CONTEXT_PORT), col(DIVISION_ID).as(CONTEXT_DIVISION),
            col(OFFICER_ID).as(CONTEXT_OFFICER), col(DUTY).as(CONTEXT));
    Dataset<Row> officerUnits = officers
        .join(others, col(PORT_ID).equalTo(col(CONTEXT_PORT)).and(col(DIVISION_ID).equalTo(col(CONTEXT_DIVISION)))
            .and(col(OFFICER_ID).equalTo(col(CONTEXT_OFFICER))), "left")
        .select(col(PORT_ID), lit(OFFICER).as(UNIT_KIND), col(OFFICER_ID).as(UNIT_ID), col(OFFICER_ID),
            col(DIVISION_ID), col(SHIFTS), col(DUTY), col(CONTEXT));
    return divisions.unionByName(officerUnits);
  }

  private static Row officer(Iterator<Row> rows, DayAxis axis) {
    byte[] duty = DutyBitmap.empty(axis);
    Map<String, Integer> labels = new HashMap<>();
    String port = null;
    String officer = null;
    int shifts = 0;
    while (rows.hasNext()) {
      ShiftMinutes m = ShiftMinutes.from(rows.next());
      port = m.port();
      officer = m.officer();
      labels.merge(m.division(), 1, Integer::sum);
      DutyBitmap.set(duty, m.start(), m.end());
      shifts++;
    }
    // The division most of their shifts carry; ties go to the smallest id, for repeatable runs.
    String home = labels.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .findFirst().orElseThrow().getKey();
    return RowFactory.create(port, officer, home, shifts, duty);
  }

  /** The division's duty, and for each of its officers the duty of everyone else in it. */
  private static Iterator<Row> division(Iterator<Row> rows, DayAxis axis) {
    Map<String, byte[]> byOfficer = new TreeMap<>();
    String port = null;
    String division = null;
    int shifts = 0;
    while (rows.hasNext()) {
      ShiftMinutes m = ShiftMinutes.from(rows.next());
      port = m.port();
      division = m.division();
      DutyBitmap.set(byOfficer.computeIfAbsent(m.officer(), o -> DutyBitmap.empty(axis)), m.start(), m.end());
      shifts++;
    }
    byte[] all = DutyBitmap.empty(axis);
    byOfficer.values().forEach(b -> DutyBitmap.orInto(all, b));
    List<Row> out = new ArrayList<>();
    out.add(RowFactory.create(port, division, null, shifts, all));
    for (String officer : byOfficer.keySet()) {
      byte[] rest = DutyBitmap.empty(axis);
      byOfficer.forEach((other, b) -> {
        if (!other.equals(officer)) {
          DutyBitmap.orInto(rest, b);
        }
      });
      out.add(RowFactory.create(port, division, officer, shifts, rest));
    }
    return out.iterator();
  }
}
