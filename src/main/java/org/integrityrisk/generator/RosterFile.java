package org.integrityrisk.generator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.integrityrisk.ingest.ReasonCode;

/**
 * Writes the duty roster export: every shift by start time, with the bad rows and exact
 * duplicates slipped in at random places. Bad rows are extra rows about bystander
 * divisions, so no planted officer or division loses a shift to the quarantine.
 */
final class RosterFile {
  static final String INPUT = "rosters";
  static final String FILE = "rosters.csv";
  static final String HEADER = "shift_id,officer_id,division_id,port_id,shift_start,shift_end\n";
  static final String[] REQUIRED = {"shift_id", "officer_id", "division_id", "port_id", "shift_start", "shift_end"};
  static final int EXACT_DUPLICATES = 2;
  private static final int PORT = 3;
  private static final int START = 4;
  private static final int END = 5;

  record Result(long records, List<BadRow> badRows, List<DuplicateRow> duplicates) {}

  /** A roster row to write; a null shift_id gets the next id when written. */
  private static final class Line {
    final String[] values;
    final ReasonCode reason;
    final String field;
    final String[] sharedId;
    final Line copyOf;

    Line(String[] values, ReasonCode reason, String field, String[] sharedId, Line copyOf) {
      this.values = values;
      this.reason = reason;
      this.field = field;
      this.sharedId = sharedId;
      this.copyOf = copyOf;
    }
  }

  private RosterFile() {}

  static Result write(CsvOutput out, Roster roster, CollusionPlan plan, ScenarioWindow window, SplittableRandom rnd)
      throws IOException {
    List<Line> lines = new ArrayList<>();
    for (Shift s : roster.shifts()) {
      lines.add(new Line(values(s), null, null, null, null));
    }
    List<Shift> bystanders = roster.shifts().stream()
        .filter(s -> !plan.involves(s.officer().divisionId()) && window.contains(s.start(), s.end()))
        .toList();

    List<Line> bad = new ArrayList<>();
    for (int i = 0; i < REQUIRED.length; i++) {
      String[] v = values(Draw.pick(bystanders, rnd));
      v[i] = "";
      bad.add(new Line(v, ReasonCode.MISSING_FIELD, REQUIRED[i], null, null));
    }
    String[] noOffset = values(Draw.pick(bystanders, rnd));
    noOffset[START] = noOffset[START].substring(0, "yyyy-MM-ddTHH:mm:ss".length());
    bad.add(new Line(noOffset, ReasonCode.BAD_TIMESTAMP, "shift_start", null, null));
    String[] atlantis = values(Draw.pick(bystanders, rnd));
    atlantis[PORT] = ClearanceFaults.UNKNOWN_PORT;
    bad.add(new Line(atlantis, ReasonCode.UNKNOWN_PORT, "port_id", null, null));
    String[] backwards = values(Draw.pick(bystanders, rnd));
    String start = backwards[START];
    backwards[START] = backwards[END];
    backwards[END] = start;
    bad.add(new Line(backwards, ReasonCode.SHIFT_END_NOT_AFTER_START, "shift_end", null, null));
    // The same shift id sent twice, the second time with a later end: neither can be trusted.
    Shift amended = Draw.pick(bystanders, rnd);
    String[] sharedId = new String[1];
    String[] first = values(amended);
    String[] second = first.clone();
    long laterEnd = amended.end() + RosterBuilder.HOUR;
    second[END] = Timestamps.format(laterEnd, amended.officer().port().clock().offsetSeconds(laterEnd));
    bad.add(new Line(first, ReasonCode.CONFLICTING_DUPLICATE_ID, "shift_id", sharedId, null));
    bad.add(new Line(second, ReasonCode.CONFLICTING_DUPLICATE_ID, "shift_id", sharedId, null));
    for (Line line : bad) {
      lines.add(rnd.nextInt(lines.size() + 1), line);
    }

    for (int d = 0; d < EXACT_DUPLICATES; d++) {
      int original;
      Line line;
      do {
        original = rnd.nextInt(lines.size());
        line = lines.get(original);
      } while (line.reason != null || line.copyOf != null
          || plan.involves(line.values[2]) || isCopied(lines, line));
      lines.add(original + 1 + rnd.nextInt(lines.size() - original), new Line(line.values, null, null, null, line));
    }

    return writeLines(out, lines, 1_000 + rnd.nextInt(9_000));
  }

  private static boolean isCopied(List<Line> lines, Line line) {
    return lines.stream().anyMatch(l -> l.copyOf == line);
  }

  private static Result writeLines(CsvOutput out, List<Line> lines, long firstShiftNumber) throws IOException {
    long nextShiftNumber = firstShiftNumber;
    List<BadRow> badRows = new ArrayList<>();
    List<DuplicateRow> duplicates = new ArrayList<>();
    StringBuilder row = new StringBuilder(128);
    for (Line line : lines) {
      if (line.copyOf == null && line.values[0] == null) {
        if (line.sharedId == null) {
          line.values[0] = shiftId(nextShiftNumber++);
        } else {
          if (line.sharedId[0] == null) {
            line.sharedId[0] = shiftId(nextShiftNumber++);
          }
          line.values[0] = line.sharedId[0];
        }
      }
      row.setLength(0);
      Csv.appendRecord(row, line.values);
      out.write(row);
      String key = line.values[0].isEmpty() ? null : line.values[0];
      if (line.reason != null) {
        badRows.add(new BadRow(INPUT, out.currentFile(), out.currentRow(), key, line.reason, line.field));
      } else if (line.copyOf != null) {
        duplicates.add(new DuplicateRow(INPUT, out.currentFile(), out.currentRow(), key));
      }
    }
    return new Result(out.records(), List.copyOf(badRows), List.copyOf(duplicates));
  }

  /** {@code SH} and eight digits. */
  private static String shiftId(long number) {
    StringBuilder sb = new StringBuilder(10).append("SH");
    Timestamps.appendDigits(sb, number, 8);
    return sb.toString();
  }

  private static String[] values(Shift s) {
    Officer o = s.officer();
    PortClock clock = o.port().clock();
    return new String[] {
      null,
      o.officerId(),
      o.divisionId(),
      o.port().portId(),
      Timestamps.format(s.start(), clock.offsetSeconds(s.start())),
      Timestamps.format(s.end(), clock.offsetSeconds(s.end()))
    };
  }
}
