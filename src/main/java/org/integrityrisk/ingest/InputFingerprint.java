package org.integrityrisk.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Size and content digest of one input, so that a re-run of a date can tell whether its
 * data changed. The digest is SHA-256 over the sorted list of (relative path, bytes, SHA-256
 * of the file); files are hashed by executors, in parallel, reading straight from storage,
 * so only one line per file reaches the driver. Files Spark ignores (names starting with
 * {@code _} or {@code .}) are ignored here too.
 */
public record InputFingerprint(
    @JsonProperty("path") String path,
    @JsonProperty("files") int files,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("sha256") String sha256,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @JsonProperty("query") String query,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @JsonProperty("rows") Long rows) {

  /** A file or folder's fingerprint. */
  public InputFingerprint(String path, int files, long bytes, String sha256) {
    this(path, files, bytes, sha256, null, null);
  }

  /**
   * A database or catalog table's fingerprint, from the rows its query returned: how many,
   * and a digest of their contents that does not depend on their order (the sum of each
   * row's 64-bit hash, as an exact decimal), so a re-run can still say whether the input
   * changed. The row numbers the reader gives are left out: they are not the source's.
   */
  public static InputFingerprint ofRows(String path, String query, Dataset<Row> raw, List<String> textColumns) {
    Column[] columns = textColumns.stream().map(functions::col).toArray(Column[]::new);
    Row totals = raw.agg(functions.count(functions.lit(1)),
        functions.sum(functions.xxhash64(columns).cast("decimal(38,0)"))).first();
    long rows = totals.getLong(0);
    Object sum = totals.isNullAt(1) ? "0" : totals.get(1);
    return new InputFingerprint(path, 0, 0, digestOf(List.of(rows + "\t" + sum)), query, rows);
  }

  /** The fingerprint of a file or folder; empty when the path does not exist. */
  public static Optional<InputFingerprint> of(SparkSession spark, String input) {
    return of(spark, input, Optional.empty());
  }

  /**
   * @param days for a folder laid out by day, the days read: only their files are hashed,
   *     so the fingerprint says whether the data the run read changed
   */
  public static Optional<InputFingerprint> of(SparkSession spark, String input, Optional<DayPartitions> days) {
    if (input.startsWith(SourceReader.TABLE_PREFIX) || input.startsWith(JdbcTable.PREFIX)) {
      // A catalog or database table has no files to hash here; its rows are counted as read.
      return Optional.empty();
    }
    Path root = new Path(input);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path qualified = fs.makeQualified(root);
      if (!fs.exists(qualified)) {
        return Optional.empty();
      }
      String rootText = qualified.toString();
      List<String> files = dataFiles(fs, qualified).stream()
          .filter(f -> days.isEmpty() || f.length() <= rootText.length() || days.get().reads(f.substring(rootText.length() + 1)))
          .toList();
      if (files.isEmpty()) {
        return Optional.of(new InputFingerprint(input, 0, 0, digestOf(List.of())));
      }
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<SerializableConfiguration> conf = jsc.broadcast(
          new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
      String base = qualified.toString();
      // One small record per file reaches the driver, however large the files are.
      List<FileDigest> hashed = jsc.parallelize(files, Math.min(files.size(), jsc.defaultParallelism()))
          .map(file -> FileDigest.of(new Path(file), conf.value().value()))
          .collect();
      conf.destroy();
      List<String> lines = new ArrayList<>();
      long bytes = 0;
      for (FileDigest file : hashed) {
        String relative = file.path().equals(base) ? root.getName() : file.path().substring(base.length() + 1);
        lines.add(relative + "\t" + file.bytes() + "\t" + file.sha256());
        bytes += file.bytes();
      }
      lines.sort(String::compareTo);
      return Optional.of(new InputFingerprint(input, files.size(), bytes, digestOf(lines)));
    } catch (IOException e) {
      throw new UncheckedIOException("input " + input + " cannot be listed for its fingerprint", e);
    }
  }

  private static List<String> dataFiles(FileSystem fs, Path root) throws IOException {
    List<String> files = new ArrayList<>();
    FileStatus status = fs.getFileStatus(root);
    if (status.isFile()) {
      files.add(status.getPath().toString());
      return files;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus file = it.next();
      if (!hidden(root, file.getPath())) {
        files.add(file.getPath().toString());
      }
    }
    return files;
  }

  private static boolean hidden(Path root, Path file) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (SourceReader.ignoredBySpark(p.getName())) {
        return true;
      }
    }
    return false;
  }

  /** Size and SHA-256 of one file, streamed by an executor. */
  private record FileDigest(String path, long bytes, String sha256) implements java.io.Serializable {
    static FileDigest of(Path file, org.apache.hadoop.conf.Configuration conf) throws IOException {
      MessageDigest sha = newDigest();
      long bytes = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = file.getFileSystem(conf).open(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
          bytes += n;
        }
      }
      return new FileDigest(file.toString(), bytes, HexFormat.of().formatHex(sha.digest()));
    }
  }

  private static String digestOf(List<String> lines) {
    MessageDigest sha = newDigest();
    for (String line : lines) {
      sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
