package org.integrityrisk.generator;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.integrityrisk.output.Pseudonymiser;

/**
 * Writes truth.json: what was planted and what a correct pipeline run must report. Keys
 * are written in a fixed order with {@code \n} line ends on every platform, so the file is
 * as reproducible as the data.
 */
final class TruthWriter {
  static final int GENERATOR_VERSION = 1;
  static final String FILE = "truth.json";

  /** Everything truth.json reports. */
  record Truth(
      GeneratorOptions options,
      ScenarioWindow window,
      String keyFile,
      InputTruth clearances,
      InputTruth rosters,
      InputTruth ports,
      PortPlan portPlan,
      Staffing staffing,
      List<PlantedGroup> rings,
      List<PlantedGroup> innocentGroups,
      String clearingRingId,
      QueueBurst.Summary queueBurst,
      Pseudonymiser pseudonymiser) {}

  /** One input's file (or folder), how many records it holds, and its planted bad and duplicate rows. */
  record InputTruth(String file, long records, List<BadRow> badRows, List<DuplicateRow> duplicates) {}

  private TruthWriter() {}

  static void write(Path file, Truth truth) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("generator_version", GENERATOR_VERSION);
    root.put("seed", truth.options().seed());
    root.put("scale", truth.options().scale());
    root.put("run_date", truth.window().runDate().toString());
    root.put("lookback_days", truth.window().lookbackDays());
    root.put("window_start", truth.window().start().toString());
    root.put("window_end_exclusive", truth.window().endExclusive().toString());
    root.put("key_file", truth.keyFile());
    if (truth.options().hasScenarioOptions()) {
      scenarioOptions(root.putObject("scenario_options"), truth.options());
    }

    List<String> names = List.of(ClearanceFile.INPUT, RosterFile.INPUT, PortFile.INPUT);
    List<InputTruth> inputs = List.of(truth.clearances(), truth.rosters(), truth.ports());
    ObjectNode files = root.putObject("files");
    ObjectNode rows = root.putObject("rows");
    ObjectNode expected = root.putObject("expected_counts");
    for (int i = 0; i < names.size(); i++) {
      InputTruth input = inputs.get(i);
      files.put(names.get(i), input.file());
      rows.put(names.get(i), input.records());
      ObjectNode counts = expected.putObject(names.get(i));
      long quarantined = input.badRows().size();
      long duplicates = input.duplicates().size();
      counts.put("read", input.records());
      counts.put("valid", input.records() - duplicates - quarantined);
      counts.put("quarantined", quarantined);
      counts.put("duplicates", duplicates);
    }

    ArrayNode ports = root.putArray("ports");
    for (ActivePort port : truth.portPlan().active()) {
      ObjectNode p = ports.addObject();
      p.put("port_id", port.portId());
      p.put("timezone", port.timezone());
      p.put("roster", port.rosterKind().truthName());
      ArrayNode divisions = p.putArray("divisions");
      for (Division d : truth.staffing().divisionsAt(port.portId())) {
        divisions.add(d.divisionId());
      }
    }

    ArrayNode officers = root.putArray("colluding_officers");
    ArrayNode colludingDivisions = root.putArray("colluding_divisions");
    for (PlantedGroup ring : truth.rings()) {
      if (ring.kind().equals(PlantedGroup.COLLUDING_OFFICER)) {
        ObjectNode o = officers.addObject();
        o.put("officer_id", ring.officerId());
        o.put("division_id", ring.divisionId());
        o.put("port_id", ring.port().portId());
        o.put("ring_id", ring.groupId());
        // Only scenarios with the clearing columns have a colluder the roster alone cannot show.
        if (truth.options().extras().clearingOfficers()) {
          o.put("evidence", ring.groupId().equals(truth.clearingRingId()) ? "clearing" : "duty");
        }
      } else if (ring.kind().equals(PlantedGroup.COLLUDING_DIVISION)) {
        ObjectNode d = colludingDivisions.addObject();
        d.put("division_id", ring.divisionId());
        d.put("port_id", ring.port().portId());
        d.put("ring_id", ring.groupId());
      }
    }

    ArrayNode rings = root.putArray("rings");
    for (PlantedGroup ring : truth.rings()) {
      ObjectNode r = rings.addObject();
      r.put("ring_id", ring.groupId());
      r.put("kind", ring.kind());
      r.put("port_id", ring.port().portId());
      members(r, ring, truth.pseudonymiser());
      r.put("trips", ring.trips());
      // The division is named only when the ring colludes with the division as a whole.
      r.put("officer_id", ring.officerId());
      r.put("division_id", ring.kind().equals(PlantedGroup.COLLUDING_DIVISION) ? ring.divisionId() : null);
    }

    ArrayNode innocent = root.putArray("innocent_groups");
    for (PlantedGroup group : truth.innocentGroups()) {
      ObjectNode g = innocent.addObject();
      g.put("group_id", group.groupId());
      g.put("kind", group.kind());
      g.put("port_id", group.port().portId());
      members(g, group, truth.pseudonymiser());
      g.put("trips", group.trips());
    }

    if (truth.queueBurst() != null) {
      ObjectNode burst = root.putObject("queue_burst");
      burst.put("port_id", truth.queueBurst().port().portId());
      burst.put("local_time", truth.queueBurst().localTime());
      burst.put("pool_size", truth.queueBurst().poolSize());
      burst.put("crossings", truth.queueBurst().crossings());
    }

    ArrayNode bad = root.putArray("bad_rows");
    ArrayNode duplicates = root.putArray("duplicate_rows");
    for (InputTruth input : inputs) {
      for (BadRow b : input.badRows()) {
        ObjectNode n = bad.addObject();
        n.put("input", b.input());
        n.put("file", b.file());
        n.put("source_row", b.sourceRow());
        n.put("key", b.key());
        n.put("reason", b.reason().name());
        n.put("field", b.field());
      }
      for (DuplicateRow d : input.duplicates()) {
        ObjectNode n = duplicates.addObject();
        n.put("input", d.input());
        n.put("file", d.file());
        n.put("source_row", d.sourceRow());
        n.put("key", d.key());
      }
    }

    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    String json = mapper.writer(printer).writeValueAsString(root) + "\n";
    Files.writeString(file, json, StandardCharsets.UTF_8);
  }

  /**
   * What the options of the crowded scenarios made the scenario hold, so a reader of the truth
   * knows how it was shaped without the command line. Written only when one of them is not the
   * standard, so the standard truth stays byte for byte what it was.
   */
  private static void scenarioOptions(ObjectNode node, GeneratorOptions options) {
    GeneratorOptions.Extras extras = options.extras();
    GeneratorOptions.Rings rings = options.rings();
    node.put("crowd", extras.crowd());
    node.put("staffing", options.staffing().cliName());
    node.put("ring_trips", rings.minTrips() + "-" + rings.maxTrips());
    node.put("ring_size", rings.minSize() + "-" + rings.maxSize());
    if (rings.stayed()) {
      node.put("ring_stay_minutes", rings.minStayMinutes() + "-" + rings.maxStayMinutes());
    } else {
      node.putNull("ring_stay_minutes");
    }
    node.put("fixed_port_colluder", rings.fixedPortColluder());
    node.put("free_booths", extras.freeBooths());
  }

  private static void members(ObjectNode node, PlantedGroup group, Pseudonymiser pseudonymiser) {
    ArrayNode clear = node.putArray("members");
    ArrayNode pseudonyms = node.putArray("member_pseudonyms");
    for (String member : group.members()) {
      clear.add(member);
      pseudonyms.add(pseudonymiser.pseudonym(member));
    }
  }
}
