package org.integrityrisk.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.Test;

class OutputTableTest {

  /** The README's "Outputs" table is what users read; each promised column must be named in its folder's row. */
  @Test
  void theReadmeNamesEveryPromisedColumnOfEveryFolder() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("README.md"));
    List<String> unnamed = new ArrayList<>();
    for (OutputTable table : OutputTable.values()) {
      Optional<String> row = readme.stream().filter(l -> l.startsWith("| `" + table.folder() + "/` |")).findFirst();
      assertTrue(row.isPresent(), "README.md's Outputs table has no row for " + table.folder());
      table.promised().stream().filter(column -> !row.get().contains("`" + column + "`"))
          .forEach(column -> unnamed.add(table.folder() + "." + column));
    }
    assertEquals(List.of(), unnamed, "promised columns README.md's Outputs table does not name");
  }

  @Test
  void folderNamesAreDistinct() {
    assertEquals(OutputTable.values().length,
        java.util.Arrays.stream(OutputTable.values()).map(OutputTable::folder).distinct().count());
  }

  @Test
  void aTableWithoutAPromisedColumnIsRefusedByName() {
    StructType schema = new StructType();
    for (String column : OutputTable.WATCH_LIST.promised()) {
      if (!column.equals(Columns.DIVISION_FLAGGED)) {
        schema = schema.add(column, DataTypes.StringType);
      }
    }
    var rows = SharedSpark.get().createDataFrame(List.<Row>of(), schema);
    String message = assertThrows(IllegalArgumentException.class, () -> OutputTable.WATCH_LIST.check(rows))
        .getMessage();
    assertTrue(message.startsWith("the watch_list output needs column division_flagged"), message);
  }
}
