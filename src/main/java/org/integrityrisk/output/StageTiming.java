package org.integrityrisk.output;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One stage of a run as the manifest records it.
 *
 * @param sparkJobs the Spark jobs started while the stage ran (listener events arrive a few
 *     milliseconds late, so a job may be counted with the next stage)
 */
public record StageTiming(
    @JsonProperty("stage") String stage,
    @JsonProperty("rows") long rows,
    @JsonProperty("seconds") double seconds,
    @JsonProperty("spark_jobs") long sparkJobs,
    @JsonProperty("shuffle_write_bytes") long shuffleWriteBytes,
    @JsonProperty("spill_bytes") long spillBytes) {}
