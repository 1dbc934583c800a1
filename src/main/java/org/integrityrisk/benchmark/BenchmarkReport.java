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
  record Size(int millions, JsonNode manifest, double pipelineSeconds, double wallSeconds,
      Optional<Double> floorSeconds, Optional<JsonNode> obviousSql) {

    long clearanceRows() {
      return manifest.at("/inputs/clearances/read").asLong();
    }

    double peakHeapMb() {
      return manifest.at("/driver_memory/peak_heap_used_bytes").asLong() / 1048576.0;
    }

    double peakRssMb() {
      return manifest.at("/driver_memory/peak_rss_bytes").asLong() / 1048576.0;
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
  private final Map<Integer, Double> unfinished;
  private final String machine;

  BenchmarkReport(List<Size> sizes, Map<Integer, Double> unfinished, String machine) {
    this.sizes = List.copyOf(sizes);
    this.unfinished = Map.copyOf(unfinished);
    this.machine = machine;
  }

  /** Reads {@code results.jsonl} written by jobs/benchmark. */
  public static BenchmarkReport read(Path results) throws IOException {
    Map<Integer, JsonNode> pipeline = new TreeMap<>();
    Map<Integer, Double> floor = new TreeMap<>();
    Map<Integer, JsonNode> sql = new TreeMap<>();
    Map<Integer, Double> unfinished = new TreeMap<>();
    for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode m = JSON.readTree(line);
      int size = m.get("size_millions").asInt();
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
        default -> throw new IllegalArgumentException("unknown job in " + results + ": " + line);
      }
    }
    List<Size> sizes = new ArrayList<>();
    for (Map.Entry<Integer, JsonNode> run : pipeline.entrySet()) {
      // A kept earlier run names its manifests relative to its results file.
      Path manifestPath = results.toAbsolutePath().getParent().resolve(run.getValue().get("manifest").asText());
      JsonNode manifest = JSON.readTree(manifestPath.toFile());
      double seconds = Duration.between(Instant.parse(manifest.get("started_at").asText()),
          Instant.parse(manifest.get("finished_at").asText())).toMillis() / 1000.0;
      sizes.add(new Size(run.getKey(), manifest, seconds, run.getValue().get("wall_seconds").asDouble(),
          Optional.ofNullable(floor.get(run.getKey())), Optional.ofNullable(sql.get(run.getKey()))));
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
    md.append("| crossings (rows read) | pipeline s | wall s | rows/s | peak heap MB | peak RSS MB | I/O floor s "
        + "| pipeline / floor | obvious SQL s | SQL / pipeline |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Size s : sizes) {
      md.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %,.0f | %,.0f | %,.0f | %s | %s | %s | %s |\n",
          s.clearanceRows(), s.pipelineSeconds(), s.wallSeconds(), s.clearanceRows() / s.pipelineSeconds(),
          s.peakHeapMb(), s.peakRssMb(),
          s.floorSeconds().map(f -> String.format(Locale.ROOT, "%.1f", f)).orElse("not run"),
          s.floorSeconds().map(f -> String.format(Locale.ROOT, "%.2f", s.pipelineSeconds() / f)).orElse("-"),
          s.obviousSql().map(BenchmarkReport::sqlSeconds).orElse("not run"),
          s.obviousSql().map(q -> sqlRatio(q, s.pipelineSeconds())).orElse("-")));
    }
    new TreeMap<>(unfinished).forEach((size, limit) -> md.append(String.format(Locale.ROOT,
        "\n**%d million: the pipeline did not finish within %.0f s** and was stopped; its stage lines are in "
            + "the run's `pipeline-%d.log`.\n", size, limit, size)));
    growth().ifPresent(md::append);
    md.append(timeOutsideWork());
    md.append("\n## Seconds per stage\n\n| stage |");
    for (Size s : sizes) {
      md.append(' ').append(s.millions()).append("M |");
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
    return md.toString();
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
    Set<Integer> all = new java.util.TreeSet<>();
    before.sizes.forEach(s -> all.add(s.millions()));
    all.addAll(before.unfinished.keySet());
    for (int m : all) {
      Optional<Size> was = before.sizes.stream().filter(s -> s.millions() == m).findFirst();
      Optional<Size> now = sizes.stream().filter(s -> s.millions() == m).findFirst();
      String wasSeconds = was.map(s -> String.format(Locale.ROOT, "%.1f", s.pipelineSeconds()))
          .orElse(String.format(Locale.ROOT, "stopped at %.0f", before.unfinished.getOrDefault(m, 0.0)));
      String nowSeconds = now.map(s -> String.format(Locale.ROOT, "%.1f", s.pipelineSeconds())).orElse("not run");
      double wasValue = was.map(Size::pipelineSeconds).orElse(before.unfinished.getOrDefault(m, 0.0));
      String ratio = now.map(s -> (was.isPresent() ? "" : "> ")
          + String.format(Locale.ROOT, "%.1f", wasValue / s.pipelineSeconds())).orElse("-");
      md.append(String.format(Locale.ROOT, "| %d million | %s | %s | %s | %s | %s |\n", m, wasSeconds, nowSeconds, ratio,
          was.map(s -> String.format(Locale.ROOT, "%,.0f", s.peakHeapMb())).orElse("-"),
          now.map(s -> String.format(Locale.ROOT, "%,.0f", s.peakHeapMb())).orElse("-")));
    }
    for (Size was : before.sizes) {
      Optional<Size> now = sizes.stream().filter(s -> s.millions() == was.millions()).findFirst();
      if (now.isEmpty()) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "\nStages at %d million, before and after:\n\n| stage | before s | after s |\n|---|---|---|\n",
          was.millions()));
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

  private Optional<String> growth() {
    Optional<Size> small = sizes.stream().filter(s -> s.millions() == 1).findFirst();
    Optional<Size> large = sizes.stream().filter(s -> s.millions() == 10).findFirst();
    if (small.isEmpty() || large.isEmpty()) {
      return Optional.empty();
    }
    Size a = small.get();
    Size b = large.get();
    return Optional.of(String.format(Locale.ROOT,
        "\nGrowth from 1 to 10 million: seconds x%.2f, peak heap x%.2f, peak RSS x%.2f (rows x%.2f).\n",
        b.pipelineSeconds() / a.pipelineSeconds(), b.peakHeapMb() / a.peakHeapMb(), b.peakRssMb() / a.peakRssMb(),
        (double) b.clearanceRows() / a.clearanceRows()));
  }

  private static String sqlSeconds(JsonNode sql) {
    if (sql.path("status").asText().equals("stopped")) {
      return String.format(Locale.ROOT, "stopped at %.0f", sql.get("limit_seconds").asDouble());
    }
    if (sql.path("status").asText().equals("failed")) {
      return "failed (exit " + sql.path("exit").asInt() + ")";
    }
    return String.format(Locale.ROOT, "%.1f", sql.get("seconds").asDouble());
  }

  private static String sqlRatio(JsonNode sql, double pipelineSeconds) {
    if (sql.path("status").asText().equals("stopped")) {
      return String.format(Locale.ROOT, "> %.1f", sql.get("limit_seconds").asDouble() / pipelineSeconds);
    }
    if (sql.path("status").asText().equals("failed")) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f", sql.get("seconds").asDouble() / pipelineSeconds);
  }
}
