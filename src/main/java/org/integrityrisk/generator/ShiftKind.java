package org.integrityrisk.generator;

/** Why an officer worked a shift. */
enum ShiftKind {
  /** One of their own division's scheduled shifts. */
  REGULAR,
  /** Overtime: an extra shift covering another division's slot at the same port. */
  EXTRA,
  /** Overtime: one of their own shifts, extended by a few hours. */
  EXTENDED
}
