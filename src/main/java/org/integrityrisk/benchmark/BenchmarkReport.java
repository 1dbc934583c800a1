package org.integrityrisk.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the measurements of one {@code jobs/benchmark} invocation (a JSON line per job and
 * size, plus each pipeline run's manifest) into the tables of {@code BENCHMARKS.md}: cost per
 * size and stage, the ratios to the I/O floor and to the obvious SQL, and growth.
 */
public final class BenchmarkReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What was measured for one size. */
  record Size(double millions, JsonNode manifest, double pipelineSeconds, double wallSeconds,
      Optional<Double> floorSeconds, Optional<JsonNode> obviousSql, Optional<JsonNode> duckdb) {

    /** The size as the benchmark's options name it: 0.25 million, 1 million. */
    String label() {
      return millionsLabel(millions);
    }

    long clearanceRows() {
      return manifest.at("/inputs/clearances/read").asLong();
    }

    double peakHeapMb() {
      return manifest.at("/driver_memory/peak_heap_used_bytes").asLong() / 1048576.0;
    }

    double peakRssMb() {
      return manifest.at("/driver_memory/peak_rss_bytes").asLong() / 1048576.0;
    }

    /** A stage's bytes of one kind (shuffle written, spilled), summed over its runs; -1 when not recorded. */
    long stageBytes(String stage, String field) {
      long bytes = 0;
      boolean found = false;
      for (JsonNode st : manifest.get("stages")) {
        if (st.get("stage").asText().equals(stage) && st.has(field)) {
          bytes += st.get(field).asLong();
          found = true;
        }
      }
      return found ? bytes : -1;
    }

    /** A stage's seconds, summed over its runs (a stage may run once per input); empty when it did not run. */
    Optional<Double> stageSeconds(String stage) {
      double seconds = 0;
      boolean found = false;
      for (JsonNode st : manifest.get("stages")) {
        if (st.get("stage").asText().equals(stage)) {
          seconds += st.get("seconds").asDouble();
          found = true;
        }
      }
      return found ? Optional.of(seconds) : Optional.empty();
    }
  }

  private final List<Size> sizes;
  private final Map<Double, Double> unfinished;
  private final String machine;

  BenchmarkReport(List<Size> sizes, Map<Double, Double> unfinished, String machine) {
    this.sizes = List.copyOf(sizes);
    this.unfinished = Map.copyOf(unfinished);
    this.machine = machine;
  }

  /** Reads {@code results.jsonl} written by jobs/benchmark. */
  public static BenchmarkReport read(Path results) throws IOException {
    Map<Double, JsonNode> pipeline = new TreeMap<>();
    Map<Double, Double> floor = new TreeMap<>();
    Map<Double, JsonNode> sql = new TreeMap<>();
    Map<Double, JsonNode> duckdb = new TreeMap<>();
    Map<Double, Double> unfinished = new TreeMap<>();
    for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode m = JSON.readTree(line);
      double size = m.get("size_millions").asDouble();
      switch (m.get("job").asText()) {
        case "pipeline" -> {
          if (m.path("status").asText().equals("stopped")) {
            unfinished.put(size, m.get("limit_seconds").asDouble());
          } else {
            pipeline.put(size, m);
          }
        }
        case "io-floor" -> floor.put(size, m.get("seconds").asDouble());
        case "obvious-sql" -> sql.put(size, m);
        case "obvious-sql-duckdb" -> duckdb.put(size, m);
        default -> throw new IllegalArgumentException("unknown job in " + results + ": " + line);
      }
    }
    List<Size> sizes = new ArrayList<>();
    for (Map.Entry<Double, JsonNode> run : pipeline.entrySet()) {
      // A kept earlier run names its manifests relative to its results file.
      Path manifestPath = results.toAbsolutePath().getParent().resolve(run.getValue().get("manifest").asText());
      JsonNode manifest = JSON.readTree(manifestPath.toFile());
      double seconds = Duration.between(Instant.parse(manifest.get("started_at").asText()),
          Instant.parse(manifest.get("finished_at").asText())).toMillis() / 1000.0;
      sizes.add(new Size(run.getKey(), manifest, seconds, run.getValue().get("wall_seconds").asDouble(),
          Optional.ofNullable(floor.get(run.getKey())), Optional.ofNullable(sql.get(run.getKey())),
          Optional.ofNullable(duckdb.get(run.getKey()))));
    }
    String machine = results.resolveSibling("machine.txt").toFile().exists()
        ? Files.readString(results.resolveSibling("machine.txt")).trim() : "unknown machine";
    return new BenchmarkReport(sizes, unfinished, machine);
  }

  public String markdown() {
    return markdown(Optional.empty());
  }

  /**
   * @param before an earlier invocation (a kept run folder), compared size by size and
   *     stage by stage with this one
   */
  public String markdown(Optional<BenchmarkReport> before) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Written by `jobs/benchmark` (the latest invocation replaces this file). Machine: ")
        .append(machine).append(".\n\n");
    md.append("Seconds are the pipeline's own (manifest `started_at` to `finished_at`, Spark start-up excluded, ")
        .append("as for the floor and the SQL); wall is the whole command. Peak heap and RSS are the driver ")
        .append("JVM's (`local[*]`: driver and executors are one JVM).\n\n");
    md.append("The obvious SQL is co-travel as an analyst would write it (one self-join of the window's crossings "
        + "on port, direction and |dt| <= W, pairs met at least S times), with the pipeline's W, S and window. "
        + "In Spark it is timed like the pipeline (session start excluded) and compared with the pipeline's "
        + "seconds; in DuckDB it is the whole command, compared with the pipeline's wall.\n\n");
    md.append("| crossings (rows read) | pipeline s | wall s | rows/s | peak heap MB | peak RSS MB | I/O floor s "
        + "| pipeline / floor | obvious SQL in Spark s | Spark SQL / pipeline | obvious SQL in DuckDB s "
        + "| DuckDB / pipeline wall |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Size s : sizes) {
      md.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %,.0f | %,.0f | %,.0f | %s | %s | %s | %s | %s | %s |\n",
          s.clearanceRows(), s.pipelineSeconds(), s.wallSeconds(), s.clearanceRows() / s.pipelineSeconds(),
          s.peakHeapMb(), s.peakRssMb(),
          s.floorSeconds().map(f -> String.format(Locale.ROOT, "%.1f", f)).orElse("not run"),
          s.floorSeconds().map(f -> String.format(Locale.ROOT, "%.2f", s.pipelineSeconds() / f)).orElse("-"),
          s.obviousSql().map(q -> sqlSecondsOf(q, "seconds")).orElse("not run"),
          s.obviousSql().map(q -> ratio(q, "seconds", s.pipelineSeconds())).orElse("-"),
          s.duckdb().map(q -> sqlSecondsOf(q, "wall_seconds")).orElse("not run"),
          s.duckdb().map(q -> ratio(q, "wall_seconds", s.wallSeconds())).orElse("-")));
    }
    new TreeMap<>(unfinished).forEach((size, limit) -> md.append(String.format(Locale.ROOT,
        "\n**%s million: the pipeline did not finish within %.0f s** and was stopped; its stage lines are in "
            + "the run's `pipeline-%s.log`.\n", millionsLabel(size), limit, millionsLabel(size))));
    md.append(fasterFrom("in Spark", Size::obviousSql, "seconds", Size::pipelineSeconds));
    md.append(fasterFrom("in DuckDB", Size::duckdb, "wall_seconds", Size::wallSeconds));
    growth().ifPresent(md::append);
    md.append(timeOutsideWork());
    md.append("\n## Seconds per stage\n\n| stage |");
    for (Size s : sizes) {
      md.append(' ').append(s.label()).append("M |");
    }
    md.append("\n|---|");
    sizes.forEach(s -> md.append("---|"));
    md.append('\n');
    Set<String> stages = new LinkedHashSet<>();
    sizes.forEach(s -> s.manifest().get("stages").forEach(st -> stages.add(st.get("stage").asText())));
    for (String stage : stages) {
      md.append("| ").append(stage).append(" |");
      for (Size s : sizes) {
        md.append(String.format(Locale.ROOT, " %.1f |", s.stageSeconds(stage).orElse(0.0)));
      }
      md.append('\n');
    }
    before.ifPresent(b -> md.append(beforeAndAfter(b)));
    nationalWindow().ifPresent(md::append);
    return md.toString();
  }

  /** Crossings in a national 30-day window, the size the arithmetic below projects to. */
  static final long NATIONAL_CROSSINGS = 55_000_000L;
  /** What a nightly run of the national window may take on the cluster. */
  static final double NATIONAL_TARGET_SECONDS = 1800;
  static final int CORES_PER_EXECUTOR = 4;
  static final double EXECUTOR_HEAP_GB = 8;

  /**
   * The arithmetic for a national window, from how each stage grew here. A stage's time is
   * projected two ways and the larger is kept: as rows^e, with e fitted on 1 and 10 million
   * (e near 0: fixed cost; near 1: linear; above 1: worse than linear), and as its 10-million
   * time plus the seconds per row it added from 1 to 10 million (a fixed cost that hides the
   * growth at small sizes makes e look better than the work grows). Its fixed part is its
   * time at the smallest size measured, which no number of cores shortens; the rest is spread
   * over the cores. Memory follows the driver's peak heap at 10 million (in local mode that JVM
   * is driver and executors), scaled with the rows and spread over executors of a common
   * size. These are projections, not measurements: the report says so, and what a cluster
   * adds (network transfer of the shuffle, executor start) is not in them.
   */
  private Optional<String> nationalWindow() {
    if (sizeOf(1).isEmpty() || sizeOf(10).isEmpty()) {
      return Optional.empty();
    }
    Size a = sizeOf(1).get();
    Size b = sizeOf(10).get();
    Size smallest = sizes.stream().min(java.util.Comparator.comparingDouble(Size::millions)).orElseThrow();
    double scale = (double) NATIONAL_CROSSINGS / b.clearanceRows();
    double rowsGrowth = Math.log10((double) b.clearanceRows() / a.clearanceRows());
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "\n## A national window on a cluster (arithmetic)\n\n"
        + "About %,d crossings in 30 days, %.1f times the largest size measured here. Each stage's seconds "
        + "are projected as rows^e with e fitted on 1 and 10 million, or as the 10-million time plus the seconds "
        + "per row added from 1 to 10 million, whichever is larger; its time at the smallest size "
        + "(%s million) is fixed cost that more cores do not shorten. Shuffle is what the stage wrote to "
        + "shuffle files at 10 million (on a cluster, what crosses the network), projected linearly.\n\n"
        + "| stage | 1M s | 10M s | e | shuffle at 10M MB | spill at 10M MB | projected on 2 cores s "
        + "| projected shuffle MB |\n|---|---|---|---|---|---|---|---|\n", NATIONAL_CROSSINGS, scale, smallest.label()));
    double fixed = 0;
    double variable = 0;
    double shuffle = 0;
    Set<String> stages = new LinkedHashSet<>();
    b.manifest().get("stages").forEach(st -> stages.add(st.get("stage").asText()));
    for (String stage : stages) {
      double t1 = a.stageSeconds(stage).orElse(0.0);
      double t10 = b.stageSeconds(stage).orElse(0.0);
      double e = t1 > 0 && t10 > 0 ? Math.max(0, Math.log10(t10 / t1) / rowsGrowth) : 1;
      double marginal = (t10 - t1) / (b.clearanceRows() - a.clearanceRows());
      double projected = Math.max(t10 * Math.pow(scale, e), t10 + Math.max(0, marginal) * (NATIONAL_CROSSINGS - b.clearanceRows()));
      double stageFixed = Math.min(projected, smallest.stageSeconds(stage).orElse(0.0));
      fixed += stageFixed;
      variable += projected - stageFixed;
      long shuffleBytes = b.stageBytes(stage, "shuffle_write_bytes");
      long spillBytes = b.stageBytes(stage, "spill_bytes");
      shuffle += shuffleBytes * scale;
      md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %s | %s | %.0f | %s |\n", stage, t1, t10, e,
          megabytes(shuffleBytes), megabytes(spillBytes), projected,
          shuffleBytes < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", shuffleBytes * scale / 1048576.0)));
    }
    int cores = Math.max(1, (int) Math.ceil(variable * 2 / Math.max(1, NATIONAL_TARGET_SECONDS - fixed)));
    double heapGb = b.peakHeapMb() * scale / 1024;
    int executors = Math.max(Math.max(1, (cores + CORES_PER_EXECUTOR - 1) / CORES_PER_EXECUTOR),
        (int) Math.ceil(heapGb / EXECUTOR_HEAP_GB));
    md.append(String.format(Locale.ROOT, "\nOn this machine's 2 cores the window would take about %,.0f s "
        + "(%,.0f s of it fixed cost); to finish within %.0f minutes the rest needs about %d cores. The driver's "
        + "peak heap at 10 million was %,.0f MB; scaled to the window that is %.1f GB of heap. Together: %d "
        + "executors of %d cores and %.0f GB heap each (%d cores, %.0f GB), and every shuffle together moves about "
        + "%,.0f MB. These are projections from two sizes on one machine, not a cluster run.\n",
        fixed + variable, fixed, NATIONAL_TARGET_SECONDS / 60, cores, b.peakHeapMb(), heapGb, executors,
        CORES_PER_EXECUTOR, EXECUTOR_HEAP_GB, executors * CORES_PER_EXECUTOR, executors * EXECUTOR_HEAP_GB,
        shuffle / 1048576.0));
    return Optional.of(md.toString());
  }

  private static String megabytes(long bytes) {
    return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", bytes / 1048576.0);
  }

  /**
   * The manifest's {@code spark_work} per size: how many Spark jobs, stages and tasks the run
   * started, and how its command's time splits into JVM start, session start, time with a
   * job running and the driver's time outside jobs (planning, driver-side work). Runs made
   * before the manifest had these figures show a dash.
   */
  private String timeOutsideWork() {
    StringBuilder md = new StringBuilder();
    md.append("\n## Where the time goes\n\n| crossings | Spark jobs | stages | tasks | JVM start s | session start s "
        + "| in jobs s | driver outside jobs s | process s |\n|---|---|---|---|---|---|---|---|---|\n");
    for (Size s : sizes) {
      JsonNode w = s.manifest().path("spark_work");
      if (w.isMissingNode()) {
        md.append(String.format(Locale.ROOT, "| %,d | - | - | - | - | - | - | - | - |\n", s.clearanceRows()));
        continue;
      }
      md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f |\n",
          s.clearanceRows(), w.get("jobs").asLong(), w.get("stages").asLong(), w.get("tasks").asLong(),
          w.get("jvm_start_seconds").asDouble(), w.get("session_start_seconds").asDouble(),
          w.get("seconds_in_jobs").asDouble(), w.get("driver_seconds_outside_jobs").asDouble(),
          w.get("process_seconds").asDouble()));
    }
    return md.toString();
  }

  private String beforeAndAfter(BenchmarkReport before) {
    StringBuilder md = new StringBuilder();
    md.append("\n## Before and after\n\nBefore: ").append(before.machine).append(".\n\n");
    md.append("| crossings | before s | after s | before / after | before peak heap MB | after peak heap MB |\n");
    md.append("|---|---|---|---|---|---|\n");
    Set<Double> all = new java.util.TreeSet<>();
    before.sizes.forEach(s -> all.add(s.millions()));
    all.addAll(before.unfinished.keySet());
    for (double m : all) {
      Optional<Size> was = before.sizes.stream().filter(s -> s.millions() == m).findFirst();
      Optional<Size> now = sizeOf(m);
      String wasSeconds = was.map(s -> String.format(Locale.ROOT, "%.1f", s.pipelineSeconds()))
          .orElse(String.format(Locale.ROOT, "stopped at %.0f", before.unfinished.getOrDefault(m, 0.0)));
      String nowSeconds = now.map(s -> String.format(Locale.ROOT, "%.1f", s.pipelineSeconds())).orElse("not run");
      double wasValue = was.map(Size::pipelineSeconds).orElse(before.unfinished.getOrDefault(m, 0.0));
      String ratio = now.map(s -> (was.isPresent() ? "" : "> ")
          + String.format(Locale.ROOT, "%.1f", wasValue / s.pipelineSeconds())).orElse("-");
      md.append(String.format(Locale.ROOT, "| %s million | %s | %s | %s | %s | %s |\n", millionsLabel(m), wasSeconds, nowSeconds, ratio,
          was.map(s -> String.format(Locale.ROOT, "%,.0f", s.peakHeapMb())).orElse("-"),
          now.map(s -> String.format(Locale.ROOT, "%,.0f", s.peakHeapMb())).orElse("-")));
    }
    for (Size was : before.sizes) {
      Optional<Size> now = sizeOf(was.millions());
      if (now.isEmpty()) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "\nStages at %s million, before and after:\n\n| stage | before s | after s |\n|---|---|---|\n",
          was.label()));
      Set<String> stages = new LinkedHashSet<>();
      now.get().manifest().get("stages").forEach(st -> stages.add(st.get("stage").asText()));
      was.manifest().get("stages").forEach(st -> stages.add(st.get("stage").asText()));
      for (String stage : stages) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s |\n", stage, stageSeconds(was, stage), stageSeconds(now.get(), stage)));
      }
    }
    return md.toString();
  }

  private static String stageSeconds(Size size, String stage) {
    return size.stageSeconds(stage).map(seconds -> String.format(Locale.ROOT, "%.1f", seconds)).orElse("-");
  }

  private Optional<Size> sizeOf(double millions) {
    return sizes.stream().filter(s -> s.millions() == millions).findFirst();
  }

  private Optional<String> growth() {
    if (sizeOf(1).isEmpty() || sizeOf(10).isEmpty()) {
      return Optional.empty();
    }
    Size a = sizeOf(1).get();
    Size b = sizeOf(10).get();
    return Optional.of(String.format(Locale.ROOT,
        "\nGrowth from 1 to 10 million: seconds x%.2f, peak heap x%.2f, peak RSS x%.2f (rows x%.2f).\n",
        b.pipelineSeconds() / a.pipelineSeconds(), b.peakHeapMb() / a.peakHeapMb(), b.peakRssMb() / a.peakRssMb(),
        (double) b.clearanceRows() / a.clearanceRows()));
  }

  /** An obvious-SQL result's seconds (the named field), or how it ended when it did not finish. */
  private static String sqlSecondsOf(JsonNode sql, String field) {
    if (sql.path("status").asText().equals("skipped")) {
      return String.format(Locale.ROOT, "not run (stopped at %.0f on %s million)", sql.get("limit_seconds").asDouble(),
          millionsLabel(sql.get("stopped_at_millions").asDouble()));
    }
    if (sql.path("status").asText().equals("stopped")) {
      return String.format(Locale.ROOT, "stopped at %.0f", sql.get("limit_seconds").asDouble());
    }
    if (sql.path("status").asText().equals("failed")) {
      return "failed (exit " + sql.path("exit").asInt() + ")";
    }
    return String.format(Locale.ROOT, "%.1f", sql.get(field).asDouble());
  }

  /**
   * Whether the SQL ran out of its limit: stopped at it, or not run because a smaller size
   * already was (so would this one be). Its seconds are then at least the limit.
   */
  private static boolean outOfLimit(JsonNode sql) {
    String status = sql.path("status").asText();
    return status.equals("stopped") || status.equals("skipped");
  }

  /** The SQL's seconds (the named field), or its limit when it ran out of it: a lower bound then. */
  private static double secondsOrLimit(JsonNode sql, String field) {
    return outOfLimit(sql) ? sql.get("limit_seconds").asDouble() : sql.get(field).asDouble();
  }

  /** The SQL's time over the pipeline's; one that ran out of its limit took at least that, hence "> ". */
  private static String ratio(JsonNode sql, String field, double pipelineSeconds) {
    if (sql.path("status").asText().equals("failed")) {
      return "-";
    }
    return String.format(Locale.ROOT, outOfLimit(sql) ? "> %.1f" : "%.1f", secondsOrLimit(sql, field) / pipelineSeconds);
  }

  /**
   * One sentence: from which measured size on the pipeline is faster than this obvious SQL at
   * every larger measured size. A stopped SQL (or one not run because a smaller size was
   * stopped) counts as slower when the pipeline finished within the SQL's limit; a failed one
   * is left out, as it says nothing about speed.
   */
  private String fasterFrom(String engine, java.util.function.Function<Size, Optional<JsonNode>> sql, String field,
      java.util.function.ToDoubleFunction<Size> pipeline) {
    List<Size> compared = sizes.stream()
        .filter(s -> sql.apply(s).filter(q -> !q.path("status").asText().equals("failed")).isPresent())
        .sorted(java.util.Comparator.comparingDouble(Size::millions)).toList();
    if (compared.isEmpty()) {
      return "";
    }
    Optional<Size> from = Optional.empty();
    for (Size s : compared) {
      boolean pipelineFaster = pipeline.applyAsDouble(s) < secondsOrLimit(sql.apply(s).orElseThrow(), field);
      if (!pipelineFaster) {
        from = Optional.empty();
      } else if (from.isEmpty()) {
        from = Optional.of(s);
      }
    }
    String sizesRun = String.join(", ", compared.stream().map(s -> String.format(Locale.ROOT, "%,d", s.clearanceRows())).toList());
    if (from.isEmpty()) {
      return String.format(Locale.ROOT, "\nThe obvious SQL %s was faster than the pipeline at the largest size it ran "
          + "(sizes run: %s rows).\n", engine, sizesRun);
    }
    if (from.get() == compared.get(0)) {
      return String.format(Locale.ROOT, "\nThe pipeline was faster than the obvious SQL %s at every size it ran "
          + "(%s rows).\n", engine, sizesRun);
    }
    return String.format(Locale.ROOT, "\nThe pipeline was faster than the obvious SQL %s from %,d rows on "
        + "(sizes run: %s rows).\n", engine, from.get().clearanceRows(), sizesRun);
  }

  static String millionsLabel(double millions) {
    return millions == Math.rint(millions) ? String.format(Locale.ROOT, "%d", (long) millions)
        : java.math.BigDecimal.valueOf(millions).stripTrailingZeros().toPlainString();
  }
}
