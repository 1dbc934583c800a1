package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The findings of a run reduced to one line per table: name, rows and a SHA-256 over the
 * schema and the sorted rows. Kept in {@code src/test/resources/findings-unchanged/}, made
 * by the code before a change that must not change what the pipeline finds (speed work,
 * refactoring), and compared after it: any table that differs in a single value fails.
 *
 * <p>{@code -Dfindings.digests.update=true} rewrites the kept file from the run instead of
 * comparing; that is only right when a change is meant to alter the findings, and the
 * commit says why.
 */
final class FindingsDigest {
  private FindingsDigest() {}

  /**
   * One line per table of the run folder, in name order. The scenario's folder, which
   * quarantine rows name as their source file, is written as {@code <scenario>}, so that a
   * run in another temporary folder has the same digest.
   */
  static List<String> of(SparkSession spark, Path runFolder, Path scenarioFolder) throws IOException {
    List<String> lines = new ArrayList<>();
    List<Path> tables;
    try (Stream<Path> entries = Files.list(runFolder)) {
      tables = entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_"))
          .sorted().toList();
    }
    for (Path table : tables) {
      Dataset<Row> rows = spark.read().parquet(table.toString());
      List<String> text = new ArrayList<>();
      for (Row row : rows.collectAsList()) {
        text.add(row.toString().replace(scenarioFolder.toString(), "<scenario>"));
      }
      text.sort(String::compareTo);
      MessageDigest sha = sha256();
      sha.update(rows.schema().treeString().getBytes(StandardCharsets.UTF_8));
      for (String row : text) {
        sha.update(row.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      lines.add(table.getFileName() + " " + text.size() + " " + HexFormat.of().formatHex(sha.digest()));
    }
    return lines;
  }

  /** Compares the run with the kept digests named {@code name}, or rewrites them on request. */
  static void assertUnchanged(SparkSession spark, Path runFolder, Path scenarioFolder, String name)
      throws IOException {
    Path kept = Launcher.ROOT.resolve("src/test/resources/findings-unchanged").resolve(name + ".txt");
    List<String> actual = of(spark, runFolder, scenarioFolder);
    if (Boolean.getBoolean("findings.digests.update")) {
      Files.createDirectories(kept.getParent());
      Files.write(kept, actual, StandardCharsets.UTF_8);
      return;
    }
    List<String> expected = Files.readAllLines(kept, StandardCharsets.UTF_8);
    assertEquals(String.join("\n", expected), String.join("\n", actual),
        "the findings differ from " + kept + " (table, rows, SHA-256 of schema and sorted rows)");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
