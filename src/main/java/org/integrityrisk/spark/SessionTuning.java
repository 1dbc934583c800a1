package org.integrityrisk.spark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Session options sized to one run's input, for a run on one machine. Spark's defaults are
 * made for clusters and long jobs; a nightly run of one port's crossings is neither, and
 * on it they cost more than the work (README, "Where a run's time goes", has the figures).
 *
 * <ul>
 *   <li><b>Shuffle partitions</b> follow the input: one per {@value #BYTES_PER_PARTITION_MIB}
 *       MiB, at least one per core (so both cores work) and at most four per core (beyond
 *       that, big shuffles spill evenly enough and tasks only add overhead).
 *   <li><b>Adaptive execution</b> re-plans a query after each shuffle and runs every query
 *       stage as a job of its own (a run of the pipeline started 257 jobs with it, 90
 *       without). It earns that by coalescing and splitting partitions, which matters only
 *       once partitions are many; with at most one per core it is switched off.
 *   <li><b>Code generation</b> compiles Java for every query plan (about 90 plans per run);
 *       on a cold JVM that costs some 20 s a run, while interpreting costs about 10 s per
 *       million rows more (ingest and frequent travellers, which read every row): at 1
 *       million rows (81 MB) interpreted runs were 10 s faster, at 10 million (774 MiB) ingest
 *       alone took 181 s interpreted against 105 s compiled. Plans are interpreted below
 *       {@value #COMPILED_FROM_MIB} MiB (about 2.4 million rows), near where the two meet.
 *       Interpreted and compiled plans compute the same values (the findings-unchanged test
 *       holds on both).
 * </ul>
 *
 * <p>An option the operator set (a {@code -Dspark.sql...} system property or spark-submit
 * {@code --conf}) is never overridden.
 */
public record SessionTuning(long inputBytes, int shufflePartitions, boolean adaptive, boolean compiled) {
  static final long BYTES_PER_PARTITION_MIB = 64;
  static final long COMPILED_FROM_MIB = 192;
  private static final long MIB = 1024L * 1024;

  public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  public static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  public static final String WHOLE_STAGE_CODEGEN = "spark.sql.codegen.wholeStage";
  /** Where Spark's shuffle and spill files go, and whether they are encrypted (set at start, not tuned). */
  public static final String LOCAL_DIR = "spark.local.dir";
  public static final String IO_ENCRYPTION = "spark.io.encryption.enabled";
  // Internal to Spark (its tests use it), and the only switch for expression code
  // generation; NO_CODEGEN evaluates every expression by its interpreted path.
  static final String CODEGEN_FACTORY_MODE = "spark.sql.codegen.factoryMode";

  public SessionTuning {
    if (inputBytes < 0 || shufflePartitions < 1) {
      throw new IllegalArgumentException("input bytes must be >= 0 and shuffle partitions >= 1, got "
          + inputBytes + " and " + shufflePartitions);
    }
  }

  /** The options for an input of this many bytes on this many cores. */
  public static SessionTuning forInput(long inputBytes, int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1, got " + cores);
    }
    long byBytes = (inputBytes + BYTES_PER_PARTITION_MIB * MIB - 1) / (BYTES_PER_PARTITION_MIB * MIB);
    int partitions = (int) Math.max(cores, Math.min(4L * cores, byBytes));
    return new SessionTuning(inputBytes, partitions, partitions > cores, inputBytes >= COMPILED_FROM_MIB * MIB);
  }

  /** The options as Spark keys and values. */
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(SHUFFLE_PARTITIONS, String.valueOf(shufflePartitions));
    settings.put(ADAPTIVE, String.valueOf(adaptive));
    settings.put(WHOLE_STAGE_CODEGEN, String.valueOf(compiled));
    settings.put(CODEGEN_FACTORY_MODE, compiled ? "FALLBACK" : "NO_CODEGEN");
    return settings;
  }

  /**
   * Sets every option the operator did not set, on a session whose master is local (a
   * cluster's operator sizes its own), and returns what was set.
   */
  public Map<String, String> applyTo(SparkSession spark) {
    Map<String, String> applied = new LinkedHashMap<>();
    if (!spark.sparkContext().isLocal()) {
      return applied;
    }
    for (Map.Entry<String, String> option : settings().entrySet()) {
      if (System.getProperty(option.getKey()) == null) {
        spark.conf().set(option.getKey(), option.getValue());
        applied.put(option.getKey(), option.getValue());
      }
    }
    return applied;
  }

  /** One line for the run's progress. */
  public String describe() {
    return String.format(Locale.ROOT, "session sized to %.1f MiB of input: %d shuffle partitions, adaptive execution %s, "
        + "plans %s", inputBytes / (double) MIB, shufflePartitions, adaptive ? "on" : "off",
        compiled ? "compiled" : "interpreted");
  }
}
