package org.integrityrisk.generator;

import java.util.List;

/**
 * A port with staff and traffic.
 *
 * @param code short code used in officer and division ids ({@code OF-NB-017}, {@code NB-TEAM-A})
 * @param road whether vehicles cross here; at other ports everyone crosses on foot
 * @param trafficShare the port's share of background travellers
 * @param firstOpenHour first local hour with crossings (0 when open around the clock)
 * @param lastOpenHour last local hour with crossings (23 when open around the clock)
 */
record ActivePort(
    int index,
    String portId,
    String name,
    String code,
    RosterKind rosterKind,
    boolean road,
    double trafficShare,
    int firstOpenHour,
    int lastOpenHour,
    List<String> carLanes,
    List<String> footLanes,
    List<String> coachLanes,
    PortClock clock) {

  String timezone() {
    return clock.zone().getId();
  }

  boolean isOpenAt(long epochSecond) {
    int hour = clock.localHour(epochSecond);
    return hour >= firstOpenHour && hour <= lastOpenHour;
  }
}
