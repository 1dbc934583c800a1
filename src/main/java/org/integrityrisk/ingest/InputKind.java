package org.integrityrisk.ingest;

import static org.integrityrisk.ingest.FieldSpec.optional;
import static org.integrityrisk.ingest.FieldSpec.required;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.DIRECTION;
import static org.integrityrisk.schema.Columns.DIVISION_ID;
import static org.integrityrisk.schema.Columns.INSPECTED;
import static org.integrityrisk.schema.Columns.LANE_ID;
import static org.integrityrisk.schema.Columns.OFFICER_ID;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.PORT_NAME;
import static org.integrityrisk.schema.Columns.RECORD_ID;
import static org.integrityrisk.schema.Columns.SEIZURE;
import static org.integrityrisk.schema.Columns.SHIFT_END;
import static org.integrityrisk.schema.Columns.SHIFT_ID;
import static org.integrityrisk.schema.Columns.SHIFT_START;
import static org.integrityrisk.schema.Columns.TIMEZONE;
import static org.integrityrisk.schema.Columns.TRAVELLER_ID;
import static org.integrityrisk.schema.Columns.VEHICLE_ID;

import java.util.List;
import java.util.Optional;

/** The three inputs of the contract, their fields and the id that must be unique. */
public enum InputKind {
  CLEARANCES("clearances", RECORD_ID, List.of(
      required(RECORD_ID, FieldType.TEXT),
      required(TRAVELLER_ID, FieldType.TEXT),
      required(PORT_ID, FieldType.TEXT),
      required(DIRECTION, FieldType.DIRECTION),
      required(CROSSED_AT, FieldType.TIMESTAMP),
      optional(LANE_ID, FieldType.TEXT),
      optional(VEHICLE_ID, FieldType.TEXT),
      optional(OFFICER_ID, FieldType.TEXT),
      optional(INSPECTED, FieldType.BOOLEAN),
      optional(SEIZURE, FieldType.BOOLEAN))),
  ROSTERS("rosters", SHIFT_ID, List.of(
      required(SHIFT_ID, FieldType.TEXT),
      required(OFFICER_ID, FieldType.TEXT),
      required(DIVISION_ID, FieldType.TEXT),
      required(PORT_ID, FieldType.TEXT),
      required(SHIFT_START, FieldType.TIMESTAMP),
      required(SHIFT_END, FieldType.TIMESTAMP))),
  PORTS("ports", PORT_ID, List.of(
      required(PORT_ID, FieldType.TEXT),
      optional(PORT_NAME, FieldType.TEXT),
      required(TIMEZONE, FieldType.TIMEZONE)));

  private final String inputName;
  private final String keyField;
  private final List<FieldSpec> fields;

  InputKind(String inputName, String keyField, List<FieldSpec> fields) {
    this.inputName = inputName;
    this.keyField = keyField;
    this.fields = fields;
  }

  /** The name used in quarantine's {@code input} column and the manifest. */
  public String inputName() {
    return inputName;
  }

  public String keyField() {
    return keyField;
  }

  public List<FieldSpec> fields() {
    return fields;
  }

  public Optional<FieldSpec> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Whether rows refer to a port that must exist in the ports table. */
  public boolean referencesPort() {
    return this != PORTS;
  }
}
