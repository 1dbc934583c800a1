package org.integrityrisk.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import org.integrityrisk.config.PipelineConfig;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.ingest.InputFingerprint;
import org.integrityrisk.review.ReviewCounts;
import org.integrityrisk.scoring.RunLimits;

/**
 * What a run did, written as {@code manifest.json} next to its findings: enough to tell
 * from the folder alone which inputs and parameters produced it and where every input
 * row went.
 *
 * @param status {@code succeeded}, or {@code rejected} when an input had too many bad rows
 * @param inputFiles size and content digest of each input, to compare with a re-run
 * @param previousRun how this run differs from the run of the same date it replaces; null
 *     when it is the first run of its date
 * @param recovered what this run repaired after an earlier, killed run of its date
 * @param limits what the run's tests could and could not see; null for a rejected run
 * @param driverMemory the driver JVM's maximum heap, peak heap in use and peak resident set
 * @param sparkWork Spark jobs, stages and tasks run, and the seconds spent outside them
 * @param review what was raised for review and how investigators decided so far; null for a rejected run
 */
public record Manifest(
    @JsonProperty("pipeline") String pipeline,
    @JsonProperty("version") String version,
    @JsonProperty("status") String status,
    @JsonProperty("run_id") String runId,
    @JsonProperty("key_fingerprint") String keyFingerprint,
    @JsonProperty("run_date") String runDate,
    @JsonProperty("window_start") String windowStart,
    @JsonProperty("window_end_exclusive") String windowEndExclusive,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("finished_at") String finishedAt,
    @JsonProperty("spark") Map<String, String> spark,
    @JsonProperty("parameters") PipelineConfig parameters,
    @JsonProperty("inputs") Map<String, InputCounts> inputs,
    @JsonProperty("input_files") Map<String, InputFingerprint> inputFiles,
    @JsonProperty("previous_run") PreviousRun previousRun,
    @JsonProperty("recovered") List<String> recovered,
    @JsonProperty("outputs") Map<String, Long> outputs,
    @JsonProperty("mining") Map<String, Long> mining,
    @JsonProperty("limits") RunLimits limits,
    @JsonProperty("warnings") List<String> warnings,
    @JsonProperty("stages") List<StageTiming> stages,
    @JsonProperty("driver_memory") Map<String, Long> driverMemory,
    @JsonProperty("spark_work") org.integrityrisk.spark.SparkWork.Summary sparkWork,
    @JsonProperty("review") ReviewCounts review) {

  public static final String FILE_NAME = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    try {
      return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writeValueAsString(this) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("manifest cannot be written as JSON", e);
    }
  }
}
