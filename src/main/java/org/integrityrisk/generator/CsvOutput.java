package org.integrityrisk.generator;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CSV input being written: one file, or a folder of part files each holding at most a
 * fixed number of records and its own header. Remembers where the last record went, so a
 * planted row's position can be reported as the file and 1-based record number within it.
 */
final class CsvOutput implements Closeable {
  private static final int BUFFER_CHARS = 1 << 18;

  private final Path outputDir;
  private final String name;
  private final String header;
  private final boolean partitioned;
  private final long maxRecordsPerPart;
  private Writer writer;
  private String currentFile;
  private long recordsInFile;
  private long records;
  private int parts;
  private char[] chars = new char[512];

  private CsvOutput(Path outputDir, String name, String header, boolean partitioned, long maxRecordsPerPart)
      throws IOException {
    this.outputDir = outputDir;
    this.name = name;
    this.header = header;
    this.partitioned = partitioned;
    this.maxRecordsPerPart = maxRecordsPerPart;
    if (partitioned) {
      Files.createDirectories(outputDir.resolve(name));
    }
    open();
  }

  /** A single file {@code name} in the output folder. */
  static CsvOutput single(Path outputDir, String fileName, String header) throws IOException {
    return new CsvOutput(outputDir, fileName, header, false, Long.MAX_VALUE);
  }

  /** A folder {@code name} of {@code part-00000.csv}, {@code part-00001.csv}, ... */
  static CsvOutput partitioned(Path outputDir, String folderName, String header, long maxRecordsPerPart)
      throws IOException {
    if (maxRecordsPerPart < 1) {
      throw new IllegalArgumentException("a part must hold at least one record");
    }
    return new CsvOutput(outputDir, folderName, header, true, maxRecordsPerPart);
  }

  /** Writes one record, which must end with its line break. */
  void write(CharSequence record) throws IOException {
    if (recordsInFile >= maxRecordsPerPart) {
      writer.close();
      open();
    }
    int n = record.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    if (record instanceof StringBuilder sb) {
      sb.getChars(0, n, chars, 0);
      writer.write(chars, 0, n);
    } else {
      writer.write(record.toString());
    }
    recordsInFile++;
    records++;
  }

  /** The last record's file, relative to the output folder, with forward slashes. */
  String currentFile() {
    return currentFile;
  }

  /** The last record's 1-based number within its file, header excluded. */
  long currentRow() {
    return recordsInFile;
  }

  long records() {
    return records;
  }

  private void open() throws IOException {
    if (partitioned) {
      StringBuilder part = new StringBuilder("part-");
      Timestamps.appendDigits(part, parts++, 5);
      currentFile = name + "/" + part.append(".csv");
    } else {
      currentFile = name;
    }
    writer = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(outputDir.resolve(currentFile)), StandardCharsets.UTF_8),
        BUFFER_CHARS);
    writer.write(header);
    recordsInFile = 0;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
