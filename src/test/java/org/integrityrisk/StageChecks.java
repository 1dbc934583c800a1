package org.integrityrisk;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.function.Executable;

/** What the tests of the stages' entry checks share: inputs with chosen columns, and the refusal. */
public final class StageChecks {
  private StageChecks() {}

  /** No rows, and these columns as text: a stage's check looks at names only. */
  public static Dataset<Row> rows(String... columns) {
    StructType schema = new StructType();
    for (String c : columns) {
      schema = schema.add(c, DataTypes.StringType);
    }
    return SharedSpark.get().createDataFrame(List.<Row>of(), schema);
  }

  /** Asserts that building or applying the stage is refused with a message starting with {@code expected}. */
  public static void refused(String expected, Executable stage) {
    String message = assertThrows(IllegalArgumentException.class, stage).getMessage();
    assertTrue(message.startsWith(expected), message);
  }
}
