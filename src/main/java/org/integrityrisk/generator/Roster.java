package org.integrityrisk.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The scheduled duty of every division and the shifts every officer worked. */
final class Roster {
  private final Staffing staffing;
  private final Map<String, List<DutySlot>> slotsByDivision;
  private final Map<String, List<Shift>> shiftsByOfficer;
  private final List<Shift> shifts;

  Roster(Staffing staffing, Map<String, List<DutySlot>> slotsByDivision, Map<String, List<Shift>> shiftsByOfficer) {
    this.staffing = staffing;
    this.slotsByDivision = slotsByDivision;
    this.shiftsByOfficer = shiftsByOfficer;
    List<Shift> all = new ArrayList<>();
    for (List<Shift> own : shiftsByOfficer.values()) {
      all.addAll(own);
    }
    // The export lists shifts by start time, as a duty planning system would.
    all.sort((a, b) -> {
      int c = Long.compare(a.start(), b.start());
      if (c == 0) {
        c = a.officer().port().portId().compareTo(b.officer().port().portId());
      }
      if (c == 0) {
        c = a.officer().officerId().compareTo(b.officer().officerId());
      }
      return c != 0 ? c : Long.compare(a.end(), b.end());
    });
    this.shifts = Collections.unmodifiableList(all);
  }

  Staffing staffing() {
    return staffing;
  }

  List<Shift> shifts() {
    return shifts;
  }

  List<Shift> shiftsOf(Officer officer) {
    return shiftsByOfficer.getOrDefault(officer.officerId(), List.of());
  }

  List<DutySlot> slotsOf(Division division) {
    return slotsByDivision.getOrDefault(division.divisionId(), List.of());
  }
}
