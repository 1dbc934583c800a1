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
import static org.apache.spark.sql.functions.when;

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

/**
 * Applies the contract's "Bad input" rules to one {@link RawInput}. Exact duplicate rows
 * are folded into one (and counted), every other row gets either typed values or the
 * first rule it breaks, in the order of {@link ReasonCode}.
 */
public final class InputValidator {
  static final String PROBLEM = "problem";
  static final String COPIES = "copies";
  static final String TIMEZONE = "timezone";
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
    Column first = min(struct(col(RawInput.SOURCE_FILE), col(RawInput.SOURCE_ROW))).as("_first");
    Dataset<Row> grouped = raw.rows()
        .withColumn(KEY_TEXT, text(raw, raw.kind().keyField()))
        .repartition(col(KEY_TEXT))
        .groupBy(content.toArray(Column[]::new))
        .agg(first, count(lit(1)).as(COPIES));
    return grouped
        .withColumn(RawInput.SOURCE_FILE, col("_first." + RawInput.SOURCE_FILE))
        .withColumn(RawInput.SOURCE_ROW, col("_first." + RawInput.SOURCE_ROW))
        .drop("_first");
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
        .select(col("port_id").as("_zone_port"), col(TIMEZONE), lit(true).as(PORT_FOUND));
    return rows
        .join(broadcast(zones), col("port_id").equalTo(col("_zone_port")), "left")
        .drop("_zone_port")
        .withColumn(PORT_FOUND, coalesce(col(PORT_FOUND), lit(false)));
  }

  private static Column problem(ReasonCode reason, String field, Column detail) {
    return struct(lit(reason.name()).as("reason"), lit(field).cast(DataTypes.StringType).as("field"),
        detail.as("detail"));
  }

  private static Column quoted(Column value) {
    return concat(lit("'"), substring(value, 1, DETAIL_VALUE_CHARS), lit("'"));
  }

  private Column firstProblem(RawInput raw) {
    InputKind kind = raw.kind();
    List<Column> checks = new ArrayList<>();
    checks.add(when(col(RawInput.MALFORMED).isNotNull(), problem(ReasonCode.MALFORMED_RECORD, null,
        lit("the record does not split into the header's " + raw.columns().size() + " fields"))));
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
      checks.add(when(col(PORT_FOUND).equalTo(false), problem(ReasonCode.UNKNOWN_PORT, "port_id",
          concat(lit("port_id "), quoted(col("port_id")),
              lit(" is not in the ports table (or its ports row was quarantined)")))));
    }
    if (kind == InputKind.ROSTERS) {
      checks.add(when(col("shift_end").leq(col("shift_start")), problem(ReasonCode.SHIFT_END_NOT_AFTER_START,
          "shift_end", concat(lit("shift_end "), quoted(text(raw, "shift_end")),
              lit(" is not after shift_start "), quoted(text(raw, "shift_start"))))));
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
