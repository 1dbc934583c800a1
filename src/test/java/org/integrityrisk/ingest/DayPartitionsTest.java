package org.integrityrisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clearances lake laid out by day is read for the days asked only: the files Spark read
 * (each row's source file) are those days', and the fingerprint hashes only them.
 */
class DayPartitionsTest {
  private static final String HEADER = "record_id,traveller_id,port_id,direction,crossed_at\n";
  private static final LocalDate FIRST_DAY = LocalDate.parse("2026-03-01");
  @TempDir Path dir;

  /** Eight days of one crossing each, as a CSV lake. */
  private Path csvLake() throws Exception {
    Path lake = Files.createDirectory(dir.resolve("clearances"));
    for (int d = 0; d < 8; d++) {
      LocalDate day = FIRST_DAY.plusDays(d);
      Path folder = Files.createDirectory(lake.resolve("crossing_date=" + day));
      Files.writeString(folder.resolve("part-00000.csv"), HEADER + "R" + d + ",T" + d + ",P1,EXIT," + day
          + "T08:00:00Z\n");
    }
    return lake;
  }

  @Test
  void aCsvLakeIsReadForItsDaysOnly() throws Exception {
    IngestFixture fixture = new IngestFixture(dir);
    Path lake = csvLake();
    DayPartitions days = new DayPartitions(LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-05"));
    RawInput raw = new SourceReader(fixture.spark).read(InputKind.CLEARANCES, lake.toString(), Optional.of(days));
    List<String> files = raw.rows().select(col("source_file")).distinct().orderBy("source_file")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(3, files.size(), files.toString());
    assertTrue(files.get(0).contains("crossing_date=2026-03-03/"), files.toString());
    ValidatedInput input = IngestFixture.validator().apply(raw, Optional.of(fixture.ports()));
    assertEquals(3, input.counts().read());
    assertEquals(3, input.counts().valid(), "the day folder's column is not one of the record's");

    InputFingerprint all = InputFingerprint.of(fixture.spark, lake.toString()).orElseThrow();
    InputFingerprint read = InputFingerprint.of(fixture.spark, lake.toString(), Optional.of(days)).orElseThrow();
    assertEquals(8, all.files());
    assertEquals(3, read.files(), "only the files read are hashed");
  }

  @Test
  void aParquetLakeIsReadForItsDaysOnly() throws Exception {
    IngestFixture fixture = new IngestFixture(dir);
    StructType schema = new StructType().add("record_id", DataTypes.StringType)
        .add("traveller_id", DataTypes.StringType).add("port_id", DataTypes.StringType)
        .add("direction", DataTypes.StringType).add("crossed_at", DataTypes.StringType)
        .add("crossing_date", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 8; d++) {
      LocalDate day = FIRST_DAY.plusDays(d);
      rows.add(RowFactory.create("R" + d, "T" + d, "P1", "EXIT", day + "T08:00:00Z", day.toString()));
    }
    Path lake = dir.resolve("lake");
    fixture.spark.createDataFrame(rows, schema).write().partitionBy("crossing_date").parquet(lake.toString());
    DayPartitions days = new DayPartitions(LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-07"));
    RawInput raw = new SourceReader(fixture.spark).read(InputKind.CLEARANCES, lake.toString(), Optional.of(days));
    assertFalse(raw.columns().contains("crossing_date"));
    ValidatedInput input = IngestFixture.validator().apply(raw, Optional.of(fixture.ports()));
    assertEquals(2, input.counts().read());
    assertEquals(List.of("R5", "R6"), input.valid().select("record_id").orderBy("record_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }

  @Test
  void theDaysOfAWindowAndWhichFilesTheyRead() {
    DayPartitions days = DayPartitions.ending(LocalDate.parse("2026-04-10"), 30);
    assertEquals(LocalDate.parse("2026-03-12"), days.first());
    assertTrue(days.reads("crossing_date=2026-03-12/part-00000.csv"));
    assertFalse(days.reads("crossing_date=2026-03-11/part-00000.csv"));
    assertFalse(days.reads("crossing_date=2026-04-11/part-00000.csv"));
    assertTrue(days.reads("part-00007.csv"), "a file outside any day folder is read");
  }
}
