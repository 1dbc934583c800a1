package org.integrityrisk.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;
import static org.integrityrisk.schema.Columns.COPIES;
import static org.integrityrisk.schema.Columns.DETAIL;
import static org.integrityrisk.schema.Columns.FIELD;
import static org.integrityrisk.schema.Columns.PORT_ID;
import static org.integrityrisk.schema.Columns.REASON;
import static org.integrityrisk.schema.Columns.SHIFT_END;
import static org.integrityrisk.schema.Columns.SHIFT_START;
import static org.integrityrisk.schema.Columns.SOURCE_FILE;
import static org.integrityrisk.schema.Columns.SOURCE_ROW;
import static org.integrityrisk.schema.Columns.TIMEZONE;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.integrityrisk.schema.Columns;
import org.integrityrisk.schema.RequiredColumns;

/**
 * Applies the contract's "Bad input" rules to one {@link RawInput}. Exact duplicate rows
 * are folded into one (and counted), every other row gets either typed values or the
 * first rule it breaks, in the order of {@link ReasonCode}.
 */
public final class InputValidator {
  /** The longest field the contract's ids, codes, timestamps and plates need, with room to spare. */
  static final int MAX_FIELD_CHARS = 1_000;
  /** C0 controls and DEL, except tab, line feed and carriage return (a quoted note may hold them). */
  private static final String CONTROL = "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]";
  /** The longest shift a roster may hold. */
  static final long MAX_SHIFT_SECONDS = 24 * 3600L;
  private static final String STAGE = "InputValidator";
  /**
   * The first rule a row breaks, null for a valid row: a struct of {@link Columns#REASON},
   * {@link Columns#FIELD} and {@link Columns#DETAIL}, read by {@link ValidatedInput}.
   */
  static final String PROBLEM = "problem";
  /** The earliest source position among a row's identical copies, while they are folded. */
  private static final String FIRST_COPY = "_first";
  private static final String ZONE_PORT = "_zone_port";
  private static final String ID_ROWS = "_id_rows";
  private static final String KEY_TEXT = "_key_text";
  private static final String PORT_FOUND = "_port_found";
  private static final String ISO_OFFSET_TIMESTAMP =
      "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$";
  private static final int DETAIL_VALUE_CHARS = 80;
  private static final List<String> TRUE_WORDS = List.of("true", "t", "yes", "y", "1");
  private static final List<String> FALSE_WORDS = List.of("false", "f", "no", "n", "0");

  private final UserDefinedFunction pseudonymise;

  public InputValidator(UserDefinedFunction pseudonymise) {
    this.pseudonymise = pseudonymise;
  }

  /**
   * @param ports the valid ports ({@code port_id}, {@code timezone}) when a ports table was
   *     given; without one every port is known and its local time is UTC
   */
  public ValidatedInput apply(RawInput raw, Optional<Dataset<Row>> ports) {
    ports.ifPresent(p -> RequiredColumns.require(STAGE, "ports", p, PORT_ID, TIMEZONE));
    InputKind kind = raw.kind();
    Dataset<Row> rows = withoutExactDuplicates(raw);
    for (FieldSpec spec : kind.fields()) {
      rows = rows.withColumn(spec.name(), typed(raw, spec));
    }
    if (kind.referencesPort()) {
      rows = withPortZone(rows, ports);
    }
    Column key = col(kind.keyField());
    Column wellFormed = col(RawInput.MALFORMED).isNull();
    rows = rows.withColumn(ID_ROWS, when(key.isNotNull().and(wellFormed),
        count(when(wellFormed, lit(1))).over(Window.partitionBy(col(KEY_TEXT)))));
    rows = rows.withColumn(PROBLEM, firstProblem(raw)).drop(KEY_TEXT, ID_ROWS, PORT_FOUND);
    return new ValidatedInput(raw, rows, pseudonymise);
  }

  /**
   * Groups identical source rows; the first occurrence stands for all its copies. Rows are
   * spread by their key's text first: identical rows share it, and the same spread then
   * serves the count of rows per key, so the input is shuffled once instead of twice.
   */
  private static Dataset<Row> withoutExactDuplicates(RawInput raw) {
    List<Column> content = new ArrayList<>();
    for (int i = 0; i < raw.columns().size(); i++) {
      content.add(col(RawInput.column(i)));
    }
    content.add(col(RawInput.MALFORMED));
    content.add(col(KEY_TEXT));
    Column first = min(struct(col(SOURCE_FILE), col(SOURCE_ROW))).as(FIRST_COPY);
    Dataset<Row> grouped = raw.rows()
        .withColumn(KEY_TEXT, text(raw, raw.kind().keyField()))
        .repartition(col(KEY_TEXT))
        .groupBy(content.toArray(Column[]::new))
        .agg(first, count(lit(1)).as(COPIES));
    return grouped
        .withColumn(SOURCE_FILE, col(FIRST_COPY + "." + SOURCE_FILE))
        .withColumn(SOURCE_ROW, col(FIRST_COPY + "." + SOURCE_ROW))
        .drop(FIRST_COPY);
  }

  /** Source text, trimmed; blank is missing. */
  static Column text(RawInput raw, String field) {
    return raw.columnOf(field)
        .map(c -> when(length(trim(col(c))).gt(0), trim(col(c))))
        .orElse(lit(null).cast(DataTypes.StringType));
  }

  private static Column typed(RawInput raw, FieldSpec spec) {
    Column t = text(raw, spec.name());
    return switch (spec.type()) {
      case TEXT -> t;
      // Spark's parser wants seconds; ISO-8601 (and java.time) may leave whole-minute seconds out.
      case TIMESTAMP -> when(t.rlike(ISO_OFFSET_TIMESTAMP),
          try_to_timestamp(regexp_replace(t, "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2})(?=[Z+-])", "$1:00")))
          .cast(DataTypes.TimestampType);
      case BOOLEAN -> when(lower(t).isin(TRUE_WORDS.toArray()), lit(true))
          .when(lower(t).isin(FALSE_WORDS.toArray()), lit(false))
          .cast(DataTypes.BooleanType);
      case DIRECTION -> when(upper(t).isin("ENTRY", "EXIT"), upper(t));
      case TIMEZONE -> when(t.isin(new TreeSet<>(ZoneId.getAvailableZoneIds()).toArray()), t);
    };
  }

  private static Dataset<Row> withPortZone(Dataset<Row> rows, Optional<Dataset<Row>> ports) {
    if (ports.isEmpty()) {
      return rows.withColumn(TIMEZONE, lit("UTC")).withColumn(PORT_FOUND, lit(true));
    }
    Dataset<Row> zones = ports.get()
        .select(col(PORT_ID).as(ZONE_PORT), col(TIMEZONE), lit(true).as(PORT_FOUND));
    return rows
        .join(broadcast(zones), col(PORT_ID).equalTo(col(ZONE_PORT)), "left")
        .drop(ZONE_PORT)
        .withColumn(PORT_FOUND, coalesce(col(PORT_FOUND), lit(false)));
  }

  private static Column problem(ReasonCode reason, String field, Column detail) {
    return struct(lit(reason.name()).as(REASON), lit(field).cast(DataTypes.StringType).as(FIELD),
        detail.as(DETAIL));
  }

  private static Column quoted(Column value) {
    return concat(lit("'"), substring(value, 1, DETAIL_VALUE_CHARS), lit("'"));
  }

  private Column firstProblem(RawInput raw) {
    InputKind kind = raw.kind();
    List<Column> checks = new ArrayList<>();
    checks.add(when(col(RawInput.MALFORMED).isNotNull(), problem(ReasonCode.MALFORMED_RECORD, null,
        lit("the record does not split into the header's " + raw.columns().size() + " fields"))));
    // Bytes that are not text come before any rule on the text: a Latin-1 export or a NUL
    // would otherwise pass as an id nobody can match, and a 10 MB field as a traveller.
    for (FieldSpec spec : kind.fields()) {
      raw.columnOf(spec.name()).ifPresent(c -> {
        checks.add(when(col(c).contains("\uFFFD"), problem(ReasonCode.BAD_ENCODING, spec.name(),
            lit(spec.name() + " is not valid UTF-8 (a Latin-1 or other export?)"))));
        checks.add(when(col(c).rlike(CONTROL), problem(ReasonCode.CONTROL_CHARACTER, spec.name(),
            lit(spec.name() + " holds a control character"))));
        checks.add(when(length(col(c)).gt(MAX_FIELD_CHARS), problem(ReasonCode.FIELD_TOO_LONG, spec.name(),
            concat(lit(spec.name() + " has "), length(col(c)).cast(DataTypes.StringType),
                lit(" characters, more than " + MAX_FIELD_CHARS)))));
      });
    }
    for (FieldSpec spec : kind.fields()) {
      if (spec.required()) {
        checks.add(when(text(raw, spec.name()).isNull(),
            problem(ReasonCode.MISSING_FIELD, spec.name(), lit(spec.name() + " is empty"))));
      }
    }
    addFormatChecks(raw, checks, FieldType.TIMESTAMP, ReasonCode.BAD_TIMESTAMP, " is not ISO-8601 with an offset");
    addFormatChecks(raw, checks, FieldType.DIRECTION, ReasonCode.BAD_DIRECTION, " is not ENTRY or EXIT");
    addFormatChecks(raw, checks, FieldType.BOOLEAN, ReasonCode.BAD_BOOLEAN, " is not true or false");
    addFormatChecks(raw, checks, FieldType.TIMEZONE, ReasonCode.UNKNOWN_TIMEZONE, " is not an IANA zone id");
    if (kind.referencesPort()) {
      checks.add(when(col(PORT_FOUND).equalTo(false), problem(ReasonCode.UNKNOWN_PORT, PORT_ID,
          concat(lit(PORT_ID + " "), quoted(col(PORT_ID)),
              lit(" is not in the ports table (or its ports row was quarantined)")))));
    }
    if (kind == InputKind.ROSTERS) {
      checks.add(when(col(SHIFT_END).leq(col(SHIFT_START)), problem(ReasonCode.SHIFT_END_NOT_AFTER_START,
          SHIFT_END, concat(lit(SHIFT_END + " "), quoted(text(raw, SHIFT_END)),
              lit(" is not after " + SHIFT_START + " "), quoted(text(raw, SHIFT_START))))));
      checks.add(when(unix_seconds(col(SHIFT_END)).minus(unix_seconds(col(SHIFT_START))).gt(MAX_SHIFT_SECONDS),
          problem(ReasonCode.SHIFT_TOO_LONG, SHIFT_END, concat(lit(SHIFT_START + " "), quoted(text(raw, SHIFT_START)),
              lit(" to " + SHIFT_END + " "), quoted(text(raw, SHIFT_END)), lit(" is longer than 24 hours")))));
    }
    checks.add(when(col(ID_ROWS).gt(1), problem(ReasonCode.CONFLICTING_DUPLICATE_ID, kind.keyField(),
        concat(lit(kind.keyField() + " "), quoted(col(kind.keyField())), lit(" appears on "),
            col(ID_ROWS).cast(DataTypes.StringType), lit(" rows with different content")))));
    return coalesce(checks.toArray(Column[]::new));
  }

  private static void addFormatChecks(
      RawInput raw, List<Column> checks, FieldType type, ReasonCode reason, String explanation) {
    for (FieldSpec spec : raw.kind().fields()) {
      if (spec.type() != type) {
        continue;
      }
      Column t = text(raw, spec.name());
      // A traveller id is never a formatted field, so quoting the value here cannot leak one.
      checks.add(when(t.isNotNull().and(col(spec.name()).isNull()),
          problem(reason, spec.name(), concat(lit(spec.name() + " "), quoted(t), lit(explanation)))));
    }
  }

  static DataType typeOf(FieldType type) {
    return switch (type) {
      case TIMESTAMP -> DataTypes.TimestampType;
      case BOOLEAN -> DataTypes.BooleanType;
      default -> DataTypes.StringType;
    };
  }

  /** The source's columns as a map from header name to text, for quarantine. */
  static Column originalValues(RawInput raw, List<Column> values) {
    List<Column> names = new ArrayList<>();
    for (String name : raw.columns()) {
      names.add(lit(name));
    }
    return map_from_arrays(array(names.toArray(Column[]::new)), array(values.toArray(Column[]::new)));
  }
}
