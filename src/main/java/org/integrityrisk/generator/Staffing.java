package org.integrityrisk.generator;

import java.util.List;

/** Who works at each port, before any shift is scheduled. */
record Staffing(List<Division> divisions) {

  List<Division> divisionsAt(String portId) {
    return divisions.stream().filter(d -> d.port().portId().equals(portId)).toList();
  }

  Division division(String divisionId) {
    for (Division d : divisions) {
      if (d.divisionId().equals(divisionId)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no division " + divisionId);
  }
}
