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
        "shuttle", "queue-burst", "weekly-coach", "clearing-officers", "ring-trips", "collusion");
    var extras = new GeneratorOptions.Extras(
        flag(line, "shuttle"), flag(line, "queue-burst"), flag(line, "weekly-coach"), flag(line, "clearing-officers"));
    GeneratorOptions options;
    try {
      options = new GeneratorOptions(
          Path.of(line.required("output")),
          parseLong("seed", line.required("seed")),
          parseDouble("scale", line.option("scale").orElse("1")),
          line.option("run-date").map(RunOptions::parseDate).orElse(GeneratorOptions.DEFAULT_RUN_DATE),
          (int) parseLong("lookback-days",
              line.option("lookback-days").orElse(String.valueOf(GeneratorOptions.DEFAULT_LOOKBACK_DAYS))),
          extras, rings(line));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    try {
      ScenarioSummary summary = ScenarioGenerator.generate(options);
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
   * makes; {@code --collusion false} makes the null twin, with independent rings instead.
   */
  private static GeneratorOptions.Rings rings(CommandLine line) {
    GeneratorOptions.Rings standard = GeneratorOptions.Rings.STANDARD;
    int min = standard.minTrips();
    int max = standard.maxTrips();
    if (line.option("ring-trips").isPresent()) {
      String text = line.option("ring-trips").get().trim();
      String[] bounds = text.split("-", 2);
      min = (int) parseLong("ring-trips", bounds[0]);
      max = bounds.length == 2 ? (int) parseLong("ring-trips", bounds[1]) : min;
    }
    return new GeneratorOptions.Rings(min, max, line.option("collusion").isEmpty() || flag(line, "collusion"));
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
