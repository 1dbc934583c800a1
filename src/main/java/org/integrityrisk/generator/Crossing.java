package org.integrityrisk.generator;

/**
 * One traveller cleared at a port: a clearance row before it gets its record id.
 *
 * @param exit true for EXIT, false for ENTRY
 * @param at the instant in epoch seconds
 * @param vehicleId plate, or empty on foot
 * @param clearance who cleared the traveller and with what outcome, decided in advance for
 *     planted crossings when the export has those columns; null otherwise (background rows
 *     are cleared as they are written)
 */
record Crossing(String travellerId, ActivePort port, boolean exit, long at, String laneId, String vehicleId,
    String remarks, Clearance clearance) {

  Crossing(String travellerId, ActivePort port, boolean exit, long at, String laneId, String vehicleId,
      String remarks) {
    this(travellerId, port, exit, at, laneId, vehicleId, remarks, null);
  }

  Crossing cleared(Clearance by) {
    return new Crossing(travellerId, port, exit, at, laneId, vehicleId, remarks, by);
  }
}
