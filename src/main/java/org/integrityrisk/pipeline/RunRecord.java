package org.integrityrisk.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.ingest.InputFingerprint;
import org.integrityrisk.ingest.RunWindow;
import org.integrityrisk.output.PreviousRun;
import org.integrityrisk.scoring.RunLimits;

/**
 * What a run's stages returned that its manifest reports, built whole once they have
 * returned: nothing in it fills up later.
 *
 * @param keyFingerprint the pseudonym key's fingerprint ({@code Pseudonymiser#fingerprint}), never the key
 * @param counts per input, how every row was accounted for
 * @param outputs rows written per output table
 * @param mining how often each bound on mining fired; empty for a run rejected before detection
 * @param warnings what the run saw that an operator must not take for a quiet night (an empty window)
 */
record RunRecord(RunRequest request, RunWindow window, String startedAt, String runId, String keyFingerprint,
    List<String> recovered,
    Map<String, InputFingerprint> inputFiles, Optional<PreviousRun> previous, Map<String, InputCounts> counts,
    Map<String, Long> outputs, Map<String, Long> mining, RunLimits limits, List<String> warnings) {

  RunRecord {
    recovered = List.copyOf(recovered);
    inputFiles = Collections.unmodifiableMap(new LinkedHashMap<>(inputFiles));
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    mining = Collections.unmodifiableMap(new TreeMap<>(mining));
    warnings = List.copyOf(warnings);
  }
}
