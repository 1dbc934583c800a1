package org.integrityrisk.ingest;

import static org.integrityrisk.ingest.FieldSpec.optional;
import static org.integrityrisk.ingest.FieldSpec.required;

import java.util.List;
import java.util.Optional;

/** The three inputs of the contract, their fields and the id that must be unique. */
public enum InputKind {
  CLEARANCES("clearances", "record_id", List.of(
      required("record_id", FieldType.TEXT),
      required("traveller_id", FieldType.TEXT),
      required("port_id", FieldType.TEXT),
      required("direction", FieldType.DIRECTION),
      required("crossed_at", FieldType.TIMESTAMP),
      optional("lane_id", FieldType.TEXT),
      optional("vehicle_id", FieldType.TEXT),
      optional("officer_id", FieldType.TEXT),
      optional("inspected", FieldType.BOOLEAN),
      optional("seizure", FieldType.BOOLEAN))),
  ROSTERS("rosters", "shift_id", List.of(
      required("shift_id", FieldType.TEXT),
      required("officer_id", FieldType.TEXT),
      required("division_id", FieldType.TEXT),
      required("port_id", FieldType.TEXT),
      required("shift_start", FieldType.TIMESTAMP),
      required("shift_end", FieldType.TIMESTAMP))),
  PORTS("ports", "port_id", List.of(
      required("port_id", FieldType.TEXT),
      optional("name", FieldType.TEXT),
      required("timezone", FieldType.TIMEZONE)));

  /** The one field whose clear value must never leave the pipeline. */
  public static final String TRAVELLER_FIELD = "traveller_id";

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
