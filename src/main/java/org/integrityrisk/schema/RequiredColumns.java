package org.integrityrisk.schema;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;

/**
 * The check each stage makes on entry, so that a column renamed upstream fails with the
 * stage's name and the missing column instead of an analysis error deep in a plan that
 * names an internal alias.
 */
public final class RequiredColumns {
  private RequiredColumns() {}

  /**
   * @param stage the stage that reads the input, as the message should name it
   * @param input which of the stage's inputs this is ("crossings", "events", ...)
   * @throws IllegalArgumentException naming the stage, the input and every missing column
   */
  public static void require(String stage, String input, Dataset<?> rows, String... columns) {
    List<String> present = Arrays.asList(rows.columns());
    List<String> missing = Arrays.stream(columns).filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(stage + " needs column" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + " in its " + input + "; they have " + String.join(", ", present));
    }
  }
}
