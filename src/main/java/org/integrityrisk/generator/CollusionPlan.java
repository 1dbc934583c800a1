package org.integrityrisk.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Who colludes: one officer at each of two rotating-roster ports, a whole division at a
 * third, and an officer whose ring stopped before the window (a stale case the pipeline
 * must not report). Chosen before shifts are scheduled, because the colluding officers
 * need rest days and overtime with other teams to be told apart from their division.
 */
record CollusionPlan(Officer firstOfficer, Officer secondOfficer, Division division, Officer staleOfficer) {

  static CollusionPlan choose(Staffing staffing, SplittableRandom rnd) {
    Division firstTeam = Draw.pick(staffing.divisionsAt(PortPlan.NORTH_BRIDGE), rnd);
    Officer first = Draw.pick(firstTeam.officers(), rnd);
    Division secondTeam = Draw.pick(staffing.divisionsAt(PortPlan.EAST_RAIL), rnd);
    Officer second = Draw.pick(secondTeam.officers(), rnd);
    Division division = Draw.pick(staffing.divisionsAt(PortPlan.SOUTH_FERRY), rnd);
    List<Division> otherTeams = staffing.divisionsAt(PortPlan.NORTH_BRIDGE).stream()
        .filter(d -> !d.divisionId().equals(firstTeam.divisionId()))
        .toList();
    Officer stale = Draw.pick(Draw.pick(otherTeams, rnd).officers(), rnd);
    return new CollusionPlan(first, second, division, stale);
  }

  /** The officers whose collusion lies inside the window. */
  List<Officer> colludingOfficers() {
    return List.of(firstOfficer, secondOfficer);
  }

  boolean isColludingOfficer(Officer officer) {
    return officer.officerId().equals(firstOfficer.officerId()) || officer.officerId().equals(secondOfficer.officerId());
  }

  boolean isColludingDivision(String divisionId) {
    return division.divisionId().equals(divisionId);
  }

  /** True for divisions whose rows a planted ring depends on; bad and duplicate rows stay away from them. */
  boolean involves(String divisionId) {
    return isColludingDivision(divisionId)
        || firstOfficer.divisionId().equals(divisionId)
        || secondOfficer.divisionId().equals(divisionId)
        || staleOfficer.divisionId().equals(divisionId);
  }
}
