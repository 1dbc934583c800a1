package org.integrityrisk.ingest;

/** One column of an input as the contract defines it. */
public record FieldSpec(String name, FieldType type, boolean required) {
  static FieldSpec required(String name, FieldType type) {
    return new FieldSpec(name, type, true);
  }

  static FieldSpec optional(String name, FieldType type) {
    return new FieldSpec(name, type, false);
  }
}
