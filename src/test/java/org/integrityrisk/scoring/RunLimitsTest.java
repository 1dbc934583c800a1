package org.integrityrisk.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.Test;

class RunLimitsTest {
  private static final StructType TESTS = new StructType()
      .add("unit_kind", DataTypes.StringType)
      .add("port_id", DataTypes.StringType)
      .add("round_trips", DataTypes.IntegerType)
      .add("short_round_trips", DataTypes.IntegerType)
      .add("weight", DataTypes.DoubleType)
      .add("testable", DataTypes.BooleanType);
  private static final StructType UNITS = new StructType()
      .add("unit_kind", DataTypes.StringType)
      .add("duty", DataTypes.BinaryType);

  /** A duty bitmap of 8 bytes with {@code onBits} of its 64 minutes on duty. */
  private static byte[] duty(int onBits) {
    byte[] b = new byte[8];
    for (int m = 0; m < onBits; m++) {
      b[m >>> 3] |= (byte) (1 << (m & 7));
    }
    return b;
  }

  @Test
  void theBarOfEachCellItsTripsAndThePortsBlindToDivisions() {
    List<Row> tests = new ArrayList<>();
    // Four counted division tests of short-trip groups at weight 5 and sixteen counted officer
    // tests of other groups at weight 0.0625: the bar of a cell is level * w / (counted tests).
    for (int i = 0; i < 4; i++) {
      tests.add(RowFactory.create("division", "P1", 5, 4, 5.0, true));
    }
    for (int i = 0; i < 16; i++) {
      tests.add(RowFactory.create("officer", "P1", 0, 0, 0.0625, true));
    }
    // A port whose division tests could never reach the level.
    tests.add(RowFactory.create("division", "AIR", 0, 0, 0.5, false));
    tests.add(RowFactory.create("division", "AIR", 0, 0, 0.5, false));
    List<Row> units = List.of(RowFactory.create("division", duty(16)), RowFactory.create("division", duty(16)),
        RowFactory.create("division", duty(16)), RowFactory.create("officer", duty(8)),
        RowFactory.create("officer", duty(8)));
    RunLimits limits = RunLimits.of(SharedSpark.get().createDataFrame(tests, TESTS),
        SharedSpark.get().createDataFrame(units, UNITS), 0.01);

    assertEquals(22, limits.tests());
    assertEquals(20, limits.countedTests());
    assertEquals(List.of("AIR"), limits.portsWithoutDivisionEvidence());
    assertEquals(3, limits.cells().size());
    RunLimits.Cell shortTrips = limits.cells().get(0);
    assertEquals("division", shortTrips.unitKind());
    assertEquals("short_round_trips", shortTrips.groups());
    assertEquals(4, shortTrips.countedTests());
    // The bar: 0.01 * 5 / 20; a division on duty a quarter of the time needs 0.25^k <= 0.0025: k = 5.
    assertEquals(0.0025, shortTrips.firstFindingP(), 1e-15);
    assertEquals(0.25, shortTrips.typicalDutyShare(), 1e-15);
    assertEquals(5, shortTrips.tripsAllOnDuty());
    RunLimits.Cell other = limits.cells().get(1);
    assertEquals("other", other.groups());
    assertEquals(0, other.countedTests());
    RunLimits.Cell officers = limits.cells().get(2);
    assertEquals("officer", officers.unitKind());
    assertEquals(0.01 * 0.0625 / 20, officers.firstFindingP(), 1e-15);
    assertEquals(0.125, officers.typicalDutyShare(), 1e-15);
    assertNull(officers.tripsAllOnDuty(), "an officer's duty counts only beyond the division's");
  }
}
