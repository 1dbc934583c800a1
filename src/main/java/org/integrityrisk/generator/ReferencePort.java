package org.integrityrisk.generator;

/** One of the country's other posts: listed in the ports table, no staff or traffic in the scenario. */
record ReferencePort(String portId, String name, String timezone) {}
