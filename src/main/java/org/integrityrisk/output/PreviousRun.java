package org.integrityrisk.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.ingest.InputFingerprint;

/**
 * What changed since the run of the same date that a new run replaces: which inputs have a
 * different content digest, and whether the parameters differ. Same inputs and parameters
 * mean the same findings, so an operator can tell a repeat from a correction at a glance.
 *
 * @param inputsChanged names of inputs whose digest differs or that the previous manifest
 *     did not fingerprint
 */
public record PreviousRun(
    @JsonProperty("run_id") String runId,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("inputs_changed") List<String> inputsChanged,
    @JsonProperty("parameters_changed") boolean parametersChanged) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public PreviousRun {
    inputsChanged = List.copyOf(inputsChanged);
  }

  /** Compares a published manifest with this run's inputs and parameters; empty if unreadable. */
  public static Optional<PreviousRun> compare(String previousManifest, Map<String, InputFingerprint> inputs,
      PipelineConfig parameters) {
    try {
      JsonNode previous = JSON.readTree(previousManifest);
      List<String> changed = new ArrayList<>();
      for (Map.Entry<String, InputFingerprint> input : inputs.entrySet()) {
        JsonNode digest = previous.path("input_files").path(input.getKey()).path("sha256");
        if (!digest.isTextual() || !digest.asText().equals(input.getValue().sha256())) {
          changed.add(input.getKey());
        }
      }
      boolean parametersChanged = !JSON.valueToTree(parameters).equals(previous.path("parameters"));
      return Optional.of(new PreviousRun(previous.path("run_id").asText("unknown"),
          previous.path("started_at").asText("unknown"), changed, parametersChanged));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** One line for the operator. */
  public String describe() {
    if (inputsChanged.isEmpty() && !parametersChanged) {
      return "same inputs and parameters as the run of this date started " + startedAt
          + "; its findings are replaced by identical ones";
    }
    List<String> what = new ArrayList<>();
    if (!inputsChanged.isEmpty()) {
      what.add("inputs changed: " + String.join(", ", inputsChanged));
    }
    if (parametersChanged) {
      what.add("parameters changed");
    }
    return "replaces the run of this date started " + startedAt + " (" + String.join("; ", what) + ")";
  }
}
