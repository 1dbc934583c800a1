package org.integrityrisk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.integrityrisk.generator.GeneratorOptions;
import org.integrityrisk.generator.ScenarioGenerator;
import org.integrityrisk.generator.ScenarioSummary;

/** 'generate': writes a synthetic scenario with its truth, for tests, samples and benchmarks. */
final class GenerateCommand {
  private final PrintStream out;

  GenerateCommand(PrintStream out) {
    this.out = out;
  }

  void execute(CommandLine line) {
    line.requireOnly("output", "seed", "scale", "run-date", "lookback-days",
        "shuttle", "queue-burst", "weekly-coach", "clearing-officers", "ring-trips", "collusion",
        "crowd", "free-booths", "staffing", "ring-size", "ring-stay-hours", "fixed-port-colluder", "layout");
    GeneratorOptions options;
    try {
      var extras = new GeneratorOptions.Extras(
          flag(line, "shuttle"), flag(line, "queue-burst"), flag(line, "weekly-coach"), flag(line, "clearing-officers"),
          (int) parseLong("crowd", line.option("crowd").orElse("1")), flag(line, "free-booths"));
      options = new GeneratorOptions(
          Path.of(line.required("output")),
          parseLong("seed", line.required("seed")),
          parseDouble("scale", line.option("scale").orElse("1")),
          line.option("run-date").map(RunOptions::parseDate).orElse(GeneratorOptions.DEFAULT_RUN_DATE),
          (int) parseLong("lookback-days",
              line.option("lookback-days").orElse(String.valueOf(GeneratorOptions.DEFAULT_LOOKBACK_DAYS))),
          extras, rings(line),
          GeneratorOptions.StaffingPlan.parse(line.option("staffing").orElse("standard").trim()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    ScenarioGenerator.Layout layout = switch (line.option("layout").orElse("files")) {
      case "files" -> ScenarioGenerator.Layout.FILES;
      case "partitioned" -> ScenarioGenerator.Layout.BY_DAY;
      default -> throw new UsageException("--layout takes files or partitioned (a folder per UTC day, "
          + "crossing_date=YYYY-MM-DD/), got '" + line.option("layout").get() + "'");
    };
    try {
      ScenarioSummary summary = ScenarioGenerator.generate(options, layout);
      out.printf("scenario written to %s: %,d clearance rows, %,d roster rows, %,d port rows%n",
          options.output(), summary.clearanceRows(), summary.rosterRows(), summary.portRows());
      out.println("truth: " + summary.truth());
      out.println("pseudonym key (development only): " + summary.keyFile());
    } catch (IOException e) {
      throw new UncheckedIOException("scenario cannot be written to " + options.output(), e);
    }
  }

  /**
   * {@code --ring-trips MIN-MAX} (or one number) sets how many trips each colluding ring
   * makes; {@code --collusion false} makes the null twin, with independent rings instead;
   * {@code --ring-size MIN-MAX} sets every ring's members, {@code --ring-stay-hours MIN-MAX}
   * how many hours each trip's way back follows its way out, and {@code --fixed-port-colluder
   * true} adds a colluding officer at the fixed-roster port.
   */
  private static GeneratorOptions.Rings rings(CommandLine line) {
    GeneratorOptions.Rings standard = GeneratorOptions.Rings.STANDARD;
    int[] trips = range(line, "ring-trips", standard.minTrips(), standard.maxTrips());
    int[] size = range(line, "ring-size", standard.minSize(), standard.maxSize());
    int[] stayHours = range(line, "ring-stay-hours", 0, 0);
    if (line.option("ring-stay-hours").isPresent()
        && (stayHours[0] < 1 || stayHours[1] > GeneratorOptions.Rings.MAX_STAY_MINUTES / 60
            || stayHours[0] > stayHours[1])) {
      throw new UsageException("--ring-stay-hours '" + line.option("ring-stay-hours").get()
          + "' must be a range of whole hours within 1 to " + GeneratorOptions.Rings.MAX_STAY_MINUTES / 60);
    }
    return new GeneratorOptions.Rings(trips[0], trips[1],
        line.option("collusion").isEmpty() || flag(line, "collusion"), size[0], size[1],
        stayHours[0] * 60, stayHours[1] * 60, flag(line, "fixed-port-colluder"));
  }

  /** {@code --name MIN-MAX} or {@code --name N} (both bounds N), the defaults when absent. */
  private static int[] range(CommandLine line, String name, int defaultMin, int defaultMax) {
    if (line.option(name).isEmpty()) {
      return new int[] {defaultMin, defaultMax};
    }
    String[] bounds = line.option(name).get().trim().split("-", 2);
    int min = (int) parseLong(name, bounds[0]);
    int max = bounds.length == 2 ? (int) parseLong(name, bounds[1]) : min;
    return new int[] {min, max};
  }

  /** An optional pattern's switch: {@code --name true} or {@code --name false}, off when absent. */
  private static boolean flag(CommandLine line, String name) {
    String text = line.option(name).orElse("false").trim();
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new UsageException("--" + name + " '" + text + "' must be true or false");
    };
  }

  private static long parseLong(String name, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " '" + text + "' is not a whole number");
    }
  }

  private static double parseDouble(String name, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " '" + text + "' is not a number");
    }
  }
}
