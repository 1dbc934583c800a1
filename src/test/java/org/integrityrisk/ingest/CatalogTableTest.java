package org.integrityrisk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code table:DB.NAME} reads a table of the session's catalog (Spark's built-in catalog
 * here) with the same validation as a file, and for clearances only the days asked for,
 * the filter pushed to the table's scan.
 */
class CatalogTableTest {
  @TempDir Path dir;

  @Test
  void aCatalogTableIsReadByNameForTheDaysAskedWithItsTimelessRowsQuarantined() throws Exception {
    IngestFixture fixture = new IngestFixture(dir);
    fixture.spark.sql("CREATE DATABASE IF NOT EXISTS catalog_test LOCATION '" + dir.resolve("db").toUri() + "'");
    StructType schema = new StructType().add("record_id", DataTypes.StringType)
        .add("traveller_id", DataTypes.StringType).add("port_id", DataTypes.StringType)
        .add("direction", DataTypes.StringType).add("crossed_at", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 8; d++) {
      Instant at = Instant.parse("2026-03-0" + (d + 1) + "T08:00:00Z");
      rows.add(RowFactory.create("R" + d, "T" + d, "P1", "EXIT", Timestamp.from(at)));
    }
    rows.add(RowFactory.create("R-no-time", "T9", "P1", "EXIT", null));
    fixture.spark.createDataFrame(rows, schema).write().option("path", dir.resolve("table").toString())
        .mode("overwrite").saveAsTable("catalog_test.clearances");

    DayPartitions days = new DayPartitions(LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-05"));
    RawInput raw = new SourceReader(fixture.spark).read(InputKind.CLEARANCES, "table:catalog_test.clearances",
        Optional.of(days));
    String plan = raw.rows().queryExecution().executedPlan().toString();
    assertTrue(plan.contains("PushedFilters: [Or(IsNull(crossed_at)"), "the days reach the table's scan: " + plan);
    ValidatedInput input = IngestFixture.validator().apply(raw, Optional.of(fixture.ports()));
    assertEquals(4, input.counts().read(), "three days and the row without a time");
    assertEquals(3, input.counts().valid());
    assertEquals(Map.of(ReasonCode.MISSING_FIELD.name(), 1L), input.counts().quarantineReasons());
  }

  @Test
  void aTableTheCatalogDoesNotHoldIsRejectedByName() {
    IngestFixture fixture = new IngestFixture(dir);
    String message = assertThrows(InputRejectedException.class, () -> new SourceReader(fixture.spark)
        .read(InputKind.CLEARANCES, "table:nowhere.clearances", Optional.empty())).getMessage();
    assertTrue(message.startsWith("clearances input table:nowhere.clearances is not a table of the catalog"),
        message);
  }
}
