package org.integrityrisk.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.ingest.InputCounts;

/**
 * What a run did, written as {@code manifest.json} next to its findings: enough to tell
 * from the folder alone which inputs and parameters produced it and where every input
 * row went.
 *
 * @param status {@code succeeded}, or {@code rejected} when an input had too many bad rows
 */
public record Manifest(
    @JsonProperty("pipeline") String pipeline,
    @JsonProperty("version") String version,
    @JsonProperty("status") String status,
    @JsonProperty("run_date") String runDate,
    @JsonProperty("window_start") String windowStart,
    @JsonProperty("window_end_exclusive") String windowEndExclusive,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("finished_at") String finishedAt,
    @JsonProperty("spark") Map<String, String> spark,
    @JsonProperty("parameters") PipelineConfig parameters,
    @JsonProperty("inputs") Map<String, InputCounts> inputs,
    @JsonProperty("outputs") Map<String, Long> outputs,
    @JsonProperty("mining") Map<String, Long> mining,
    @JsonProperty("stages") List<StageTiming> stages) {

  public static final String FILE_NAME = "manifest.json";

  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writeValueAsString(this) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("manifest cannot be written as JSON", e);
    }
  }
}
