package org.integrityrisk.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.schema.Columns;
import org.integrityrisk.schema.OutputTable;

/**
 * Where one run writes. Everything goes to a private staging folder first and becomes
 * {@code <output>/run_date=<D>} only in {@link #publish()}, so readers never see a half
 * written run and a failed run leaves the previous findings of that date in place.
 *
 * <p>Publishing replaces a folder, which no file system does in one call, so it is two
 * renames on the same file system: the previous run is moved aside to a name that records
 * the intent ({@code _staging/<partition>.<run>.previous}), then the staged run takes its
 * place. Whoever next opens that date, under its {@link RunLock}, finishes or undoes a
 * publish that was killed between the two: the previous run goes back if the new one never
 * arrived, and is deleted if it did. Staging folders of dead runs are removed the same way.
 */
public final class RunOutput implements AutoCloseable {
  /** Runs rejected for bad input publish their quarantine here, outside the findings table. */
  public static final String REJECTED_FOLDER = "_rejected";
  static final String STAGING_FOLDER = "_staging";
  private static final String PREVIOUS_SUFFIX = ".previous";
  /** Run folders are partitions of the findings table by run date: {@code run_date=<D>}. */
  private static final String PARTITION_PREFIX = Columns.RUN_DATE + "=";
  /** The metric a table's write observes: its rows. */
  private static final String ROWS = "rows";

  private final SparkSession spark;
  private final FileSystem fs;
  private final Path root;
  private final String partition;
  private final String runId;
  private final Path staging;
  private final RunLock lock;
  private final List<String> recovered;

  private RunOutput(SparkSession spark, FileSystem fs, Path root, String partition, String runId, RunLock lock,
      List<String> recovered) {
    this.spark = spark;
    this.fs = fs;
    this.root = root;
    this.partition = partition;
    this.runId = runId;
    this.lock = lock;
    this.recovered = List.copyOf(recovered);
    this.staging = new Path(stagingFolder(root), partition + "." + runId);
  }

  /** The folder of a run date's findings: the partition {@code run_date=<D>} of the findings table. */
  public static String partition(String runDate) {
    return PARTITION_PREFIX + runDate;
  }

  /**
   * Takes the date's lock, repairs what an earlier killed run of that date left behind, and
   * opens a fresh staging folder.
   */
  public static RunOutput open(SparkSession spark, String outputDir, LocalDate runDate) {
    String partition = partition(runDate.toString());
    String runId = UUID.randomUUID().toString();
    Path given = new Path(outputDir);
    FileSystem fs;
    Path root;
    try {
      fs = given.getFileSystem(spark.sparkContext().hadoopConfiguration());
      root = fs.makeQualified(given);
      fs.mkdirs(root);
    } catch (IOException e) {
      throw new UncheckedIOException("output folder " + outputDir + " cannot be created", e);
    }
    RunLock lock = RunLock.acquire(fs, root, partition, runId);
    try {
      List<String> recovered = new ArrayList<>();
      lock.tookOver().ifPresent(recovered::add);
      recovered.addAll(recover(fs, root, partition));
      RunOutput output = new RunOutput(spark, fs, root, partition, runId, lock, recovered);
      fs.mkdirs(output.staging);
      return output;
    } catch (IOException e) {
      lock.close();
      throw new UncheckedIOException("the staging folder of " + partition + " in " + outputDir
          + " cannot be prepared", e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Completes or rolls back an interrupted publish of one partition and removes dead runs'
   * staging folders. Only safe under the partition's lock. Returns what it did, one line each.
   */
  static List<String> recover(FileSystem fs, Path root, String partition) throws IOException {
    List<String> done = new ArrayList<>();
    Path stagingFolder = stagingFolder(root);
    if (!fs.exists(stagingFolder)) {
      return done;
    }
    for (FileStatus leftover : fs.listStatus(stagingFolder)) {
      String name = leftover.getPath().getName();
      Optional<Path> target = targetOf(root, partition, name);
      if (target.isEmpty()) {
        continue;
      }
      if (name.endsWith(PREVIOUS_SUFFIX)) {
        if (fs.exists(target.get())) {
          fs.delete(leftover.getPath(), true);
          done.add("finished an interrupted publish of " + display(target.get()) + " (removed the replaced run)");
        } else {
          rename(fs, leftover.getPath(), target.get(), "cannot restore " + leftover.getPath() + " to " + target.get());
          done.add("restored the previous " + display(target.get()) + ": the run replacing it was killed");
        }
      }
    }
    for (FileStatus leftover : fs.listStatus(stagingFolder)) {
      String name = leftover.getPath().getName();
      if (targetOf(root, partition, name).isPresent() && !name.endsWith(PREVIOUS_SUFFIX)) {
        fs.delete(leftover.getPath(), true);
        done.add("removed the staging folder of a run that did not finish: " + display(leftover.getPath()));
      }
    }
    deleteIfEmpty(fs, stagingFolder);
    return done;
  }

  /** The published folder a staging entry belongs to, if it belongs to this partition. */
  private static Optional<Path> targetOf(Path root, String partition, String stagingName) {
    if (stagingName.startsWith(partition + ".")) {
      return Optional.of(new Path(root, partition));
    }
    if (stagingName.startsWith(REJECTED_FOLDER + "." + partition + ".")) {
      return Optional.of(new Path(new Path(root, REJECTED_FOLDER), partition));
    }
    return Optional.empty();
  }

  private static Path stagingFolder(Path root) {
    return new Path(root, STAGING_FOLDER);
  }

  /** A path as a user would type it: local paths without the file: scheme. */
  public static String display(Path path) {
    return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
  }

  /** What opening this output repaired after an earlier killed run; empty when nothing. */
  public List<String> recovered() {
    return recovered;
  }

  /** Names this run in its staging folder, lock and manifest. */
  public String runId() {
    return runId;
  }

  /** The published folder of this run's date, whether or not it exists yet. */
  public Path published() {
    return new Path(root, partition);
  }

  /** The manifest of the run currently published for this date, if there is one. */
  public Optional<String> publishedManifest() {
    return readManifest(fs, new Path(published(), Manifest.FILE_NAME));
  }

  /**
   * Absent only when the file is not there. A manifest that is there but cannot be read is
   * not "no previous run": the run stops and says so, since whether its inputs changed since
   * that run is unknown.
   */
  static Optional<String> readManifest(FileSystem fs, Path manifest) {
    try {
      if (!fs.exists(manifest)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(manifest)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UnreadableManifestException(manifest, e);
    }
  }

  /** The published run's manifest exists but cannot be read. */
  public static final class UnreadableManifestException extends UncheckedIOException {
    UnreadableManifestException(Path manifest, IOException cause) {
      super("the published manifest " + manifest + " exists but cannot be read (" + cause.getMessage()
          + "), so whether the inputs changed since that run is unknown; make it readable or move it away", cause);
    }
  }

  /** Every published run folder of this output, oldest date first. */
  public List<Path> publishedRuns() {
    try {
      List<Path> runs = new ArrayList<>();
      for (org.apache.hadoop.fs.FileStatus status : fs.listStatus(root)) {
        String name = status.getPath().getName();
        if (status.isDirectory() && name.startsWith(PARTITION_PREFIX)
            && fs.exists(new Path(status.getPath(), Manifest.FILE_NAME))) {
          runs.add(status.getPath());
        }
      }
      runs.sort(java.util.Comparator.comparing(Path::getName));
      return runs;
    } catch (IOException e) {
      throw new UncheckedIOException("the published runs in " + root + " cannot be listed", e);
    }
  }

  /**
   * The latest run published before this run's date that holds {@code table}: the run whose
   * history this run carries on. Runs of later dates are ignored, so re-running an old date
   * gives the same result as it did the first time.
   */
  public Optional<Path> latestEarlierRunWith(OutputTable table) {
    String thisPartition = partition;
    try {
      Optional<Path> latest = Optional.empty();
      for (Path run : publishedRuns()) {
        if (run.getName().compareTo(thisPartition) < 0 && fs.exists(new Path(run, table.folder()))) {
          latest = Optional.of(run);
        }
      }
      return latest;
    } catch (IOException e) {
      throw new UncheckedIOException("the earlier runs in " + root + " cannot be read", e);
    }
  }

  /** A table this run has staged, read back. */
  public Dataset<Row> staged(OutputTable table) {
    return spark.read().parquet(new Path(staging, table.folder()).toString());
  }

  /** Writes a text file, such as the case report, into staging. */
  public void writeText(String name, String content) {
    try (OutputStream out = fs.create(new Path(staging, name), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(name + " cannot be written to " + staging, e);
    }
  }

  /**
   * Writes a table as Parquet into staging and returns its row count, observed while the
   * rows were written (an accumulator on the write itself, not a second job reading them back).
   *
   * @throws IllegalArgumentException before anything is written, when the rows lack a column
   *     the table promises its readers ({@link OutputTable#check})
   */
  public long writeTable(OutputTable table, Dataset<Row> rows) {
    table.check(rows);
    String path = new Path(staging, table.folder()).toString();
    Observation written = new Observation("written " + table.folder());
    rows.observe(written, functions.count(functions.lit(1)).as(ROWS)).write().mode(SaveMode.Overwrite).parquet(path);
    try {
      return ((Number) written.getAsJava().get(ROWS)).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + table.folder() + " was written", e);
    }
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
    return moveInto(published(), partition);
  }

  /** Publishes a rejected run's quarantine and manifest under {@value #REJECTED_FOLDER}. */
  public Path publishRejected() {
    return moveInto(new Path(new Path(root, REJECTED_FOLDER), partition), REJECTED_FOLDER + "." + partition);
  }

  private Path moveInto(Path target, String journalName) {
    lock.verifyHeld();
    Path previous = new Path(stagingFolder(root), journalName + "." + runId + PREVIOUS_SUFFIX);
    Path published = replace(fs, staging, target, previous);
    deleteIfEmpty(fs, stagingFolder(root));
    return published;
  }

  /**
   * Puts {@code staged} in the place of {@code target}, moving an existing target aside to
   * {@code previous} first and deleting it once the staged folder is in place (a replaced run
   * that cannot be deleted is left to the next run's recovery). When the
   * second rename fails the previous folder is moved back; when that fails too the date has
   * no published run, and {@link RollbackFailedException} says where the previous one is.
   */
  static Path replace(FileSystem fs, Path staged, Path target, Path previous) {
    boolean hadPrevious;
    try {
      fs.mkdirs(target.getParent());
      hadPrevious = fs.exists(target);
      if (hadPrevious) {
        rename(fs, target, previous, "cannot move the previous " + target + " aside");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("publishing the run to " + target + " failed; the previous run is in place", e);
    }
    try {
      rename(fs, staged, target, "cannot move " + staged + " to " + target);
    } catch (IOException moveFailed) {
      if (hadPrevious) {
        restore(fs, target, previous, moveFailed);
      }
      throw new UncheckedIOException("publishing the run to " + target + " failed"
          + (hadPrevious ? "; the previous run is back in place" : ""), moveFailed);
    }
    if (hadPrevious) {
      try {
        fs.delete(previous, true);
      } catch (IOException e) {
        // Published all the same: the next run of this date deletes a replaced run whose target exists.
      }
    }
    return target;
  }

  private static void restore(FileSystem fs, Path target, Path previous, IOException moveFailed) {
    try {
      rename(fs, previous, target, "cannot move " + previous + " back to " + target);
    } catch (IOException restoreFailed) {
      RollbackFailedException failure = new RollbackFailedException(target, previous, moveFailed);
      failure.addSuppressed(restoreFailed);
      throw failure;
    }
  }

  /** Hadoop reports some failed renames by returning false; here every failure throws. */
  private static void rename(FileSystem fs, Path from, Path to, String failure) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException(failure);
    }
  }

  /** Publishing failed and the previous run could not be put back: the date has no published run. */
  public static final class RollbackFailedException extends UncheckedIOException {
    RollbackFailedException(Path target, Path previous, IOException cause) {
      super("publishing the run to " + target + " failed (" + cause.getMessage() + ") and the previous run could not "
          + "be put back: it is in " + previous + ", and " + target + " is missing until it is moved back (the next "
          + "run of this date moves it back under its lock)", cause);
    }
  }

  /** Removes the staging folder of a run that will not be published. */
  public void abandon() {
    try {
      fs.delete(staging, true);
      deleteIfEmpty(fs, stagingFolder(root));
    } catch (IOException e) {
      // The run already failed; the next run of this date removes the leftover.
    }
  }

  /** Releases the date's lock. */
  @Override
  public void close() {
    lock.close();
  }

  private static void deleteIfEmpty(FileSystem fs, Path folder) {
    try {
      if (fs.exists(folder) && fs.listStatus(folder).length == 0) {
        fs.delete(folder, false);
      }
    } catch (IOException e) {
      // A run of another date has just staged into it; the folder is hidden from readers anyway.
    }
  }
}
