package org.integrityrisk.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.integrityrisk.schema.Columns.DIVISION_ID;
import static org.integrityrisk.schema.Columns.FLAGGED;
import static org.integrityrisk.schema.Columns.LARGE_GROUP;
import static org.integrityrisk.schema.Columns.MEMBERS;
import static org.integrityrisk.schema.Columns.OFFICER_ID;
import static org.integrityrisk.schema.Columns.RISK_SCORE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.output.RunOutput;
import org.integrityrisk.schema.OutputTable;

/**
 * How well a run's findings match a generated scenario's truth: officers and divisions
 * flagged against the colluders, rings found as groups, and what innocent crowds (a
 * shuttle) became. The truth is the generator's; the findings are read from the
 * published tables as any reader would.
 */
public final class Evaluation {
  /** A found group is a planted ring when their members overlap at least this much (Jaccard). */
  public static final double RING_JACCARD = 0.75;

  private Evaluation() {}

  /** Accepts the run folder itself or the output folder holding the truth's run date. */
  public static Path runFolder(Path given, String runDate) {
    String officerRisk = OutputTable.OFFICER_RISK.folder();
    if (Files.isDirectory(given.resolve(officerRisk))) {
      return given;
    }
    Path dated = given.resolve(RunOutput.partition(runDate));
    if (Files.isDirectory(dated.resolve(officerRisk))) {
      return dated;
    }
    throw new IllegalArgumentException("--findings " + given + " holds no findings (" + officerRisk + ") for run date " + runDate);
  }

  /** An officer's row of {@code officer_risk}, as evaluation reads it. */
  private record OfficerRisk(String officerId, String divisionId, Double riskScore, Boolean flagged) {
    static Dataset<Row> select(Dataset<Row> officerRisk) {
      return officerRisk.select(OFFICER_ID, DIVISION_ID, RISK_SCORE, FLAGGED);
    }

    static OfficerRisk from(Row r) {
      return new OfficerRisk(r.getAs(OFFICER_ID), r.getAs(DIVISION_ID), r.getAs(RISK_SCORE), r.getAs(FLAGGED));
    }
  }

  /** A division's row of {@code division_risk}. */
  private record DivisionRisk(String divisionId, Boolean flagged) {
    static Dataset<Row> select(Dataset<Row> divisionRisk) {
      return divisionRisk.select(DIVISION_ID, FLAGGED);
    }

    static DivisionRisk from(Row r) {
      return new DivisionRisk(r.getAs(DIVISION_ID), r.getAs(FLAGGED));
    }
  }

  /** A group of {@code suspect_groups}: its members' pseudonyms and whether it is a large group. */
  private record SuspectGroup(List<String> members, Boolean largeGroup) {
    static Dataset<Row> select(Dataset<Row> suspectGroups) {
      return suspectGroups.select(col(MEMBERS), col(LARGE_GROUP));
    }

    static SuspectGroup from(Row r) {
      return new SuspectGroup(r.getList(r.fieldIndex(MEMBERS)), r.getAs(LARGE_GROUP));
    }
  }

  private static Dataset<Row> table(SparkSession spark, Path findings, OutputTable table) {
    return spark.read().parquet(findings.resolve(table.folder()).toString());
  }

  /** Reads the risk tables and groups to the driver: bounded by the rosters' officers and the groups found. */
  public static Map<String, Object> evaluate(SparkSession spark, JsonNode truth, Path findings) {
    List<OfficerRisk> officers = OfficerRisk.select(table(spark, findings, OutputTable.OFFICER_RISK)).collectAsList()
        .stream().map(OfficerRisk::from).toList(); // bounded: one row per officer
    List<DivisionRisk> divisions = DivisionRisk.select(table(spark, findings, OutputTable.DIVISION_RISK))
        .collectAsList().stream().map(DivisionRisk::from).toList(); // bounded: one row per division
    List<Set<String>> groups = new ArrayList<>();
    List<Set<String>> largeGroups = new ArrayList<>();
    for (SuspectGroup g : SuspectGroup.select(table(spark, findings, OutputTable.SUSPECT_GROUPS)).collectAsList()
        .stream().map(SuspectGroup::from).toList()) { // bounded: one row per group
      groups.add(new HashSet<>(g.members()));
      if (g.largeGroup() != null && g.largeGroup()) {
        largeGroups.add(new HashSet<>(g.members()));
      }
    }

    Set<String> colluders = new TreeSet<>();
    Set<String> guiltyDivisions = new TreeSet<>();
    // A fixed roster hides a division (its duty is the time of day, which the null model
    // keeps), so recall is also given over the rotating-roster ports alone.
    Set<String> fixedPorts = new TreeSet<>();
    for (JsonNode p : truth.path("ports")) {
      if ("fixed".equals(p.path("roster").asText())) {
        fixedPorts.add(p.path("port_id").asText());
      }
    }
    Set<String> guiltyAtRotating = new TreeSet<>();
    for (JsonNode o : truth.path("colluding_officers")) {
      colluders.add(o.get("officer_id").asText());
      guiltyDivisions.add(o.get("division_id").asText());
      if (!fixedPorts.contains(o.path("port_id").asText())) {
        guiltyAtRotating.add(o.get("division_id").asText());
      }
    }
    for (JsonNode d : truth.path("colluding_divisions")) {
      guiltyDivisions.add(d.get("division_id").asText());
      if (!fixedPorts.contains(d.path("port_id").asText())) {
        guiltyAtRotating.add(d.get("division_id").asText());
      }
    }
    Set<String> flaggedOfficers = new TreeSet<>();
    for (OfficerRisk r : officers) {
      if (r.flagged()) {
        flaggedOfficers.add(r.officerId());
      }
    }
    Set<String> flaggedDivisions = new TreeSet<>();
    for (DivisionRisk r : divisions) {
      if (r.flagged()) {
        flaggedDivisions.add(r.divisionId());
      }
    }

    int riskiest = 0;
    for (String colluder : colluders) {
      OfficerRisk own = officers.stream().filter(r -> r.officerId().equals(colluder)).findFirst().orElse(null);
      if (own != null && officers.stream().noneMatch(r -> r.divisionId().equals(own.divisionId())
          && !r.officerId().equals(colluder) && r.riskScore() >= own.riskScore())) {
        riskiest++;
      }
    }

    int ringsFound = 0;
    int rings = 0;
    boolean staleRingReported = false;
    Set<String> staleOfficers = new TreeSet<>();
    for (JsonNode ring : truth.path("rings")) {
      Set<String> members = new HashSet<>();
      ring.path("member_pseudonyms").forEach(m -> members.add(m.asText()));
      boolean found = groups.stream().anyMatch(g -> jaccard(g, members) >= RING_JACCARD);
      if ("stale".equals(ring.path("kind").asText())) {
        staleRingReported |= found;
        if (!ring.path("officer_id").isNull()) {
          staleOfficers.add(ring.path("officer_id").asText());
        }
      } else {
        rings++;
        ringsFound += found ? 1 : 0;
      }
    }
    Set<String> staleFlagged = new TreeSet<>(staleOfficers);
    staleFlagged.retainAll(flaggedOfficers);

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("officer_precision", ratio(intersection(flaggedOfficers, colluders), flaggedOfficers.size()));
    m.put("officer_recall", ratio(intersection(flaggedOfficers, colluders), colluders.size()));
    m.put("division_precision", ratio(intersection(flaggedDivisions, guiltyDivisions), flaggedDivisions.size()));
    m.put("division_recall", ratio(intersection(flaggedDivisions, guiltyDivisions), guiltyDivisions.size()));
    m.put("division_recall_rotating", ratio(intersection(flaggedDivisions, guiltyAtRotating), guiltyAtRotating.size()));
    m.put("guilty_divisions_rotating", guiltyAtRotating.size());
    m.put("colluding_officers", colluders.size());
    m.put("colluders_riskiest_in_division", riskiest);
    m.put("flagged_officers", flaggedOfficers.size());
    m.put("flagged_officers_per_colluder", colluders.isEmpty() ? null : (double) flaggedOfficers.size() / colluders.size());
    m.put("guilty_divisions", guiltyDivisions.size());
    m.put("flagged_divisions", flaggedDivisions.size());
    m.put("ring_recall", ratio(ringsFound, rings));
    m.put("rings_found", ringsFound);
    m.put("rings", rings);
    m.put("stale_ring_reported", staleRingReported);
    m.put("stale_officer_flagged", !staleFlagged.isEmpty());
    for (JsonNode group : truth.path("innocent_groups")) {
      if ("shuttle".equals(group.path("kind").asText())) {
        Set<String> riders = new HashSet<>();
        group.path("member_pseudonyms").forEach(p -> riders.add(p.asText()));
        m.put("shuttle_reported_as_one_large_group",
            largeGroups.stream().anyMatch(g -> jaccard(g, riders) >= RING_JACCARD));
        m.put("shuttle_subsets_reported", groups.stream()
            .filter(g -> riders.containsAll(g) && jaccard(g, riders) < RING_JACCARD).count());
      }
    }
    m.put("flagged_officer_ids", List.copyOf(flaggedOfficers));
    m.put("flagged_division_ids", List.copyOf(flaggedDivisions));
    return m;
  }

  static double jaccard(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return union.isEmpty() ? 0 : (double) intersection(a, b) / union.size();
  }

  private static int intersection(Set<String> a, Set<String> b) {
    return (int) a.stream().filter(b::contains).count();
  }

  private static Double ratio(int part, int whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
