package org.integrityrisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.integrityrisk.schema.Columns.CROSSED_AT;
import static org.integrityrisk.schema.Columns.SHIFT_END;
import static org.integrityrisk.schema.Columns.SHIFT_START;
import static org.integrityrisk.schema.Columns.SOURCE_FILE;
import static org.integrityrisk.schema.Columns.SOURCE_ROW;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Reads one input, CSV or Parquet, into a {@link RawInput}: all values as text, nothing
 * judged yet. Validation is a separate stage so that the same rules apply whatever the
 * format.
 */
public final class SourceReader {
  private static final String CORRUPT = "_corrupt_record";
  /** Spark's hidden per-file columns of a file source. */
  private static final String METADATA_FILE_PATH = "_metadata.file_path";
  private static final String METADATA_ROW_INDEX = "_metadata.row_index";
  /** Offsets are printed as +hh:mm or Z so Parquet timestamps pass the same parser as CSV text. */
  private static final String ISO_INSTANT_TEXT = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";

  /** Parallel reads of a database table, split by time over the days read. */
  private static final int JDBC_PARTITIONS = 4;

  /** An input named as a table of the session's catalog: {@code table:DB.NAME}. */
  public static final String TABLE_PREFIX = "table:";

  private final SparkSession spark;

  public SourceReader(SparkSession spark) {
    this.spark = spark;
  }

  public RawInput read(InputKind kind, String path) {
    return read(kind, path, Optional.empty());
  }

  /**
   * @param days for a folder laid out by day ({@code crossing_date=YYYY-MM-DD/}), the days
   *     to read; Spark prunes the others. Ignored for an input not laid out by day.
   */
  public RawInput read(InputKind kind, String path, Optional<DayPartitions> days) {
    if (path.startsWith(TABLE_PREFIX)) {
      return readTable(kind, path, days);
    }
    if (path.startsWith(JdbcTable.PREFIX)) {
      return readJdbc(kind, JdbcTable.parse(kind, path), days);
    }
    Format format = formatOf(kind, path);
    return format == Format.PARQUET ? readParquet(kind, path, days) : readCsv(kind, path, days);
  }

  /** The rows of the days asked for, when the input is laid out by day. */
  private static Dataset<Row> pruned(Dataset<Row> rows, Optional<DayPartitions> days) {
    if (days.isEmpty() || !java.util.Arrays.asList(rows.columns()).contains(DayPartitions.COLUMN)) {
      return rows;
    }
    // A row in no day's partition (Spark's default partition, a null day) is kept: its time is
    // missing or unreadable, and it must be quarantined, never lost.
    Column day = col(DayPartitions.COLUMN).cast(DataTypes.DateType);
    return rows.filter(day.isNull().or(day.between(
        lit(java.sql.Date.valueOf(days.get().first())), lit(java.sql.Date.valueOf(days.get().last())))));
  }

  private enum Format { CSV, PARQUET }

  private Format formatOf(InputKind kind, String path) {
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new InputRejectedException(kind.inputName() + " input " + path + " does not exist");
      }
      FileStatus status = fs.getFileStatus(p);
      if (status.isFile()) {
        return byExtension(kind, path, p.getName());
      }
      Format found = null;
      FileStatus[] top = fs.listStatus(p);
      List<FileStatus> children = new ArrayList<>(List.of(top));
      for (FileStatus child : top) {
        // A lake laid out by day: the files are in the day folders.
        if (child.isDirectory() && DayPartitions.isPartition(child.getPath().getName())) {
          children.addAll(List.of(fs.listStatus(child.getPath())));
        }
      }
      for (FileStatus child : children) {
        String name = child.getPath().getName();
        if (!child.isFile() || ignoredBySpark(name)) {
          continue;
        }
        Format f = byExtension(kind, path + "/" + name, name);
        if (found != null && found != f) {
          throw new InputRejectedException(kind.inputName() + " folder " + path
              + " mixes CSV and Parquet files; use one format per input");
        }
        found = f;
      }
      if (found == null) {
        throw new InputRejectedException(kind.inputName() + " folder " + path + " holds no .csv or .parquet file");
      }
      return found;
    } catch (IOException e) {
      throw new InputRejectedException(kind.inputName() + " input " + path + " cannot be listed: " + e.getMessage());
    }
  }

  /**
   * Every CSV file of a folder must have the same header: Spark reads a folder with the first
   * file's header and would fail deep in a job, or read another file's columns under the
   * wrong names. One line of each file is read, not the files.
   */
  private void sameHeaders(InputKind kind, String path) {
    Path folder = new Path(path);
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.getFileStatus(folder).isDirectory()) {
        return;
      }
      String firstFile = null;
      String firstHeader = null;
      FileStatus[] children = fs.listStatus(folder);
      java.util.Arrays.sort(children, java.util.Comparator.comparing(c -> c.getPath().getName()));
      for (FileStatus child : children) {
        if (!child.isFile() || ignoredBySpark(child.getPath().getName())) {
          continue;
        }
        String header;
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
            fs.open(child.getPath()), java.nio.charset.StandardCharsets.UTF_8))) {
          header = in.readLine();
        }
        if (header == null) {
          continue;
        }
        header = header.replace("\uFEFF", "").strip();
        if (firstHeader == null) {
          firstFile = child.getPath().getName();
          firstHeader = header;
        } else if (!firstHeader.equalsIgnoreCase(header)) {
          throw new InputRejectedException(kind.inputName() + " folder " + path + ": its files' headers differ ("
              + firstFile + ": '" + firstHeader + "'; " + child.getPath().getName() + ": '" + header
              + "'); every file of an input needs the same header");
        }
      }
    } catch (IOException e) {
      throw new InputRejectedException(kind.inputName() + " input " + path + " cannot be read: " + e.getMessage());
    }
  }

  /** Spark's file sources skip these names (markers such as _SUCCESS, hidden files). */
  static boolean ignoredBySpark(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  private static Format byExtension(InputKind kind, String path, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return Format.CSV;
    }
    if (lower.endsWith(".parquet")) {
      return Format.PARQUET;
    }
    throw new InputRejectedException(kind.inputName() + " input " + path
        + " is neither .csv nor .parquet (the format is chosen by the extension)");
  }

  /**
   * Spark's CSV reader as every input is read: with a header, and as RFC 4180 writes it.
   * RFC 4180 doubles quotes inside quoted fields; Spark escapes with a backslash unless told.
   * multiLine keeps line breaks inside quoted fields in one record, at the price of one task
   * per file. The benchmark's yardsticks read through it too, so they pay the same.
   */
  public static DataFrameReader csvReader(SparkSession spark) {
    return spark.read()
        .option("header", "true")
        .option("multiLine", "true")
        .option("escape", "\"");
  }

  private RawInput readCsv(InputKind kind, String path, Optional<DayPartitions> days) {
    sameHeaders(kind, path);
    String[] header = csvReader(spark).csv(path).columns();
    if (header.length == 0) {
      throw new InputRejectedException(kind.inputName() + " file " + path + " has no header row");
    }
    repeatedColumns(header).ifPresent(repeated -> {
      throw new InputRejectedException(kind.inputName() + " input " + path + " has the column " + repeated
          + " more than once; each column must appear once in the header");
    });
    List<String> columns = List.of(header);
    List<StructField> fields = new ArrayList<>();
    for (String name : header) {
      fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    Dataset<Row> csv = csvReader(spark)
        .schema(DataTypes.createStructType(fields))
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("enforceSchema", "false")
        .csv(path);
    csv = pruned(csv, days);
    List<Column> select = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      select.add(col(quote(header[i])).as(RawInput.column(i)));
    }
    select.add(col(CORRUPT).as(RawInput.MALFORMED));
    select.add(filePath().as(SOURCE_FILE));
    Dataset<Row> selected = csv.select(select.toArray(Column[]::new));
    return new RawInput(kind, path, columns, fieldColumns(kind, path, columns), numberRecords(selected),
        Optional.empty());
  }

  private RawInput readParquet(InputKind kind, String path, Optional<DayPartitions> days) {
    Dataset<Row> parquet;
    StructType schema;
    try {
      parquet = spark.read().parquet(path);
      schema = parquet.schema();
      if (java.util.Arrays.asList(schema.fieldNames()).contains(DayPartitions.COLUMN)) {
        // The day is the folder's, not a column of the records: read as the contract's columns.
        parquet = pruned(parquet, days).drop(DayPartitions.COLUMN);
        schema = parquet.schema();
      }
    } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
      // A 0-byte or truncated file fails in Spark's footer reading, deep in a job: one line
      // naming the file says more than the job's stack trace.
      throw new InputRejectedException(kind.inputName() + " input " + path + " is not a readable Parquet file ("
          + rootCause(e) + ")");
    }
    return typed(kind, path, parquet, filePath(), col(METADATA_ROW_INDEX).plus(1), Optional.empty());
  }

  /**
   * A table of the session's catalog, {@code table:DB.NAME}: its columns matched by name as
   * a file's are. For clearances, a timestamp {@code crossed_at} is filtered to the days read
   * (the filter reaches the source: partitions or files of the table are skipped), and a
   * {@code crossing_date} partition column prunes as in a lake; a text {@code crossed_at} is
   * read whole, since a value that does not parse must be quarantined, not filtered away.
   * Rows are numbered by their file and row when the table is stored in files, else in the
   * order read.
   */
  private RawInput readTable(InputKind kind, String path, Optional<DayPartitions> days) {
    String name = path.substring(TABLE_PREFIX.length());
    String query = "SELECT * FROM " + name;
    Dataset<Row> table;
    try {
      table = spark.table(name);
    } catch (Exception e) { // AnalysisException is checked, and Scala throws it undeclared
      throw new InputRejectedException(kind.inputName() + " input " + path + " is not a table of the catalog ("
          + rootCause(e) + ")");
    }
    if (days.isPresent() && kind == InputKind.CLEARANCES && isTimestamp(table.schema(), CROSSED_AT)) {
      java.time.Instant from = days.get().first().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      java.time.Instant to = days.get().last().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      // A row without a time is kept: it is quarantined (MISSING_FIELD), never filtered away.
      table = table.filter(col(CROSSED_AT).isNull().or(col(CROSSED_AT).geq(lit(java.sql.Timestamp.from(from)))
          .and(col(CROSSED_AT).lt(lit(java.sql.Timestamp.from(to))))));
      query += " WHERE " + CROSSED_AT + " IS NULL OR (" + CROSSED_AT + " >= '" + from + "' AND " + CROSSED_AT
          + " < '" + to + "')";
    }
    if (java.util.Arrays.asList(table.columns()).contains(DayPartitions.COLUMN) && days.isPresent()) {
      table = pruned(table, days).drop(DayPartitions.COLUMN);
      query += " (" + DayPartitions.COLUMN + " from " + days.get().first() + " to " + days.get().last() + ")";
    }
    try {
      table.select(col(METADATA_FILE_PATH)).schema();
      return typed(kind, path, table, filePath(), col(METADATA_ROW_INDEX).plus(1), Optional.of(query));
    } catch (Exception notStoredInFiles) {
      return typed(kind, path, table, lit(path), monotonically_increasing_id().plus(1), Optional.of(query));
    }
  }

  /**
   * A table of a relational database through Spark's JDBC source. When its times are
   * timestamps, the days read are a WHERE clause the database runs ({@link #daysCondition})
   * and the read is split into parallel partitions by time; otherwise it is read whole.
   */
  private RawInput readJdbc(InputKind kind, JdbcTable source, Optional<DayPartitions> days) {
    StructType schema;
    try {
      schema = spark.read().format("jdbc").options(source.options())
          .option("dbtable", "(SELECT * FROM " + source.table() + " WHERE 1 = 0) AS probe").load().schema();
    } catch (Exception e) { // SQLException and AnalysisException, undeclared through Scala
      throw new InputRejectedException(kind.inputName() + " input " + source.display() + " cannot be read ("
          + rootCause(e) + ")");
    }
    Dataset<Row> rows;
    String query = "SELECT * FROM " + source.table();
    Optional<String> inDays = days.flatMap(d -> daysCondition(kind, schema, d));
    if (inDays.isPresent()) {
      query += " WHERE " + inDays.get();
      String partitionColumn = kind == InputKind.CLEARANCES ? CROSSED_AT : SHIFT_START;
      rows = spark.read().format("jdbc").options(source.options()).option("dbtable", "(" + query + ") AS w")
          .option("partitionColumn", partitionColumn)
          .option("lowerBound", days.get().first() + " 00:00:00")
          .option("upperBound", days.get().last().plusDays(1) + " 00:00:00")
          .option("numPartitions", String.valueOf(JDBC_PARTITIONS)).load();
    } else {
      rows = spark.read().format("jdbc").options(source.options()).option("dbtable", source.table()).load();
    }
    return typed(kind, source.display(), rows, lit(source.display()), monotonically_increasing_id().plus(1),
        Optional.of(query));
  }

  /**
   * The days read as SQL the database runs, when the table's times are timestamps: the
   * clearances crossed in them, the shifts that overlap them. Rows without a time are kept, to
   * be quarantined; times held as text are not compared in the database, where a value that
   * does not parse would be lost rather than quarantined.
   */
  private static Optional<String> daysCondition(InputKind kind, StructType schema, DayPartitions days) {
    String from = "TIMESTAMPTZ '" + days.first() + " 00:00:00+00'";
    String to = "TIMESTAMPTZ '" + days.last().plusDays(1) + " 00:00:00+00'";
    if (kind == InputKind.CLEARANCES && isTimestamp(schema, CROSSED_AT)) {
      return Optional.of(CROSSED_AT + " IS NULL OR (" + CROSSED_AT + " >= " + from + " AND " + CROSSED_AT + " < "
          + to + ")");
    }
    if (kind == InputKind.ROSTERS && isTimestamp(schema, SHIFT_START) && isTimestamp(schema, SHIFT_END)) {
      return Optional.of(SHIFT_START + " IS NULL OR " + SHIFT_END + " IS NULL OR (" + SHIFT_END + " > " + from
          + " AND " + SHIFT_START + " < " + to + ")");
    }
    return Optional.empty();
  }

  /** Whether a source column, matched by name as the contract's columns are, holds timestamps. */
  private static boolean isTimestamp(StructType schema, String column) {
    return java.util.Arrays.stream(schema.fields())
        .anyMatch(f -> f.name().equalsIgnoreCase(column) && f.dataType() instanceof TimestampType);
  }

  /** Rows of a typed source (Parquet, a catalog table) as text, as a CSV file's are read. */
  private RawInput typed(InputKind kind, String path, Dataset<Row> source, Column sourceFile, Column sourceRow,
      Optional<String> query) {
    StructType schema = source.schema();
    List<String> columns = List.of(schema.fieldNames());
    List<Column> select = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      StructField field = schema.fields()[i];
      Column c = col(quote(field.name()));
      if (field.dataType() instanceof TimestampType || field.dataType() instanceof TimestampNTZType) {
        // An NTZ value prints without offset and is then quarantined like offset-less text.
        c = date_format(c, field.dataType() instanceof TimestampType ? ISO_INSTANT_TEXT : "yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
      } else {
        c = c.cast(DataTypes.StringType);
      }
      select.add(c.as(RawInput.column(i)));
    }
    select.add(lit(null).cast(DataTypes.StringType).as(RawInput.MALFORMED));
    select.add(sourceFile.as(SOURCE_FILE));
    select.add(sourceRow.as(SOURCE_ROW));
    Dataset<Row> rows = source.select(select.toArray(Column[]::new));
    return new RawInput(kind, path, columns, fieldColumns(kind, path, columns), rows, query);
  }

  /**
   * A column the header names twice. Spark's CSV reader keeps both, renamed to the name and
   * their position ({@code port_id2}, {@code port_id5}), and the contract's column would then
   * be reported missing.
   */
  static java.util.Optional<String> repeatedColumns(String[] header) {
    Map<String, Integer> renamed = new LinkedHashMap<>();
    for (int i = 0; i < header.length; i++) {
      String suffix = String.valueOf(i);
      if (header[i].length() > suffix.length() && header[i].endsWith(suffix)) {
        renamed.merge(header[i].substring(0, header[i].length() - suffix.length()).toLowerCase(java.util.Locale.ROOT),
            1, Integer::sum);
      }
    }
    return renamed.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).findFirst();
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage()).lines().findFirst().orElse(t.getClass().getSimpleName());
  }

  private static Column filePath() {
    return regexp_replace(col(METADATA_FILE_PATH), "^file:(//)?", "");
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** Maps contract fields to source columns (case and surrounding spaces ignored); rejects missing required ones. */
  static Map<String, String> fieldColumns(InputKind kind, String path, List<String> columns) {
    Map<String, String> byField = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (FieldSpec spec : kind.fields()) {
      int index = -1;
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).trim().equalsIgnoreCase(spec.name())) {
          index = i;
          break;
        }
      }
      if (index >= 0) {
        byField.put(spec.name(), RawInput.column(index));
      } else if (spec.required()) {
        missing.add(spec.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new InputRejectedException(kind.inputName() + " input " + path + " lacks required column(s) "
          + String.join(", ", missing) + "; its columns are " + String.join(", ", columns));
    }
    return byField;
  }

  /**
   * Numbers the records of each file. A CSV read with multiLine is never split, and a task
   * reads its files one after the other, so a counter reset at each new file is the
   * record's position in that file: no shuffle and no second pass needed.
   */
  private static Dataset<Row> numberRecords(Dataset<Row> rows) {
    StructType in = rows.schema();
    StructType out = in.add(SOURCE_ROW, DataTypes.LongType, false);
    int fileIndex = in.fieldIndex(SOURCE_FILE);
    int width = in.size();
    MapPartitionsFunction<Row, Row> number = records -> new Iterator<>() {
      private String file;
      private long counter;

      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Row next() {
        Row r = records.next();
        String f = r.getString(fileIndex);
        if (!f.equals(file)) {
          file = f;
          counter = 0;
        }
        counter++;
        Object[] values = new Object[width + 1];
        for (int i = 0; i < width; i++) {
          values[i] = r.get(i);
        }
        values[width] = counter;
        return RowFactory.create(values);
      }
    };
    return rows.mapPartitions(number, Encoders.row(out));
  }
}
