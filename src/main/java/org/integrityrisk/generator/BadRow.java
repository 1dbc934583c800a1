package org.integrityrisk.generator;

import org.integrityrisk.ingest.ReasonCode;

/**
 * A planted row that breaks exactly one rule of the contract, and where it is.
 *
 * @param file the file relative to the output folder ({@code clearances/part-00003.csv})
 * @param sourceRow 1-based record number within the file, header excluded
 * @param key the row's record_id, shift_id or port_id, or null when that is the missing field
 * @param field the offending field, or null when the whole record is malformed
 */
record BadRow(String input, String file, long sourceRow, String key, ReasonCode reason, String field) {}
