package org.integrityrisk.generator;

import java.util.List;

/**
 * A team or office at a port.
 *
 * @param rotationIndex the team's place in the rotation (0 for team A), or the fixed
 *     division's kind at a fixed-roster port
 */
record Division(String divisionId, ActivePort port, int rotationIndex, List<Officer> officers) {}
