package org.integrityrisk.generator;

/** The second copy of a row written twice with identical bytes: it counts once. */
record DuplicateRow(String input, String file, long sourceRow, String key) {}
