package org.integrityrisk.ingest;

/**
 * Why a row went to quarantine. One code per rule of the contract's "Bad input"
 * section, so that whoever fixes the source export can filter by cause.
 * When a row breaks several rules, the first in this order is reported.
 */
public enum ReasonCode {
  /** The CSV record could not be split into the header's fields (wrong field count, broken quoting). */
  MALFORMED_RECORD("the record does not have the header's fields"),
  /** A field holds bytes that are not UTF-8 (read as U+FFFD): a Latin-1 or other export. */
  BAD_ENCODING("a field is not valid UTF-8"),
  /** A field holds a control character (NUL and the like; tabs and line breaks are allowed). */
  CONTROL_CHARACTER("a field holds a control character"),
  /** A field is longer than any id, code or timestamp of the contract can be. */
  FIELD_TOO_LONG("a field is longer than " + InputValidator.MAX_FIELD_CHARS + " characters"),
  /** A required field is absent or blank. */
  MISSING_FIELD("a required field is empty"),
  /** A timestamp is not ISO-8601 with an offset. */
  BAD_TIMESTAMP("a timestamp is not ISO-8601 with an offset"),
  /** direction is neither ENTRY nor EXIT. */
  BAD_DIRECTION("direction is not ENTRY or EXIT"),
  /** inspected or seizure is not a boolean. */
  BAD_BOOLEAN("a boolean field is not true or false"),
  /** A port's timezone is not an IANA zone id. */
  UNKNOWN_TIMEZONE("timezone is not an IANA zone id"),
  /** port_id is not in the ports table (only checked when a ports table is given). */
  UNKNOWN_PORT("port_id is not in the ports table"),
  /** shift_end is not after shift_start. */
  SHIFT_END_NOT_AFTER_START("shift_end is not after shift_start"),
  /**
   * A shift longer than 24 hours: no one is on duty that long, and such a row (a missing end
   * date, an end typed a day late) would paint a day of duty that never was.
   */
  SHIFT_TOO_LONG("the shift is longer than 24 hours"),
  /** The row's id (record_id, shift_id or port_id) appears on another row with different content. */
  CONFLICTING_DUPLICATE_ID("the id appears on another row with different content");

  private final String description;

  ReasonCode(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
