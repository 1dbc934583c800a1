package org.integrityrisk.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.integrityrisk.schema.Columns;

/**
 * An input as read, before any validation: every source column as text under a neutral
 * name ({@code c0}, {@code c1}, ...) so headers with odd spelling never clash with the
 * pipeline's own columns, plus where each record came from.
 *
 * @param columns the source's column names, in order; {@code c<i>} holds column i
 * @param fieldColumns contract field name to its {@code c<i>} column, for fields present
 * @param rows text columns, {@link Columns#SOURCE_FILE}, {@link Columns#SOURCE_ROW} (1-based index of
 *     the data record in its file: CSV header excluded, a multi-line record counts once) and
 *     {@link #MALFORMED}
 * @param query for a database or catalog table, the query the source ran; empty for files
 */
public record RawInput(
    InputKind kind, String path, List<String> columns, Map<String, String> fieldColumns, Dataset<Row> rows,
    Optional<String> query) {

  /** The raw text of a CSV record that does not fit the header, else null. */
  public static final String MALFORMED = "_malformed";
  /** Source column i is held as this prefix followed by i. */
  private static final String TEXT_COLUMN_PREFIX = "c";

  public static String column(int index) {
    return TEXT_COLUMN_PREFIX + index;
  }

  public Optional<String> columnOf(String field) {
    return Optional.ofNullable(fieldColumns.get(field));
  }
}
