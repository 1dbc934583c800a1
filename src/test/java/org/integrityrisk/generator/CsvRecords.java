package org.integrityrisk.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader, independent of the generator's writer: quoted fields with
 * commas, doubled quotes and line breaks. Returns the header as the first record.
 */
public final class CsvRecords {
  private CsvRecords() {}

  /**
   * Asserts that every record of {@code before} is in {@code after}, in the same order, with
   * only the first field (the record id) allowed to differ: an option that adds rows must
   * leave the standard rows as they were.
   */
  static void assertKeptInOrder(List<List<String>> before, List<List<String>> after) {
    List<String> kept = new ArrayList<>();
    for (List<String> r : after.subList(1, after.size())) {
      kept.add(String.join("|", r.subList(1, r.size())));
    }
    int next = 0;
    for (List<String> r : before.subList(1, before.size())) {
      String content = String.join("|", r.subList(1, r.size()));
      while (next < kept.size() && !kept.get(next).equals(content)) {
        next++;
      }
      org.junit.jupiter.api.Assertions.assertTrue(next < kept.size(), "standard row kept in order: " + r);
      next++;
    }
  }

  public static List<List<String>> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        if (field.length() > 0) {
          throw new IllegalStateException("quote inside an unquoted field at char " + i);
        }
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        fieldStarted = false;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    if (quoted) {
      throw new IllegalStateException(file + " ends inside a quoted field");
    }
    if (fieldStarted || field.length() > 0) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
