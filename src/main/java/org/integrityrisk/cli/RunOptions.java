package org.integrityrisk.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.integrityrisk.config.ConfigLoader;
import org.integrityrisk.config.Parameters;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.pipeline.RunRequest;
import org.integrityrisk.review.FeedbackFile;

/** The 'run' command's options, parsed and checked into a {@link RunRequest}. */
final class RunOptions {
  static final String[] OPTIONS = {
      "clearances", "rosters", "ports", "output", "run-date", "pseudonym-key-file", "config", "master", "feedback",
      KeyFileCheck.OPTION, "allow-empty-window", LocalFiles.ENCRYPT_OPTION};

  private RunOptions() {}

  static RunRequest parse(CommandLine line) {
    String clearances = line.required("clearances");
    String rosters = line.required("rosters");
    String output = line.required("output");
    LocalDate runDate = parseDate(line.required("run-date"));
    Path keyFile = Path.of(line.option("pseudonym-key-file").orElseThrow(() -> new UsageException(
        "option --pseudonym-key-file is required: traveller ids are pseudonymised with that key "
            + "and the pipeline does not run without one")));
    Map<String, String> overrides = line.remaining(OPTIONS);
    overrides.forEach((name, value) -> {
      if (value == null) {
        boolean parameter = Parameters.all().stream().anyMatch(p -> p.key().equals(name));
        throw new UsageException(parameter ? "option --" + name + " needs a value"
            : "unknown option --" + name + ": neither an option of 'run' nor a parameter");
      }
    });
    PipelineConfig config = new ConfigLoader().load(line.option("config").map(Path::of), overrides);
    List<FeedbackFile.Entry> feedback = List.of();
    if (line.option("feedback").isPresent()) {
      try {
        feedback = FeedbackFile.read(Path.of(line.option("feedback").get()));
      } catch (FeedbackFile.InvalidException e) {
        throw new UsageException(e.getMessage());
      }
    }
    return new RunRequest(clearances, rosters, line.option("ports"), output, runDate, keyFile,
        line.option("master"), config, feedback, flag(line, "allow-empty-window"));
  }

  /** A true-or-false option, false when absent. */
  static boolean flag(CommandLine line, String name) {
    String value = line.option(name).orElse("false");
    if (!value.equals("true") && !value.equals("false")) {
      throw new UsageException("--" + name + " takes true or false, got '" + value + "'");
    }
    return value.equals("true");
  }

  static LocalDate parseDate(String text) {
    return parseDate("run-date", text);
  }

  /** A date option, named in the message when it is not a date. */
  static LocalDate parseDate(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException("--" + option + " '" + text + "' is not a date of the form YYYY-MM-DD");
    }
  }
}
