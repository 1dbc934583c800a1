package org.integrityrisk.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.benchmark.IoFloor;
import org.integrityrisk.benchmark.ObviousCoTravelSql;
import org.integrityrisk.config.PipelineConfig;

/**
 * The benchmark's yardsticks, run in the same jar and JVM set-up as the pipeline:
 * 'io-floor' (read the inputs, write Parquet) and 'obvious-sql' (co-travel pairs by a
 * self-join). Each prints one JSON line: job, seconds (Spark session start excluded), rows.
 */
final class BaselineCommand {
  private final PrintStream out;

  BaselineCommand(PrintStream out) {
    this.out = out;
  }

  void execute(CommandLine line) {
    String output = line.required("output");
    String clearances = line.required("clearances");
    Map<String, Long> rows = new LinkedHashMap<>();
    SparkSession spark = Main.session("integrity-risk " + line.command(), line.option("master"));
    try {
      long started = System.nanoTime();
      if (line.command().equals("io-floor")) {
        var unknown = line.remaining("clearances", "rosters", "ports", "output", "master");
        if (!unknown.isEmpty()) {
          throw new UsageException("unknown option(s) for io-floor: --" + String.join(", --", unknown.keySet()));
        }
        IoFloor floor = new IoFloor(spark);
        rows.put("clearances", floor.apply(clearances, output + "/clearances"));
        rows.put("rosters", floor.apply(line.required("rosters"), output + "/rosters"));
        line.option("ports").ifPresent(p -> rows.put("ports", floor.apply(p, output + "/ports")));
      } else {
        var unknown = line.remaining("clearances", "run-date", "output", "master", "lookback-days",
            "basket-minutes", "min-support");
        if (!unknown.isEmpty()) {
          throw new UsageException("unknown option(s) for obvious-sql: --" + String.join(", --", unknown.keySet()));
        }
        PipelineConfig defaults = PipelineConfig.defaults();
        LocalDate runDate = RunRequest.parseDate(line.required("run-date"));
        rows.put("pairs", new ObviousCoTravelSql(spark).apply(clearances, runDate,
            whole(line, "lookback-days", defaults.lookbackDays()), whole(line, "basket-minutes", defaults.basketMinutes()),
            whole(line, "min-support", defaults.minSupport()), output));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{\"job\":\"%s\",\"seconds\":%.3f",
          line.command(), seconds));
      rows.forEach((k, v) -> json.append(",\"").append(k).append("\":").append(v));
      out.println(json.append('}'));
    } finally {
      spark.stop();
    }
  }

  private static int whole(CommandLine line, String name, int fallback) {
    Optional<String> text = line.option(name);
    try {
      return text.map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " '" + text.get() + "' must be a whole number");
    }
  }
}
