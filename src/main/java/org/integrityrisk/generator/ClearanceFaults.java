package org.integrityrisk.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.integrityrisk.ingest.ReasonCode;

/**
 * The fixed set of bad clearance rows. Each is an otherwise valid crossing of its own
 * traveller, inside the window, with exactly one rule broken, so the expected reason is
 * unambiguous whatever order a validator checks the rules in. When the export has the
 * clearing columns, every row has them too, and one more row carries a broken boolean.
 */
final class ClearanceFaults {
  static final String UNKNOWN_PORT = "ATLANTIS-9";
  static final String[] REQUIRED = {"record_id", "traveller_id", "port_id", "direction", "crossed_at"};
  private static final int PORT = 2;
  private static final int DIRECTION = 3;
  private static final int CROSSED_AT = 4;
  private static final int LANE = 5;
  /** Where the inspected column is when the rows have the clearing columns. */
  private static final int INSPECTED = 8;
  static final String NOT_A_BOOLEAN = "maybe";

  /** The standard bad rows, and those only an export with the clearing columns can have. */
  record Planned(List<ClearanceFault> standard, List<ClearanceFault> clearing) {}

  private final ScenarioWindow window;
  private final PortPlan ports;
  private final TravelDetails details;
  private final Identifiers.Sequence people;
  private final SplittableRandom rnd;
  private final ClearingDesk desk;

  private ClearanceFaults(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details,
      SplittableRandom rnd, ClearingDesk desk) {
    this.window = window;
    this.ports = ports;
    this.details = details;
    this.people = ids.sequence(Identifiers.FAULT_BASE);
    this.rnd = rnd;
    this.desk = desk;
  }

  /**
   * @param desk clears the rows when the export has the clearing columns, with a random
   *     stream of its own so the rows are otherwise those of an export without them; or null
   */
  static Planned plan(ScenarioWindow window, PortPlan ports, Identifiers ids, TravelDetails details,
      SplittableRandom rnd, ClearingDesk desk) {
    ClearanceFaults faults = new ClearanceFaults(window, ports, ids, details, rnd, desk);
    // The standard rows are drawn first, so they do not depend on the clearing columns.
    List<ClearanceFault> standard = faults.standard();
    return new Planned(standard, desk == null ? List.of() : faults.clearing());
  }

  private List<ClearanceFault> clearing() {
    String[] maybe = validRow();
    maybe[INSPECTED] = NOT_A_BOOLEAN;
    return List.of(new ClearanceFault(ReasonCode.BAD_BOOLEAN, "inspected", maybe, null, null));
  }

  private List<ClearanceFault> standard() {
    List<ClearanceFault> faults = new ArrayList<>();
    for (int i = 0; i < REQUIRED.length; i++) {
      String[] v = validRow();
      v[i] = "";
      faults.add(new ClearanceFault(ReasonCode.MISSING_FIELD, REQUIRED[i], v, null, null));
    }
    String[] noOffset = validRow();
    noOffset[CROSSED_AT] = window.firstDay().plusDays(8) + " 10:00:00";
    faults.add(new ClearanceFault(ReasonCode.BAD_TIMESTAMP, "crossed_at", noOffset, null, null));
    String[] words = validRow();
    words[CROSSED_AT] = "yesterday";
    faults.add(new ClearanceFault(ReasonCode.BAD_TIMESTAMP, "crossed_at", words, null, null));
    String[] sideways = validRow();
    sideways[DIRECTION] = "SIDEWAYS";
    faults.add(new ClearanceFault(ReasonCode.BAD_DIRECTION, "direction", sideways, null, null));
    String[] atlantis = validRow();
    atlantis[PORT] = UNKNOWN_PORT;
    faults.add(new ClearanceFault(ReasonCode.UNKNOWN_PORT, "port_id", atlantis, null, null));

    // A record corrected and exported again under the same id: neither copy can be trusted.
    String[] sharedId = new String[1];
    String[] first = validRow();
    String[] second = first.clone();
    ActivePort port = ports.byId(first[PORT]);
    long corrected = lastInstant + 420;
    second[CROSSED_AT] = Timestamps.format(corrected, port.clock().offsetSeconds(corrected));
    second[LANE] = first[LANE] + "-B";
    faults.add(new ClearanceFault(ReasonCode.CONFLICTING_DUPLICATE_ID, "record_id", first, null, sharedId));
    faults.add(new ClearanceFault(ReasonCode.CONFLICTING_DUPLICATE_ID, "record_id", second, null, sharedId));

    // An unquoted comma in the remarks: one field more than the header.
    String[] malformed = validRow();
    malformed[malformed.length - 1] = "bag checked";
    faults.add(new ClearanceFault(ReasonCode.MALFORMED_RECORD, null, malformed, "ok", null));
    return faults;
  }

  /** The crossing time of the row {@link #validRow()} made last. */
  private long lastInstant;

  private String[] validRow() {
    ActivePort port = ports.pickByTraffic(rnd);
    PortClock clock = port.clock();
    int firstDay = clock.dayIndex(window.firstDay());
    int day = firstDay + rnd.nextInt(window.lookbackDays());
    lastInstant = clock.at(day, details.hour(port, rnd), rnd.nextInt(3600));
    boolean car = port.road() && rnd.nextBoolean();
    String[] row = {
      null,
      people.traveller(),
      port.portId(),
      rnd.nextBoolean() ? "EXIT" : "ENTRY",
      Timestamps.format(lastInstant, clock.offsetSeconds(lastInstant)),
      details.laneFor(port, car, rnd),
      car ? people.vehicle() : "",
      ""
    };
    if (desk == null) {
      return row;
    }
    Clearance clearance = desk.clear(port, lastInstant);
    return new String[] {
      row[0], row[1], row[2], row[3], row[4], row[5], row[6],
      clearance.officerId() == null ? "" : clearance.officerId(),
      String.valueOf(clearance.inspected()),
      String.valueOf(clearance.seizure()),
      row[7]
    };
  }
}
