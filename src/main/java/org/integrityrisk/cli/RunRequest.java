package org.integrityrisk.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.integrityrisk.config.ConfigLoader;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.review.FeedbackFile;

/**
 * A checked 'run' command line: inputs, where to write, for which date, with which parameters,
 * and the investigators' decisions of an optional feedback file, read and checked before Spark starts.
 */
public record RunRequest(
    String clearances,
    String rosters,
    Optional<String> ports,
    String output,
    LocalDate runDate,
    Path pseudonymKeyFile,
    Optional<String> master,
    PipelineConfig config,
    List<FeedbackFile.Entry> feedback) {

  static final String[] OPTIONS = {
      "clearances", "rosters", "ports", "output", "run-date", "pseudonym-key-file", "config", "master", "feedback"};

  public static RunRequest from(CommandLine line) {
    String clearances = line.required("clearances");
    String rosters = line.required("rosters");
    String output = line.required("output");
    LocalDate runDate = parseDate(line.required("run-date"));
    Path keyFile = Path.of(line.option("pseudonym-key-file").orElseThrow(() -> new UsageException(
        "option --pseudonym-key-file is required: traveller ids are pseudonymised with that key "
            + "and the pipeline does not run without one")));
    PipelineConfig config = new ConfigLoader()
        .load(line.option("config").map(Path::of), line.remaining(OPTIONS));
    List<FeedbackFile.Entry> feedback = List.of();
    if (line.option("feedback").isPresent()) {
      try {
        feedback = FeedbackFile.read(Path.of(line.option("feedback").get()));
      } catch (FeedbackFile.InvalidException e) {
        throw new UsageException(e.getMessage());
      }
    }
    return new RunRequest(clearances, rosters, line.option("ports"), output, runDate, keyFile,
        line.option("master"), config, feedback);
  }

  static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException("--run-date '" + text + "' is not a date of the form YYYY-MM-DD");
    }
  }
}
