package org.integrityrisk.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.integrityrisk.SharedSpark;
import org.integrityrisk.output.Pseudonymiser;

/** Small hand-written inputs through the real reader and validator. */
final class IngestFixture {
  static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser("test-key".getBytes());
  static final String PORTS_CSV = "port_id,name,timezone\nP1,\"Bridge, north\",Europe/Berlin\nP2,Airport,UTC\n";

  final SparkSession spark = SharedSpark.get();
  final Path dir;

  IngestFixture(Path dir) {
    this.dir = dir;
  }

  Path write(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ValidatedInput validate(InputKind kind, String fileName, String content, Optional<Dataset<Row>> ports) {
    Path file = write(fileName, content);
    return validator().apply(new SourceReader(spark).read(kind, file.toString()), ports);
  }

  ValidatedInput validate(InputKind kind, String fileName, String content) {
    return validate(kind, fileName, content, Optional.of(ports()));
  }

  Dataset<Row> ports() {
    return validate(InputKind.PORTS, "ports.csv", PORTS_CSV, Optional.empty()).valid();
  }

  static InputValidator validator() {
    return new InputValidator(functions.udf((UDF1<String, String>) PSEUDONYMISER::pseudonym, DataTypes.StringType));
  }
}
