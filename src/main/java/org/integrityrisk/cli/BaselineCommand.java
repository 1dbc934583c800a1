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
import org.integrityrisk.config.ConfigLoader;
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
    boolean floor = line.command().equals("io-floor");
    String output = line.required("output");
    String clearances = line.required("clearances");
    // Options are checked before Spark starts: a typo costs no session.
    Optional<LocalDate> runDate = Optional.empty();
    Optional<PipelineConfig> config = Optional.empty();
    if (floor) {
      line.requireOnly("clearances", "rosters", "ports", "output", "master");
      line.required("rosters");
    } else {
      // W, S and the look-back are the pipeline's parameters, read and checked the same way.
      config = Optional.of(new ConfigLoader().load(line.option("config").map(java.nio.file.Path::of),
          line.remaining("clearances", "run-date", "output", "master", "config")));
      runDate = Optional.of(RunOptions.parseDate(line.required("run-date")));
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    SparkSession spark = Main.session("integrity-risk " + line.command(), line.option("master"));
    try {
      long started = System.nanoTime();
      if (floor) {
        IoFloor copy = new IoFloor(spark);
        rows.put("clearances", copy.apply(clearances, output + "/clearances"));
        rows.put("rosters", copy.apply(line.required("rosters"), output + "/rosters"));
        line.option("ports").ifPresent(p -> rows.put("ports", copy.apply(p, output + "/ports")));
      } else {
        PipelineConfig c = config.orElseThrow();
        rows.put("pairs", new ObviousCoTravelSql(spark).apply(clearances, runDate.orElseThrow(),
            c.lookbackDays(), c.basketMinutes(), c.minSupport(), output));
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
}
