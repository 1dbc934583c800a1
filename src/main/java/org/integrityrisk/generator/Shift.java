package org.integrityrisk.generator;

/** One roster row before it gets its shift id: an officer on duty from start to end (epoch seconds). */
record Shift(Officer officer, long start, long end, ShiftKind kind) {

  boolean overlaps(long otherStart, long otherEnd) {
    return start < otherEnd && otherStart < end;
  }
}
