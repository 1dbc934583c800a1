package org.integrityrisk.review;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Investigators' decisions, one per row of a small CSV file with the header
 * {@code finding_id,decision,date,note}. The file is typed by people, so every problem is
 * reported with its row and field, all at once, and nothing in it is applied until the
 * whole file reads cleanly: a half-applied file would silently re-raise dismissed leads.
 */
public final class FeedbackFile {
  // The file's header, as investigators write it; a format of its own, not the output tables' columns.
  private static final String ID_FIELD = "finding_id";
  private static final String DECISION_FIELD = "decision";
  private static final String DATE_FIELD = "date";
  private static final String NOTE_FIELD = "note";
  static final List<String> COLUMNS = List.of(ID_FIELD, DECISION_FIELD, DATE_FIELD, NOTE_FIELD);
  /** Officer and division findings ({@code F-}) and groups ({@code G-}): 16 hex digits each. */
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[FG]-[0-9a-f]{16}");
  private static final int MAX_REPORTED = 20;

  /** One decision as written, with where it was written. */
  public record Entry(String findingId, Decision decision, LocalDate date, String note, String source, int row) {}

  /** The file cannot be used; the message names the file, rows and fields at fault. */
  public static final class InvalidException extends RuntimeException {
    public InvalidException(String message) {
      super(message);
    }
  }

  private FeedbackFile() {}

  public static List<Entry> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidException("feedback file " + file + " does not exist or is not a file");
    }
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setMaxCharsPerColumn(100_000);
    settings.setIgnoreLeadingWhitespaces(true);
    settings.setIgnoreTrailingWhitespaces(true);
    unclosedQuote(file).ifPresent(line -> {
      throw new InvalidException("feedback file " + file + ": the quoted field opened on line " + line
          + " is not closed before the end of the file; no decision was applied");
    });
    CsvParser parser = new CsvParser(settings);
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      parser.beginParsing(in);
      String[] header = parser.getContext().parsedHeaders();
      if (header == null) {
        throw new InvalidException("feedback file " + file + " is empty; it needs the header "
            + String.join(",", COLUMNS));
      }
      List<String> names = Arrays.stream(header).map(h -> h == null ? "" : h.trim().toLowerCase(Locale.ROOT)).toList();
      for (String required : COLUMNS.subList(0, 3)) {
        if (!names.contains(required)) {
          throw new InvalidException("feedback file " + file + " has no column '" + required + "'; its header must be "
              + String.join(",", COLUMNS) + " (found: " + String.join(",", names) + ")");
        }
      }
      int row = 0;
      String[] record;
      while ((record = parser.parseNext()) != null) {
        row++;
        String where = "feedback file " + file + ", row " + row + " (line " + parser.getContext().currentLine() + ")";
        String id = field(record, names, ID_FIELD);
        String decisionText = field(record, names, DECISION_FIELD);
        String dateText = field(record, names, DATE_FIELD);
        String note = field(record, names, NOTE_FIELD);
        if (record.length > names.size()) {
          problems.add(where + ": " + record.length + " fields but the header has " + names.size()
              + "; quote a note that holds a comma");
          continue;
        }
        if (id == null) {
          problems.add(where + ", field " + ID_FIELD + ": missing");
        } else if (!ID.matcher(id).matches()) {
          problems.add(where + ", field " + ID_FIELD + ": '" + id + "' is not a finding id (F- or G- and 16 hex digits, "
              + "as in the findings and suspect_groups tables)");
          id = null;
        }
        Decision decision = null;
        if (decisionText == null) {
          problems.add(where + ", field " + DECISION_FIELD + ": missing; one of " + Decision.words());
        } else {
          decision = Decision.fromWord(decisionText.toLowerCase(Locale.ROOT)).orElse(null);
          if (decision == null) {
            problems.add(where + ", field " + DECISION_FIELD + ": '" + decisionText + "' is not one of " + Decision.words());
          }
        }
        LocalDate date = null;
        if (dateText == null) {
          problems.add(where + ", field " + DATE_FIELD + ": missing; a date of the form YYYY-MM-DD");
        } else {
          try {
            date = LocalDate.parse(dateText);
          } catch (DateTimeParseException e) {
            problems.add(where + ", field " + DATE_FIELD + ": '" + dateText + "' is not a date of the form YYYY-MM-DD");
          }
        }
        if (id != null && decision != null && date != null) {
          entries.add(new Entry(id, decision, date, note == null ? "" : note, file.toString(), row));
        }
      }
    } catch (IOException e) {
      throw new InvalidException("feedback file " + file + " cannot be read: " + e.getMessage());
    } catch (com.univocity.parsers.common.TextParsingException e) {
      throw new InvalidException("feedback file " + file + " is not valid CSV near line "
          + (e.getLineIndex() + 1) + " (an unclosed quote?): " + firstLine(e.getMessage()));
    } finally {
      parser.stopParsing();
    }
    if (!problems.isEmpty()) {
      List<String> shown = problems.subList(0, Math.min(MAX_REPORTED, problems.size()));
      String more = problems.size() > shown.size() ? "\n(and " + (problems.size() - shown.size()) + " more)" : "";
      throw new InvalidException(problems.size() + " problem(s) in the feedback file; no decision was applied:\n"
          + String.join("\n", shown) + more);
    }
    return List.copyOf(entries);
  }

  /**
   * The line on which a quoted field opens that the file never closes. The CSV parser reads
   * such a field to the end of the file and returns it as a note, which would store half the
   * file as one decision's note.
   */
  static java.util.Optional<Integer> unclosedQuote(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
    boolean quoted = false;
    int line = 1;
    int openedOn = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '"') {
        if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          i++;
        } else {
          quoted = !quoted;
          openedOn = quoted ? line : openedOn;
        }
      }
    }
    return quoted ? java.util.Optional.of(openedOn) : java.util.Optional.empty();
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static String field(String[] record, List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0 || i >= record.length || record[i] == null || record[i].isBlank()) {
      return null;
    }
    return record[i].trim();
  }
}
