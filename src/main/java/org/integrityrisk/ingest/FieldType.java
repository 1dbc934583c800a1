package org.integrityrisk.ingest;

/** How a contract field is parsed from its text; each type has its own quarantine reason. */
public enum FieldType {
  TEXT,
  TIMESTAMP,
  BOOLEAN,
  DIRECTION,
  TIMEZONE
}
