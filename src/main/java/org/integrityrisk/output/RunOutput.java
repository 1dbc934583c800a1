package org.integrityrisk.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Where one run writes. Everything goes to a private staging folder first and becomes
 * {@code <output>/run_date=<D>} only in {@link #publish()}, so readers never see a half
 * written run and a failed run leaves the previous findings of that date in place.
 */
public final class RunOutput {
  /** Runs rejected for bad input publish their quarantine here, outside the findings table. */
  public static final String REJECTED_FOLDER = "_rejected";
  private static final String STAGING_FOLDER = "_staging";

  private final SparkSession spark;
  private final Path root;
  private final String partition;
  private final Path staging;
  private final FileSystem fs;

  public RunOutput(SparkSession spark, String outputDir, LocalDate runDate) {
    this.spark = spark;
    this.partition = "run_date=" + runDate;
    try {
      Path given = new Path(outputDir);
      this.fs = given.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.root = fs.makeQualified(given);
      this.staging = new Path(new Path(root, STAGING_FOLDER), partition + "." + UUID.randomUUID());
      fs.mkdirs(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("output folder " + outputDir + " cannot be created", e);
    }
  }

  /** A path as a user would type it: local paths without the file: scheme. */
  public static String display(Path path) {
    return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
  }

  /** Writes a table as Parquet into staging and returns its row count, read back from the files. */
  public long writeTable(String table, Dataset<Row> rows) {
    String path = new Path(staging, table).toString();
    rows.write().mode(SaveMode.Overwrite).parquet(path);
    return spark.read().parquet(path).count();
  }

  public void writeManifest(Manifest manifest) {
    try (OutputStream out = fs.create(new Path(staging, Manifest.FILE_NAME), true)) {
      out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("manifest cannot be written to " + staging, e);
    }
  }

  /** Makes the staged run the run of its date, replacing an earlier run of that date. */
  public Path publish() {
    return moveInto(root);
  }

  /** Publishes a rejected run's quarantine and manifest under {@value #REJECTED_FOLDER}. */
  public Path publishRejected() {
    return moveInto(new Path(root, REJECTED_FOLDER));
  }

  private Path moveInto(Path parent) {
    Path target = new Path(parent, partition);
    Path replaced = new Path(staging.getParent(), partition + ".replaced." + UUID.randomUUID());
    try {
      fs.mkdirs(parent);
      boolean hadPrevious = fs.exists(target);
      if (hadPrevious && !fs.rename(target, replaced)) {
        throw new IOException("cannot move the previous " + target + " aside");
      }
      if (!fs.rename(staging, target)) {
        if (hadPrevious) {
          fs.rename(replaced, target);
        }
        throw new IOException("cannot move " + staging + " to " + target);
      }
      if (hadPrevious) {
        fs.delete(replaced, true);
      }
      deleteIfEmpty(staging.getParent());
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("publishing the run to " + target + " failed", e);
    }
  }

  /** Removes the staging folder of a run that will not be published. */
  public void abandon() {
    try {
      fs.delete(staging, true);
      deleteIfEmpty(staging.getParent());
    } catch (IOException e) {
      // The run already failed; a leftover staging folder is harmless and named as such.
    }
  }

  private void deleteIfEmpty(Path folder) throws IOException {
    if (fs.exists(folder) && fs.listStatus(folder).length == 0) {
      fs.delete(folder, false);
    }
  }
}
