package org.integrityrisk.generator;

/** RFC 4180 field quoting. */
final class Csv {
  private Csv() {}

  /** Appends the field, quoted with inner quotes doubled only when it holds a comma, quote, CR or LF. */
  static void appendField(StringBuilder sb, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (!needsQuotes(value)) {
      sb.append(value);
      return;
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /** A whole record from its field values, ending with the line break. */
  static void appendRecord(StringBuilder sb, String... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      appendField(sb, values[i]);
    }
    sb.append('\n');
  }
}
