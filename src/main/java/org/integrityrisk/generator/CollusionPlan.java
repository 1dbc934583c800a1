package org.integrityrisk.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Who colludes: one officer at each of two rotating-roster ports, a whole division at a
 * third, and an officer whose ring stopped before the window (a stale case the pipeline
 * must not report). Chosen before shifts are scheduled, because the colluding officers
 * need rest days and overtime with other teams to be told apart from their division.
 *
 * @param fixedPortOfficer with {@link GeneratorOptions.Rings#fixedPortColluder()}, a third duty
 *     colluder at the fixed-roster port (where each division always works the same hours, so
 *     only the officer's rest days and overtime set them apart); otherwise null
 */
record CollusionPlan(Officer firstOfficer, Officer secondOfficer, Division division, Officer staleOfficer,
    Officer fixedPortOfficer) {

  CollusionPlan(Officer firstOfficer, Officer secondOfficer, Division division, Officer staleOfficer) {
    this(firstOfficer, secondOfficer, division, staleOfficer, null);
  }

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

  /**
   * The same plan with a colluding officer at a fixed-roster port, drawn from a stream of its
   * own so the other colluders stay those of the standard plan.
   */
  CollusionPlan withFixedPortOfficer(Staffing staffing, SplittableRandom rnd) {
    List<Division> fixed = staffing.divisions().stream()
        .filter(d -> d.port().rosterKind() == RosterKind.FIXED)
        .toList();
    if (fixed.isEmpty()) {
      throw new IllegalStateException("the scenario has no fixed-roster port");
    }
    Officer officer = Draw.pick(Draw.pick(fixed, rnd).officers(), rnd);
    return new CollusionPlan(firstOfficer, secondOfficer, division, staleOfficer, officer);
  }

  /** The officers whose collusion lies inside the window. */
  List<Officer> colludingOfficers() {
    return fixedPortOfficer == null ? List.of(firstOfficer, secondOfficer)
        : List.of(firstOfficer, secondOfficer, fixedPortOfficer);
  }

  boolean isColludingOfficer(Officer officer) {
    for (Officer o : colludingOfficers()) {
      if (o.officerId().equals(officer.officerId())) {
        return true;
      }
    }
    return false;
  }

  boolean isColludingDivision(String divisionId) {
    return division.divisionId().equals(divisionId);
  }

  /** True for divisions whose rows a planted ring depends on; bad and duplicate rows stay away from them. */
  boolean involves(String divisionId) {
    return isColludingDivision(divisionId)
        || firstOfficer.divisionId().equals(divisionId)
        || secondOfficer.divisionId().equals(divisionId)
        || staleOfficer.divisionId().equals(divisionId)
        || fixedPortOfficer != null && fixedPortOfficer.divisionId().equals(divisionId);
  }
}
