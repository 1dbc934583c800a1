package org.integrityrisk.generator;

import org.integrityrisk.ingest.ReasonCode;

/**
 * A bad clearance row waiting for its place in the file.
 *
 * @param values the header's columns; a null record_id is filled with a fresh id when written
 * @param extraField written after the last column, making the record malformed; or null
 * @param sharedId the one-element holder the two rows of a conflicting pair share, so the
 *     second written reuses the first one's record id; or null
 */
record ClearanceFault(ReasonCode reason, String field, String[] values, String extraField, String[] sharedId) {}
