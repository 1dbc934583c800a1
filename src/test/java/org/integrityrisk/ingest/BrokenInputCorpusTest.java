package org.integrityrisk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Broken and hostile clearance files, each with the outcome it must have: read as meant,
 * rows quarantined with a reason and their row (the run goes on, exit 0, within the reject
 * ratio), or the input rejected with one message naming the file (exit 3). Never a stack
 * trace, never a row lost: the counts' constructor checks valid + quarantined + duplicates = read.
 */
class BrokenInputCorpusTest {
  private static final String HEADER =
      "record_id,traveller_id,port_id,direction,crossed_at,lane_id,vehicle_id,officer_id,inspected,seizure\n";
  private static final String GOOD = "R1,T1,P1,EXIT,2026-03-20T08:00:00Z,,,,,\n";

  @TempDir Path dir;

  private ValidatedInput read(String name, byte[] content) throws Exception {
    IngestFixture fixture = new IngestFixture(dir);
    Path file = Files.write(dir.resolve(name), content);
    return IngestFixture.validator().apply(new SourceReader(fixture.spark).read(InputKind.CLEARANCES,
        file.toString()), Optional.of(fixture.ports()));
  }

  private ValidatedInput read(String name, String content) throws Exception {
    return read(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private String rejected(String name, byte[] content) {
    return assertThrows(InputRejectedException.class, () -> read(name, content)).getMessage();
  }

  /** The one quarantined row: its reason, field and source row. */
  private static void quarantinedOnce(ValidatedInput input, ReasonCode reason, String field, long row) {
    assertEquals(Map.of(reason.name(), 1L), input.counts().quarantineReasons(), input.counts().toString());
    Row q = input.quarantine().first();
    assertEquals(field, q.getAs("field"));
    assertEquals(row, (long) q.<Long>getAs("source_row"));
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws Exception {
    assertEquals(1, read("bom.csv", "\uFEFF" + HEADER + GOOD).counts().valid());
  }

  @Test
  void windowsLineEndsAreLineEnds() throws Exception {
    assertEquals(1, read("crlf.csv", (HEADER + GOOD).replace("\n", "\r\n")).counts().valid());
  }

  @Test
  void aNulOrOtherControlByteQuarantinesItsRow() throws Exception {
    ValidatedInput input = read("nul.csv", HEADER + GOOD + "R2,T\u00002,P1,EXIT,2026-03-20T08:00:00Z,,,,,\n");
    assertEquals(1, input.counts().valid());
    quarantinedOnce(input, ReasonCode.CONTROL_CHARACTER, "traveller_id", 2);
  }

  @Test
  void anUnclosedQuoteAtTheEndQuarantinesTheRowItOpensAndKeepsTheOthers() throws Exception {
    ValidatedInput input = read("unclosed.csv", HEADER + GOOD + "R2,T2,P1,EXIT,2026-03-20T08:00:00Z,,,,,\"note\n");
    assertEquals(1, input.counts().valid());
    assertEquals(1, input.counts().quarantined());
    assertEquals(2L, (long) input.quarantine().first().<Long>getAs("source_row"));
  }

  @Test
  void aTenMegabyteFieldQuarantinesItsRow() throws Exception {
    ValidatedInput input = read("big.csv", HEADER + "R1,T" + "x".repeat(10_000_000) + ",P1,EXIT,2026-03-20T08:00:00Z"
        + ",,,,,\n" + GOOD.replace("R1", "R2"));
    assertEquals(1, input.counts().valid());
    quarantinedOnce(input, ReasonCode.FIELD_TOO_LONG, "traveller_id", 1);
  }

  @Test
  void aHeaderAloneIsAnInputOfNoRows() throws Exception {
    InputCounts counts = read("header-only.csv", HEADER).counts();
    assertEquals(0, counts.read());
  }

  @Test
  void anEmptyFileIsRejectedByName() {
    assertTrue(rejected("empty.csv", new byte[0]).matches("clearances file .*empty\\.csv has no header row"));
  }

  @Test
  void aMissingRequiredColumnIsRejectedByName() {
    String message = rejected("no-direction.csv",
        "record_id,traveller_id,port_id,crossed_at\nR1,T1,P1,2026-03-20T08:00:00Z\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(message.contains("no-direction.csv lacks required column(s) direction"), message);
  }

  @Test
  void aColumnNamedTwiceIsRejectedAsSuch() {
    String message = rejected("twice.csv", ("record_id,traveller_id,port_id,direction,crossed_at,port_id\n"
        + "R1,T1,P1,EXIT,2026-03-20T08:00:00Z,P2\n").getBytes(StandardCharsets.UTF_8));
    assertTrue(message.contains("twice.csv has the column port_id more than once"), message);
  }

  @Test
  void aLatin1FileQuarantinesTheRowsItCannotReadAsUtf8() throws Exception {
    ValidatedInput input = read("latin1.csv", (HEADER + "R1,T\u00e91,P1,EXIT,2026-03-20T08:00:00Z,,,,,\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    quarantinedOnce(input, ReasonCode.BAD_ENCODING, "traveller_id", 1);
  }

  @Test
  void aZeroByteOrTruncatedParquetFileIsRejectedByName() {
    assertTrue(rejected("zero.parquet", new byte[0]).contains("zero.parquet is not a readable Parquet file"));
    assertTrue(rejected("cut.parquet", "PAR1 and then nothing".getBytes(StandardCharsets.UTF_8))
        .contains("cut.parquet is not a readable Parquet file"));
  }

  @Test
  void parquetWithWrongColumnTypesQuarantinesWhatDoesNotParse() throws Exception {
    IngestFixture fixture = new IngestFixture(dir);
    StructType schema = new StructType().add("record_id", DataTypes.StringType).add("traveller_id", DataTypes.StringType)
        .add("port_id", DataTypes.StringType).add("direction", DataTypes.StringType)
        .add("crossed_at", DataTypes.LongType);
    Path parquet = dir.resolve("typed.parquet");
    fixture.spark.createDataFrame(List.of(RowFactory.create("R1", "T1", "P1", "EXIT", 1_774_000_000L)), schema)
        .coalesce(1).write().parquet(parquet.toString());
    ValidatedInput input = IngestFixture.validator().apply(new SourceReader(fixture.spark).read(InputKind.CLEARANCES,
        parquet.toString()), Optional.of(fixture.ports()));
    quarantinedOnce(input, ReasonCode.BAD_TIMESTAMP, "crossed_at", 1);
  }

  @Test
  void aFolderOfFilesWithDifferentHeadersIsRejectedNamingBoth() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("feed"));
    Files.writeString(folder.resolve("a.csv"), HEADER + GOOD);
    Files.writeString(folder.resolve("b.csv"), "record_id,traveller,port_id,direction,crossed_at\n"
        + "R2,T2,P1,EXIT,2026-03-20T08:00:00Z\n");
    IngestFixture fixture = new IngestFixture(dir);
    String message = assertThrows(InputRejectedException.class,
        () -> new SourceReader(fixture.spark).read(InputKind.CLEARANCES, folder.toString())).getMessage();
    assertTrue(message.contains("its files' headers differ (a.csv: 'record_id,traveller_id,port_id,direction,"
        + "crossed_at,lane_id,vehicle_id,officer_id,inspected,seizure'; b.csv: 'record_id,traveller,port_id,"
        + "direction,crossed_at')"), message);
  }

  @Test
  void htmlAndFormulasInIdsAndTextAreKeptAsText() throws Exception {
    ValidatedInput input = read("hostile.csv", HEADER + "R1,=HYPERLINK(\"\"http://x\"\"),P1,EXIT,"
        + "2026-03-20T08:00:00Z,<script>alert(1)</script>,,,,\n");
    assertEquals(1, input.counts().valid(), "text is data: the report escapes it, the tables store it as it was");
    assertEquals("<script>alert(1)</script>", input.valid().first().getAs("lane_id"));
  }
}
