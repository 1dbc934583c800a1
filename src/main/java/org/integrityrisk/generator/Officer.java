package org.integrityrisk.generator;

/** An officer and the division (team or office) they belong to. */
record Officer(String officerId, String divisionId, ActivePort port) {}
