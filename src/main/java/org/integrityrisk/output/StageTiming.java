package org.integrityrisk.output;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One stage of a run as the manifest records it. */
public record StageTiming(
    @JsonProperty("stage") String stage,
    @JsonProperty("rows") long rows,
    @JsonProperty("seconds") double seconds) {}
