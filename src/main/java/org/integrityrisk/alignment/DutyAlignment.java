package org.integrityrisk.alignment;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Tests every group against every officer and division rostered at a port where the
 * group crossed: one row per test, with the evidence that produced its p-value.
 */
public final class DutyAlignment {
  public static final StructType SCHEMA = new StructType()
      .add("group_id", DataTypes.StringType)
      .add("port_id", DataTypes.StringType)
      .add("unit_kind", DataTypes.StringType)
      .add("unit_id", DataTypes.StringType)
      .add("officer_id", DataTypes.StringType)
      .add("division_id", DataTypes.StringType)
      .add("events", DataTypes.IntegerType)
      .add("trips", DataTypes.IntegerType)
      .add("aligned_events", DataTypes.IntegerType)
      .add("expected_aligned_events", DataTypes.DoubleType)
      .add("p_value", DataTypes.DoubleType)
      .add("smallest_p_value", DataTypes.DoubleType)
      .add("aligned_basket_ids", DataTypes.createArrayType(DataTypes.StringType));

  private final DayAxis axis;
  private final boolean keepWeekdayType;

  public DutyAlignment(DayAxis axis, boolean keepWeekdayType) {
    this.axis = axis;
    this.keepWeekdayType = keepWeekdayType;
  }

  /**
   * @param groupTrips rows of {@link GroupTrips#SCHEMA}
   * @param units rows of {@link DutyRosters#UNIT_SCHEMA}
   */
  public Dataset<Row> apply(Dataset<Row> groupTrips, Dataset<Row> units) {
    Dataset<Row> pairs = groupTrips.join(units.withColumnRenamed("port_id", "_unit_port"),
        col("port_id").equalTo(col("_unit_port")));
    DayAxis a = axis;
    boolean weekdayType = keepWeekdayType;
    return pairs.map((MapFunction<Row, Row>) row -> test(row, new AlignmentTest(a, weekdayType)), Encoders.row(SCHEMA));
  }

  private static Row test(Row row, AlignmentTest test) {
    byte[] duty = row.getAs("duty");
    byte[] context = row.getAs("context");
    AlignmentTest.Result result = test.test(GroupTrips.tripsOf(row), duty, context);
    List<String> baskets = row.getList(row.fieldIndex("basket_ids"));
    List<Object> aligned = new ArrayList<>();
    for (int index : result.alignedEventIndexes()) {
      aligned.add(baskets.get(index));
    }
    return RowFactory.create(row.getAs("group_id"), row.getAs("port_id"), row.getAs("unit_kind"), row.getAs("unit_id"),
        row.getAs("officer_id"), row.getAs("division_id"), result.events(), result.trips(), result.alignedEvents(),
        result.expectedAlignedEvents(), result.pValue(), result.smallestPValue(), SparkRows.seq(aligned));
  }
}
