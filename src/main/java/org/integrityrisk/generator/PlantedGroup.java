package org.integrityrisk.generator;

import java.util.List;

/**
 * A group planted in the clearances, as recorded in truth.json: a smuggling ring (colluding
 * with an officer or a division, independent, or stale) or an innocent group that also
 * crosses together (carpool, family, coach, and with the optional patterns a shuttle bus or a
 * weekly coach's regular crew).
 *
 * @param kind truth.json's kind: colluding_officer, colluding_division, independent, stale,
 *     carpool, family, coach, shuttle or weekly_coach
 * @param officerId the colluding officer, or null
 * @param divisionId the colluding division (or the colluding officer's), or null
 */
record PlantedGroup(String groupId, String kind, ActivePort port, List<String> members, int trips,
    String officerId, String divisionId) {

  static final String COLLUDING_OFFICER = "colluding_officer";
  static final String COLLUDING_DIVISION = "colluding_division";
  static final String INDEPENDENT = "independent";
  static final String STALE = "stale";
  static final String CARPOOL = "carpool";
  static final String FAMILY = "family";
  static final String COACH = "coach";
  static final String SHUTTLE = "shuttle";
  static final String WEEKLY_COACH = "weekly_coach";
}
