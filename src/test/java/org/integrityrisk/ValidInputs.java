package org.integrityrisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.integrityrisk.ingest.InputKind;
import org.integrityrisk.ingest.InputValidator;
import org.integrityrisk.ingest.SourceReader;
import org.integrityrisk.output.Pseudonymiser;

/**
 * Hand-written input files read and validated as a run reads them, for tests that drive the
 * detection stages without the command: the valid rows of each input.
 */
public record ValidInputs(Dataset<Row> ports, Dataset<Row> clearances, Dataset<Row> rosters) {

  /**
   * Writes the three inputs into {@code dir} as clearances.csv, rosters.csv and ports.csv, and
   * reads them back.
   *
   * @param key the pseudonym key, so each test's travellers get their own pseudonyms
   */
  public static ValidInputs written(Path dir, CharSequence clearances, CharSequence rosters, CharSequence ports,
      String key) throws IOException {
    return read(Files.writeString(dir.resolve("clearances.csv"), clearances),
        Files.writeString(dir.resolve("rosters.csv"), rosters), Files.writeString(dir.resolve("ports.csv"), ports), key);
  }

  private static ValidInputs read(Path clearances, Path rosters, Path ports, String key) {
    Pseudonymiser pseudonymiser = new Pseudonymiser(key.getBytes());
    InputValidator validator = new InputValidator(
        functions.udf((UDF1<String, String>) pseudonymiser::pseudonym, DataTypes.StringType));
    SourceReader reader = new SourceReader(SharedSpark.get());
    Dataset<Row> validPorts = validator.apply(reader.read(InputKind.PORTS, ports.toString()), Optional.empty()).valid();
    return new ValidInputs(validPorts,
        validator.apply(reader.read(InputKind.CLEARANCES, clearances.toString()), Optional.of(validPorts)).valid(),
        validator.apply(reader.read(InputKind.ROSTERS, rosters.toString()), Optional.of(validPorts)).valid());
  }
}
