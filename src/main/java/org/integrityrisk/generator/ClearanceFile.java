package org.integrityrisk.generator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the clearance export as a stream: background travellers are generated and
 * written one at a time, and the planted crossings, bad rows and duplicate copies (all
 * small and held in memory) are slipped in at pseudo-random positions along the way.
 * With the clearing columns, a background row is cleared as it is written; planted rows
 * come with their clearance decided.
 */
final class ClearanceFile {
  static final String INPUT = "clearances";
  static final String HEADER = "record_id,traveller_id,port_id,direction,crossed_at,lane_id,vehicle_id,remarks\n";
  static final String HEADER_WITH_CLEARING =
      "record_id,traveller_id,port_id,direction,crossed_at,lane_id,vehicle_id,officer_id,inspected,seizure,remarks\n";
  static final int EXACT_DUPLICATES = 3;

  /**
   * The rows of the optional patterns. Their places are drawn from a stream of their own,
   * after all the standard draws, so the standard rows keep their places among the background.
   */
  record Extra(List<Crossing> crossings, List<ClearanceFault> faults, SplittableRandom rnd) {
    static final Extra NONE = new Extra(List.of(), List.of(), null);
  }

  /** What was written and where the planted bad and duplicate rows ended up. */
  record Result(long records, List<BadRow> badRows, List<DuplicateRow> duplicates) {}

  /** Something written between two background rows: a planted crossing, a bad row or a copy. */
  private record Injection(long position, int order, Crossing crossing, ClearanceFault fault, String copy,
      String copyKey) {}

  private final CsvOutput out;
  private final ClearingDesk desk;
  private final StringBuilder row = new StringBuilder(256);
  private final List<BadRow> badRows = new ArrayList<>();
  private final List<DuplicateRow> duplicates = new ArrayList<>();
  private long nextRecordNumber;

  private ClearanceFile(CsvOutput out, long firstRecordNumber, ClearingDesk desk) {
    this.out = out;
    this.nextRecordNumber = firstRecordNumber;
    this.desk = desk;
  }

  static String header(boolean clearingColumns) {
    return clearingColumns ? HEADER_WITH_CLEARING : HEADER;
  }

  /**
   * @param backgroundRows how many background rows to write at least (whole travellers, so a few more)
   * @param desk clears the background rows when the export has the clearing columns; or null
   */
  static Result write(CsvOutput out, BackgroundTraffic background, long backgroundRows, List<Crossing> planted,
      List<ClearanceFault> faults, SplittableRandom rnd, Extra extra, ClearingDesk desk) throws IOException {
    ClearanceFile file = new ClearanceFile(out, 1_000 + rnd.nextInt(9_000), desk);
    file.writeAll(background, backgroundRows, planted, faults, rnd, extra);
    return new Result(out.records(), List.copyOf(file.badRows), List.copyOf(file.duplicates));
  }

  private void writeAll(BackgroundTraffic background, long backgroundRows, List<Crossing> planted,
      List<ClearanceFault> faults, SplittableRandom rnd, Extra extra) throws IOException {
    List<Injection> pending = new ArrayList<>(planted.size() + faults.size());
    int order = 0;
    for (Crossing c : planted) {
      pending.add(new Injection(rnd.nextLong(backgroundRows + 1), order++, c, null, null, null));
    }
    for (ClearanceFault f : faults) {
      pending.add(new Injection(rnd.nextLong(backgroundRows + 1), order++, null, f, null, null));
    }
    pending.sort(Comparator.comparingLong(Injection::position).thenComparingInt(Injection::order));

    // Background rows to write twice, and how many rows later the copy follows.
    long[] duplicated = new long[EXACT_DUPLICATES];
    for (int i = 0; i < duplicated.length; i++) {
      duplicated[i] = rnd.nextLong(Math.max(1, backgroundRows * 4 / 5));
    }
    long[] copyGap = new long[EXACT_DUPLICATES];
    for (int i = 0; i < copyGap.length; i++) {
      copyGap[i] = 1 + rnd.nextLong(Math.max(1, backgroundRows / 5));
    }
    if (!extra.crossings().isEmpty() || !extra.faults().isEmpty()) {
      for (Crossing c : extra.crossings()) {
        pending.add(new Injection(extra.rnd().nextLong(backgroundRows + 1), order++, c, null, null, null));
      }
      for (ClearanceFault f : extra.faults()) {
        pending.add(new Injection(extra.rnd().nextLong(backgroundRows + 1), order++, null, f, null, null));
      }
      pending.sort(Comparator.comparingLong(Injection::position).thenComparingInt(Injection::order));
    }
    List<Injection> copies = new ArrayList<>();

    int next = 0;
    long index = 0;
    List<Crossing> traveller = new ArrayList<>();
    while (index < backgroundRows) {
      traveller.clear();
      background.nextTraveller(traveller);
      for (Crossing c : traveller) {
        while (next < pending.size() && pending.get(next).position() <= index) {
          inject(pending.get(next++));
        }
        writeCopiesDue(copies, index);
        writeCrossing(c);
        for (int i = 0; i < duplicated.length; i++) {
          if (duplicated[i] == index) {
            String recordId = row.substring(0, row.indexOf(","));
            copies.add(new Injection(index + copyGap[i], order++, null, null, row.toString(), recordId));
          }
        }
        index++;
      }
    }
    while (next < pending.size()) {
      inject(pending.get(next++));
    }
    writeCopiesDue(copies, Long.MAX_VALUE);
  }

  private void writeCopiesDue(List<Injection> copies, long index) throws IOException {
    if (copies.isEmpty()) {
      return;
    }
    for (int i = 0; i < copies.size(); i++) {
      Injection copy = copies.get(i);
      if (copy.position() <= index) {
        row.setLength(0);
        row.append(copy.copy());
        out.write(row);
        duplicates.add(new DuplicateRow(INPUT, out.currentFile(), out.currentRow(), copy.copyKey()));
        copies.remove(i--);
      }
    }
  }

  private void inject(Injection injection) throws IOException {
    if (injection.crossing() != null) {
      writeCrossing(injection.crossing());
    } else {
      writeFault(injection.fault());
    }
  }

  private void writeCrossing(Crossing c) throws IOException {
    row.setLength(0);
    appendRecordId(row, nextRecordNumber++);
    row.append(',').append(c.travellerId())
        .append(',').append(c.port().portId())
        .append(',').append(c.exit() ? "EXIT" : "ENTRY")
        .append(',');
    Timestamps.append(row, c.at(), c.port().clock().offsetSeconds(c.at()));
    row.append(',');
    Csv.appendField(row, c.laneId());
    row.append(',');
    Csv.appendField(row, c.vehicleId());
    row.append(',');
    if (desk != null) {
      Clearance clearance = c.clearance() != null ? c.clearance() : desk.clear(c.port(), c.at());
      clearance.appendTo(row);
      row.append(',');
    }
    Csv.appendField(row, c.remarks());
    row.append('\n');
    out.write(row);
  }

  private void writeFault(ClearanceFault fault) throws IOException {
    String[] values = fault.values().clone();
    if (fault.sharedId() != null) {
      if (fault.sharedId()[0] == null) {
        fault.sharedId()[0] = newRecordId();
      }
      values[0] = fault.sharedId()[0];
    } else if (values[0] == null) {
      values[0] = newRecordId();
    }
    row.setLength(0);
    if (fault.extraField() == null) {
      Csv.appendRecord(row, values);
    } else {
      String[] extended = Arrays.copyOf(values, values.length + 1);
      extended[values.length] = fault.extraField();
      Csv.appendRecord(row, extended);
    }
    out.write(row);
    String key = values[0].isEmpty() ? null : values[0];
    badRows.add(new BadRow(INPUT, out.currentFile(), out.currentRow(), key, fault.reason(), fault.field()));
  }

  private String newRecordId() {
    StringBuilder sb = new StringBuilder(11);
    appendRecordId(sb, nextRecordNumber++);
    return sb.toString();
  }

  /** {@code CR} and nine digits, as the clearance system numbers its records. */
  private static void appendRecordId(StringBuilder sb, long number) {
    sb.append("CR");
    Timestamps.appendDigits(sb, number, 9);
  }
}
