package org.integrityrisk.pipeline;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.review.FeedbackFile;

/**
 * A checked run: inputs, where to write, for which date, with which parameters, and the
 * investigators' decisions of an optional feedback file, all read and checked before Spark
 * starts (the command line builds it; tests build it directly). {@code allowEmptyWindow}
 * publishes a run whose window holds no crossing instead of rejecting it.
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
    List<FeedbackFile.Entry> feedback,
    boolean allowEmptyWindow) {

  public RunRequest {
    Objects.requireNonNull(clearances, "clearances");
    Objects.requireNonNull(rosters, "rosters");
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(runDate, "runDate");
    Objects.requireNonNull(pseudonymKeyFile, "pseudonymKeyFile");
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(config, "config");
    feedback = List.copyOf(feedback);
  }
}
