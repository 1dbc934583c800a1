package org.integrityrisk.generator;

/**
 * The clearing columns of one clearance row.
 *
 * @param officerId the officer who cleared the traveller, or null when nobody was on shift
 * @param inspected a secondary inspection took place
 * @param seizure goods were seized or a penalty imposed (only ever after an inspection)
 */
record Clearance(String officerId, boolean inspected, boolean seizure) {

  /** Appends {@code officer_id,inspected,seizure} without surrounding commas. */
  void appendTo(StringBuilder row) {
    if (officerId != null) {
      row.append(officerId);
    }
    row.append(',').append(inspected).append(',').append(seizure);
  }
}
