package org.integrityrisk.generator;

import java.util.SplittableRandom;

/**
 * Clears ordinary travellers one at a time, as their rows are written: any officer on shift
 * at the port may take the next traveller, and a few travellers go to secondary inspection,
 * some of whom have goods seized. Each desk draws from a stream of its own, so clearing the
 * background does not change how the planted rows are cleared, and the other way round.
 */
final class ClearingDesk {
  static final double INSPECTED = 0.06;
  static final double SEIZURE_IF_INSPECTED = 0.15;

  private final OnDutyIndex duty;
  private final SplittableRandom rnd;

  ClearingDesk(OnDutyIndex duty, SplittableRandom rnd) {
    this.duty = duty;
    this.rnd = rnd;
  }

  Clearance clear(ActivePort port, long at) {
    Officer officer = duty.pick(port, at, rnd);
    boolean inspected = rnd.nextDouble() < INSPECTED;
    boolean seizure = inspected && rnd.nextDouble() < SEIZURE_IF_INSPECTED;
    return new Clearance(officer == null ? null : officer.officerId(), inspected, seizure);
  }
}
