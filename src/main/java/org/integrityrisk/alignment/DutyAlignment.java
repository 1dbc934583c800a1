package org.integrityrisk.alignment;

import static org.apache.spark.sql.functions.col;
import static org.integrityrisk.schema.Columns.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.schema.RequiredColumns;

/**
 * Tests every group against every officer and division rostered at a port where the
 * group crossed: one row per test, with the evidence that produced its p-value.
 */
public final class DutyAlignment {
  /** How many trips the group's events at the port make up. */
  private static final String TRIPS = "trips";
  private static final String STAGE = "DutyAlignment";
  /** The units' port, renamed so the join with the groups' trips has one {@code port_id}. */
  private static final String UNIT_PORT = "_unit_port";

  /** The columns that name one test: the group, the port, and the officer or division. */
  public static final List<String> TEST_KEY = List.of(GROUP_ID, PORT_ID, UNIT_KIND, UNIT_ID);

  public static final StructType SCHEMA = new StructType()
      .add(GROUP_ID, DataTypes.StringType)
      .add(PORT_ID, DataTypes.StringType)
      .add(UNIT_KIND, DataTypes.StringType)
      .add(UNIT_ID, DataTypes.StringType)
      .add(OFFICER_ID, DataTypes.StringType)
      .add(DIVISION_ID, DataTypes.StringType)
      .add(EVENTS, DataTypes.IntegerType)
      .add(TRIPS, DataTypes.IntegerType)
      .add(ROUND_TRIPS, DataTypes.IntegerType)
      .add(SHORT_ROUND_TRIPS, DataTypes.IntegerType)
      .add(ALIGNED_EVENTS, DataTypes.IntegerType)
      .add(EXPECTED_ALIGNED_EVENTS, DataTypes.DoubleType)
      .add(P_VALUE, DataTypes.DoubleType)
      .add(SMALLEST_P_VALUE, DataTypes.DoubleType)
      .add(ALIGNED_BASKET_IDS, DataTypes.createArrayType(DataTypes.StringType));

  /**
   * @param axis the local days of the run
   * @param keepWeekdayType whether the null model draws a trip's day only among days of its
   *     own type ({@code keep-weekday-type})
   */
  public record Params(DayAxis axis, boolean keepWeekdayType) {
    public Params {
      if (axis == null) {
        throw new IllegalArgumentException(STAGE + ": the day axis must be given");
      }
    }
  }

  private final Params params;

  public DutyAlignment(Params params) {
    if (params == null) {
      throw new IllegalArgumentException(STAGE + ": its parameters must be given");
    }
    this.params = params;
  }

  /**
   * @param groupTrips rows of {@link GroupTrips#SCHEMA}
   * @param units rows of {@link DutyRosters#UNIT_SCHEMA}
   */
  public Dataset<Row> apply(Dataset<Row> groupTrips, Dataset<Row> units) {
    RequiredColumns.require(STAGE, "group trips", groupTrips, GroupTrips.SCHEMA.fieldNames());
    RequiredColumns.require(STAGE, "units", units, PORT_ID, UNIT_KIND, UNIT_ID, OFFICER_ID, DIVISION_ID,
        DutyRosters.DUTY, DutyRosters.CONTEXT);
    Dataset<Row> pairs = groupTrips.join(units.withColumnRenamed(PORT_ID, UNIT_PORT),
        col(PORT_ID).equalTo(col(UNIT_PORT)));
    DayAxis a = params.axis();
    boolean weekdayType = params.keepWeekdayType();
    return pairs.map((MapFunction<Row, Row>) row -> test(row, new AlignmentTest(a, weekdayType)), Encoders.row(SCHEMA));
  }

  private static Row test(Row row, AlignmentTest test) {
    byte[] duty = row.getAs(DutyRosters.DUTY);
    byte[] context = row.getAs(DutyRosters.CONTEXT);
    AlignmentTest.Result result = test.test(GroupTrips.tripsOf(row), duty, context);
    List<String> baskets = row.getList(row.fieldIndex(BASKET_IDS));
    List<Object> aligned = new ArrayList<>();
    for (int index : result.alignedEventIndexes()) {
      aligned.add(baskets.get(index));
    }
    return RowFactory.create(row.getAs(GROUP_ID), row.getAs(PORT_ID), row.getAs(UNIT_KIND), row.getAs(UNIT_ID),
        row.getAs(OFFICER_ID), row.getAs(DIVISION_ID), result.events(), result.trips(), row.getAs(ROUND_TRIPS),
        row.getAs(SHORT_ROUND_TRIPS), result.alignedEvents(),
        result.expectedAlignedEvents(), result.pValue(), result.smallestPValue(), SparkRows.seq(aligned));
  }
}
