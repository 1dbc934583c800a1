package org.integrityrisk.generator;

import java.nio.file.Path;

/**
 * Where a generated scenario was written and how many data rows each input holds.
 *
 * @param clearances {@code clearances.csv}, or the {@code clearances} folder of part files at large scales
 */
public record ScenarioSummary(
    Path clearances,
    Path rosters,
    Path ports,
    Path keyFile,
    Path truth,
    long clearanceRows,
    long rosterRows,
    long portRows) {}
