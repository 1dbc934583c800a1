package org.integrityrisk.generator;

import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The scenario's ports: four active ones in different time zones (Berlin's spring DST
 * change falls inside the default window) and the country's other, inactive posts, whose
 * names carry the commas and quotes a real reference table has.
 */
final class PortPlan {
  static final String NORTH_BRIDGE = "NORTH-BRIDGE";
  static final String EAST_RAIL = "EAST-RAIL";
  static final String SOUTH_FERRY = "SOUTH-FERRY";
  static final String WEST_AIR = "WEST-AIR";

  private final List<ActivePort> active;
  private final List<ReferencePort> reference;

  private PortPlan(List<ActivePort> active, List<ReferencePort> reference) {
    this.active = active;
    this.reference = reference;
  }

  static PortPlan standard(ScenarioWindow window) {
    var first = window.rosterFirstDay().minusDays(1);
    var last = window.runDate().plusDays(ScenarioWindow.ROSTER_DAYS_BEFORE_WINDOW);
    List<ActivePort> active = List.of(
        new ActivePort(0, NORTH_BRIDGE, "North Bridge road crossing", "NB", RosterKind.ROTATING, true, 0.35, 0, 23,
            List.of("CAR-1", "CAR-2", "CAR-3", "CAR-4", "CAR-5", "CAR-6"),
            List.of("PED-1", "PED-2"),
            List.of("BUS-1", "BUS-2"),
            new PortClock(ZoneId.of("Europe/Berlin"), first, last)),
        new ActivePort(1, EAST_RAIL, "East Rail station and road gate", "ER", RosterKind.ROTATING, true, 0.20, 0, 23,
            List.of("ROAD-1", "ROAD-2", "ROAD-3"),
            List.of("PLATFORM-1", "PLATFORM-2", "PLATFORM-3", "PLATFORM-4"),
            List.of("ROAD-BUS"),
            new PortClock(ZoneId.of("Asia/Tbilisi"), first, last)),
        new ActivePort(2, SOUTH_FERRY, "South Ferry terminal", "SF", RosterKind.ROTATING, true, 0.20, 0, 23,
            List.of("CAR-DECK-1", "CAR-DECK-2", "CAR-DECK-3", "CAR-DECK-4"),
            List.of("FOOT-A", "FOOT-B"),
            List.of("COACH-LANE"),
            new PortClock(ZoneId.of("Europe/Istanbul"), first, last)),
        // The airport's last flight clears by 22:00 and its divisions cover 07:00-23:00.
        new ActivePort(3, WEST_AIR, "West Airport, Terminal 1", "WA", RosterKind.FIXED, false, 0.25, 7, 21,
            List.of(),
            List.of("DESK-01", "DESK-02", "DESK-03", "DESK-04", "DESK-05", "DESK-06", "DESK-07", "DESK-08",
                "E-GATE-1", "E-GATE-2", "E-GATE-3", "E-GATE-4"),
            List.of(),
            new PortClock(ZoneId.of("Atlantic/Reykjavik"), first, last)));
    return new PortPlan(active, REFERENCE_PORTS);
  }

  List<ActivePort> active() {
    return active;
  }

  List<ReferencePort> reference() {
    return reference;
  }

  ActivePort byId(String portId) {
    for (ActivePort port : active) {
      if (port.portId().equals(portId)) {
        return port;
      }
    }
    throw new IllegalArgumentException("no active port " + portId);
  }

  List<ActivePort> roadPorts() {
    return active.stream().filter(ActivePort::road).toList();
  }

  ActivePort pickByTraffic(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    for (ActivePort port : active) {
      u -= port.trafficShare();
      if (u < 0) {
        return port;
      }
    }
    return active.get(active.size() - 1);
  }

  private static final List<ReferencePort> REFERENCE_PORTS = List.of(
      new ReferencePort("LAKE-HARBOUR", "Lake Harbour, north pier", "Europe/Berlin"),
      new ReferencePort("PINE-PASS", "Pine Pass", "Europe/Berlin"),
      new ReferencePort("OLD-MILL-ROAD", "Old Mill Road", "Europe/Berlin"),
      new ReferencePort("RIVER-GATE", "River Gate (closed for works)", "Europe/Berlin"),
      new ReferencePort("KASTEL-BRIDGE", "Kastel \"Old Bridge\" crossing", "Europe/Berlin"),
      new ReferencePort("STONE-FORD", "Stone Ford", "Europe/Berlin"),
      new ReferencePort("HIGH-MEADOW", "High Meadow", "Europe/Berlin"),
      new ReferencePort("GREEN-VALLEY", "Green Valley, lorry park", "Europe/Berlin"),
      new ReferencePort("NORTH-CARGO", "North Cargo Terminal", "Europe/Berlin"),
      new ReferencePort("BIRCH-HILL", "Birch Hill", "Europe/Berlin"),
      new ReferencePort("MAIN-POST-OFFICE", "Main post office, parcels hall", "Europe/Berlin"),
      new ReferencePort("EAST-MOUNTAIN", "East Mountain road", "Asia/Tbilisi"),
      new ReferencePort("SALT-LAKE-RAIL", "Salt Lake rail halt", "Asia/Tbilisi"),
      new ReferencePort("RED-CANYON", "Red Canyon", "Asia/Tbilisi"),
      new ReferencePort("VINE-ROAD", "Vine Road \"seasonal\" post", "Asia/Tbilisi"),
      new ReferencePort("EAST-FREIGHT-YARD", "East freight yard, tracks 4-9", "Asia/Tbilisi"),
      new ReferencePort("COPPER-PASS", "Copper Pass", "Asia/Tbilisi"),
      new ReferencePort("TEA-GARDEN", "Tea Garden crossing", "Asia/Tbilisi"),
      new ReferencePort("GORGE-BRIDGE", "Gorge Bridge", "Asia/Tbilisi"),
      new ReferencePort("SUMMIT-POST", "Summit Post (summer only)", "Asia/Tbilisi"),
      new ReferencePort("WHITE-RIVER", "White River", "Asia/Yerevan"),
      new ReferencePort("CASPIAN-GATE", "Caspian Gate", "Asia/Baku"),
      new ReferencePort("SOUTH-MARINA", "South Marina, yacht berths", "Europe/Istanbul"),
      new ReferencePort("CAPE-LIGHT", "Cape Light", "Europe/Istanbul"),
      new ReferencePort("OLIVE-BAY", "Olive Bay", "Europe/Istanbul"),
      new ReferencePort("SOUTH-CARGO-QUAY", "South Cargo Quay", "Europe/Istanbul"),
      new ReferencePort("FISHERS-WHARF", "Fishers' Wharf", "Europe/Istanbul"),
      new ReferencePort("CORAL-POINT", "Coral Point", "Europe/Istanbul"),
      new ReferencePort("SANDY-COVE", "Sandy Cove", "Europe/Istanbul"),
      new ReferencePort("PORT-AMBER", "Port Amber \"Ro-Ro\" berth", "Europe/Istanbul"),
      new ReferencePort("LIME-ISLAND", "Lime Island ferry pier", "Europe/Istanbul"),
      new ReferencePort("DELTA-LOCK", "Delta Lock", "Europe/Bucharest"),
      new ReferencePort("BLACK-SEA-PIER", "Black Sea pier, berth 3", "Europe/Bucharest"),
      new ReferencePort("ISLAND-HOP", "Island Hop seaplane base", "Europe/Athens"),
      new ReferencePort("WEST-AIR-CARGO", "West Airport cargo, apron 2", "Atlantic/Reykjavik"),
      new ReferencePort("GLACIER-FIELD", "Glacier Field airstrip", "Atlantic/Reykjavik"),
      new ReferencePort("FJORD-HAVEN", "Fjord Haven", "Atlantic/Reykjavik"),
      new ReferencePort("NORTH-CAPE-AIR", "North Cape aerodrome", "Atlantic/Reykjavik"),
      new ReferencePort("GEYSER-BAY", "Geyser Bay", "Atlantic/Reykjavik"),
      new ReferencePort("LAVA-POINT", "Lava Point", "Atlantic/Reykjavik"),
      new ReferencePort("CAPITAL-AIR", "Capital Airport (general aviation)", "Europe/Berlin"),
      new ReferencePort("LAKESIDE-AIR", "Lakeside \"Regional\" airport", "Europe/Helsinki"),
      new ReferencePort("FOREST-ROAD", "Forest Road", "Europe/Helsinki"),
      new ReferencePort("TUNDRA-GATE", "Tundra Gate, reindeer crossing", "Europe/Helsinki"),
      new ReferencePort("ATLANTIC-QUAY", "Atlantic Quay", "Europe/Lisbon"),
      new ReferencePort("CHANNEL-PORT", "Channel Port", "Europe/London"),
      new ReferencePort("EMBASSY-COURIER", "Embassy courier desk", "Europe/Berlin"),
      new ReferencePort("MOUNTAIN-RAIL", "Mountain rail tunnel, south portal", "Europe/Vienna"));
}
