package org.integrityrisk.generator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.integrityrisk.ingest.ReasonCode;

/**
 * Writes the ports reference table, sorted by port id. Two inactive posts carry a broken
 * timezone and one row is listed twice; the active ports are always valid, because losing
 * one would silently turn its local time into UTC.
 */
final class PortFile {
  static final String INPUT = "ports";
  static final String FILE = "ports.csv";
  static final String HEADER = "port_id,name,timezone\n";
  static final String UNKNOWN_TIMEZONE = "Mars/Olympus_Mons";

  record Result(long records, List<BadRow> badRows, List<DuplicateRow> duplicates) {}

  private record Line(String[] values, ReasonCode reason, boolean copy) {}

  private PortFile() {}

  static Result write(CsvOutput out, PortPlan ports, SplittableRandom rnd) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (ActivePort p : ports.active()) {
      rows.add(new String[] {p.portId(), p.name(), p.timezone()});
    }
    for (ReferencePort p : ports.reference()) {
      rows.add(new String[] {p.portId(), p.name(), p.timezone()});
    }
    rows.sort(Comparator.comparing(r -> r[0]));

    List<Integer> reference = new ArrayList<>();
    for (int i = 0; i < ports.reference().size(); i++) {
      reference.add(i);
    }
    Draw.shuffle(reference, rnd);
    ReferencePort martian = ports.reference().get(reference.get(0));
    ReferencePort blank = ports.reference().get(reference.get(1));
    ReferencePort listedTwice = ports.reference().get(reference.get(2));

    List<Line> lines = new ArrayList<>();
    int duplicateAt = -1;
    for (String[] r : rows) {
      if (r[0].equals(martian.portId())) {
        lines.add(new Line(new String[] {r[0], r[1], UNKNOWN_TIMEZONE}, ReasonCode.UNKNOWN_TIMEZONE, false));
      } else if (r[0].equals(blank.portId())) {
        lines.add(new Line(new String[] {r[0], r[1], ""}, ReasonCode.MISSING_FIELD, false));
      } else {
        if (r[0].equals(listedTwice.portId())) {
          duplicateAt = lines.size();
        }
        lines.add(new Line(r, null, false));
      }
    }
    Line original = lines.get(duplicateAt);
    lines.add(duplicateAt + 1 + rnd.nextInt(lines.size() - duplicateAt), new Line(original.values(), null, true));

    List<BadRow> badRows = new ArrayList<>();
    List<DuplicateRow> duplicates = new ArrayList<>();
    StringBuilder row = new StringBuilder(96);
    for (Line line : lines) {
      row.setLength(0);
      Csv.appendRecord(row, line.values());
      out.write(row);
      if (line.reason() != null) {
        badRows.add(new BadRow(INPUT, out.currentFile(), out.currentRow(), line.values()[0], line.reason(), "timezone"));
      } else if (line.copy()) {
        duplicates.add(new DuplicateRow(INPUT, out.currentFile(), out.currentRow(), line.values()[0]));
      }
    }
    return new Result(out.records(), List.copyOf(badRows), List.copyOf(duplicates));
  }
}
