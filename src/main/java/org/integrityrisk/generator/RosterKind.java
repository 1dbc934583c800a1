package org.integrityrisk.generator;

import java.util.Locale;

/** How a port staffs its shifts. */
enum RosterKind {
  /** Teams rotate through early, late and night shifts, one team per shift. */
  ROTATING,
  /** Each division always works the same hours; the port is closed at night. */
  FIXED;

  String truthName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
