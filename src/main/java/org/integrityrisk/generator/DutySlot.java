package org.integrityrisk.generator;

/** A shift the division is scheduled to cover, in epoch seconds, end exclusive. */
record DutySlot(String divisionId, long start, long end) {}
