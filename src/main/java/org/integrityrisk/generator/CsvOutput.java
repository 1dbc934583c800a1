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
 * A CSV input being written: one file, a folder of part files each holding at most a
 * fixed number of records and its own header, or a data lake laid out by UTC day
 * ({@code crossing_date=YYYY-MM-DD/part-00000.csv}, a file per day, each record in the day
 * of its {@code crossed_at}). Remembers where the last record went, so a planted row's
 * position can be reported as the file and 1-based record number within it.
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
  /** By day: the open file of each day, and the day a record with no readable time goes to. */
  private final java.util.Map<String, DayFile> days;
  private String lastDay;

  /** One day's file of a lake laid out by day. */
  private static final class DayFile {
    final Writer writer;
    final String file;
    long records;

    DayFile(Writer writer, String file) {
      this.writer = writer;
      this.file = file;
    }
  }

  private CsvOutput(Path outputDir, String name, String header, boolean partitioned, long maxRecordsPerPart)
      throws IOException {
    this.outputDir = outputDir;
    this.name = name;
    this.header = header;
    this.partitioned = partitioned;
    this.maxRecordsPerPart = maxRecordsPerPart;
    this.days = null;
    if (partitioned) {
      Files.createDirectories(outputDir.resolve(name));
    }
    open();
  }

  private CsvOutput(Path outputDir, String name, String header, String firstDay) throws IOException {
    this.outputDir = outputDir;
    this.name = name;
    this.header = header;
    this.partitioned = true;
    this.maxRecordsPerPart = Long.MAX_VALUE;
    this.days = new java.util.TreeMap<>();
    this.lastDay = firstDay;
    Files.createDirectories(outputDir.resolve(name));
  }

  /**
   * A folder {@code name} laid out by UTC day. The day of a record is that of its fifth
   * field ({@code crossed_at}); a record whose time cannot be read (a planted bad row) goes to
   * the day of the record before it, or {@code firstDay}, so that no row is outside a day.
   */
  static CsvOutput byDay(Path outputDir, String folderName, String header, java.time.LocalDate firstDay)
      throws IOException {
    return new CsvOutput(outputDir, folderName, header, firstDay.toString());
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
    if (days != null) {
      writeByDay(record);
      return;
    }
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

  private void writeByDay(CharSequence record) throws IOException {
    String day = utcDay(record).orElse(lastDay);
    lastDay = day;
    DayFile file = days.get(day);
    if (file == null) {
      String relative = name + "/crossing_date=" + day + "/part-00000.csv";
      Files.createDirectories(outputDir.resolve(relative).getParent());
      Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(outputDir.resolve(relative)),
          StandardCharsets.UTF_8), 1 << 14);
      w.write(header);
      file = new DayFile(w, relative);
      days.put(day, file);
    }
    file.writer.write(record.toString());
    file.records++;
    currentFile = file.file;
    recordsInFile = file.records;
    records++;
  }

  /** The UTC day of a record's fifth field, when it is an ISO-8601 time with an offset. */
  static java.util.Optional<String> utcDay(CharSequence record) {
    int field = 0;
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == ',' || c == '\n' || c == '\r')) {
        if (field == 4) {
          try {
            return java.util.Optional.of(java.time.OffsetDateTime.parse(record.subSequence(start, i))
                .atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDate().toString());
          } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
          }
        }
        field++;
        start = i + 1;
      }
    }
    return java.util.Optional.empty();
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
    if (days != null) {
      for (DayFile file : days.values()) {
        file.writer.close();
      }
      return;
    }
    writer.close();
  }
}
