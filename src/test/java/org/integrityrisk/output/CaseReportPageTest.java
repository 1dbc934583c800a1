package org.integrityrisk.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.output.CaseEvidence.CaseRecord;
import org.integrityrisk.output.CaseEvidence.Finding;
import org.integrityrisk.output.CaseEvidence.GroupEvent;
import org.integrityrisk.output.CaseEvidence.GroupInfo;
import org.integrityrisk.output.CaseEvidence.OfficerTest;
import org.integrityrisk.output.CaseEvidence.RecordCrossing;
import org.integrityrisk.output.CaseEvidence.Shift;
import org.integrityrisk.output.CaseEvidence.WatchSummary;
import org.integrityrisk.review.ReviewCounts;
import org.junit.jupiter.api.Test;

/** The case report's page from hand-built evidence: no Spark. */
class CaseReportPageTest {
  private static final String OFFICER_FINDING = "F-00000000000000a1";
  private static final String DIVISION_FINDING = "F-00000000000000b2";
  private static final String HELD_FINDING = "F-00000000000000d4";

  private static Manifest manifest() {
    return manifest(null);
  }

  private static Manifest manifest(org.integrityrisk.scoring.RunLimits limits) {
    Map<String, InputCounts> inputs = new LinkedHashMap<>();
    inputs.put("clearances", new InputCounts("c.csv", 1200, 1190, 7, 3, 0, 1100, Map.of("MISSING_FIELD", 7L)));
    Map<String, Long> outputs = new LinkedHashMap<>();
    outputs.put("findings", 2L);
    outputs.put("flagged_cases", 1234L);
    return new Manifest("integrity-risk", "0.1.0", "succeeded", "run-1", "hmac-sha256:0123456789abcdef", "2026-04-10", "2026-03-12T00:00:00Z",
        "2026-04-11T00:00:00Z", null, null, Map.of(), null, inputs, Map.of(), null, List.of(), outputs, Map.of(),
        limits, List.of(), List.of(), Map.of(), null, null);
  }

  private static ReviewCounts review() {
    return new ReviewCounts(2, 1, 1, 1, 0, 2, 0,
        Map.of("confirmed", 1L, "dismissed", 1L, "under_review", 0L, "undecided", 3L), 0.5);
  }

  private static GroupInfo group(String id, String... members) {
    return new GroupInfo(id, members.length, false, List.of(members));
  }

  /**
   * An officer flagged by who cleared a ring of three (G-1) and its nested pair (G-2), the
   * division flagged on the same crossings (so shown under the officer), and a dismissed
   * division finding held back.
   */
  private static CaseEvidence evidence() {
    Finding officer = new Finding(OFFICER_FINDING, "officer", "OF-1", "DIV-A", "PORT", List.of("G-1", "G-2"), 10,
        2.5, 0.000012, 0.0003, "clearing", 7, 1.4, "G-1", 5, 2, 3, OFFICER_FINDING, true, "seen_before",
        "2026-04-01", 3, "confirmed", "2026-04-09", "Footage <script>alert('x')</script> & \"more\"", 4);
    Finding division = new Finding(DIVISION_FINDING, "division", null, "DIV-A", "PORT", List.of("G-1", "G-2"), 4,
        1.2, 0.002, 0.004, "duty", 2, 0.6, "G-1", 6, 3, 3, OFFICER_FINDING, true, "new", "2026-04-10", 1, null,
        null, null, null);
    Finding held = new Finding(HELD_FINDING, "division", null, "DIV-B", "PORT", List.of("G-9"), 7, 2.0, 0.002,
        0.01, "duty", 6, 1.5, "G-9", 0, 0, 2, HELD_FINDING, false, "dismissed_not_reraised", "2026-03-30", 5,
        "dismissed", "2026-04-08", "", 7);
    WatchSummary watch = new WatchSummary(3, List.of("2026-04-09", "2026-04-10"),
        Map.of("PORT / DIV-A", 4, "PORT / DIV-B", 0), Map.of("PORT / DIV-A", Map.of("2026-04-10", 1)));
    List<Shift> shifts = List.of(
        new Shift(OFFICER_FINDING, "division", "SH-2", "OF-2", LocalDateTime.parse("2026-04-09T06:00:00"),
            LocalDateTime.parse("2026-04-09T14:00:00")),
        new Shift(OFFICER_FINDING, "finding", "SH-1", "OF-1", LocalDateTime.parse("2026-04-09T22:00:00"),
            LocalDateTime.parse("2026-04-10T06:00:00")));
    LocalDate day = LocalDate.parse("2026-04-09");
    List<GroupEvent> events = List.of(
        new GroupEvent("G-1", "PORT", "B-1", "EXIT", day, 23L * 3600, 3L),
        new GroupEvent("G-1", "PORT", "B-2", "ENTRY", day, 12L * 3600, 3L),
        new GroupEvent("G-2", "PORT", "B-1", "EXIT", day, 23L * 3600, 2L),
        new GroupEvent("G-2", "PORT", "B-2", "ENTRY", day, 12L * 3600, 2L),
        new GroupEvent("G-2", "PORT", "B-3", "ENTRY", day.plusDays(1), 3600L, 2L),
        new GroupEvent("G-1", "ELSEWHERE", "B-9", "ENTRY", day, 3600L, 2L));
    List<GroupInfo> groups = List.of(group("G-1", "a", "b", "c"), group("G-2", "a", "b"), group("G-9", "x", "y"));
    List<OfficerTest> tests = List.of(
        new OfficerTest("OF-1", "G-1", 2, 1.9, 0.000012, 0.0003, true, true, "DIV-A", "PORT", "clearing", 7, 1.4,
            7, 1.4, 4, 0),
        new OfficerTest("OF-2", "G-1", 2, 1.7, 0.5, 1.0, false, false, "DIV-A", "PORT", "duty", 2, 1.7, 1, 1.3, 1,
            0));
    List<CaseRecord> cases = List.of(
        new CaseRecord(OFFICER_FINDING, "CR-1", List.of("G-1", "G-2"), "EXIT", "2026-04-09 21:00:00",
            "2026-04-09 23:00:00", "L-3", "AB-123", "OF-1", false, false, 3, List.of("OF-1"), List.of("SH-1")),
        new CaseRecord(OFFICER_FINDING, "CR-4", List.of("G-2"), "ENTRY", "2026-04-09 23:00:00",
            "2026-04-10 01:00:00", null, null, "OF-1", true, false, 2, List.of("OF-1"), List.of()),
        new CaseRecord(DIVISION_FINDING, "CR-7", List.of("G-2"), "ENTRY", "2026-04-09 10:00:00",
            "2026-04-09 12:00:00", "L-1", null, null, null, null, 2, List.of(), List.of()));
    List<RecordCrossing> crossings = List.of(new RecordCrossing(OFFICER_FINDING, "G-1", "B-1"),
        new RecordCrossing(OFFICER_FINDING, "G-2", "B-1"), new RecordCrossing(OFFICER_FINDING, "G-2", "B-3"),
        new RecordCrossing(DIVISION_FINDING, "G-1", "B-1"), new RecordCrossing(DIVISION_FINDING, "G-2", "B-3"),
        new RecordCrossing(DIVISION_FINDING, "G-2", "B-2"));
    List<CaseEvidence.Lead> leads = List.of(new CaseEvidence.Lead("division", "NB-TEAM-D", "G-7", "NORTH-BRIDGE", 6,
        7, 1.8, 2.4e-4, 0.031, "duty", 7, 1.8));
    return CaseEvidence.of(List.of(officer, division, held), watch, shifts, events, groups, tests, cases,
        Map.of(OFFICER_FINDING, 2L, DIVISION_FINDING, 1L), crossings, leads);
  }

  private static String section(String html, String id) {
    int from = html.indexOf("<section class=\"finding");
    from = html.indexOf("id=\"" + id + "\"", from);
    int start = html.lastIndexOf("<section", from);
    int end = html.indexOf("</section>", start);
    return html.substring(start, end);
  }

  @Test
  void startsWithTheLeadsEachWithThePlainSentenceThatCarriedIt() {
    String html = new CaseReportPage(evidence(), manifest(), review()).render();
    int start = html.indexOf("<section id=\"start-here\">");
    assertTrue(start > 0 && start < html.indexOf("Run details") && start < html.indexOf("watch-list")
        && start < html.indexOf("Inputs and quarantine"), "the leads come before the run summary and watch list");
    String table = html.substring(start, html.indexOf("</table>", start));
    assertEquals(1, table.split("<tr data-lead-id=", -1).length - 1, "one lead: the division is shown under it");
    assertTrue(table.contains("also: division DIV-A, 2 of its 3 crossings in the records are this officer&#39;s"),
        table);
    assertTrue(table.contains("This officer cleared group G-1's travellers <b>7</b> times"), table);
    assertTrue(table.contains("at 1 of its 2 crossings here; their share of all clearances at the port at those hours "
        + "predicts <b>1.4</b>."), table);
    assertTrue(table.contains("<span class=\"band band-strong\">strong</span>"), "q 0.0003 at level 0.01: " + table);
    assertTrue(table.contains("<td class=\"details\">p 1.20e-05, q 3.00e-04; seen before, flagged in 3 runs</td>"),
        table);
    assertTrue(table.contains("data-crossings=\"2\">2 <span class=\"omitted\">(5 records)</span>"), table);
    assertTrue(html.contains("<p id=\"strength-bands\""), "the bands are explained once");
    assertEquals(1, html.split("id=\"strength-bands\"", -1).length - 1);
  }

  @Test
  void nestedGroupsAreOnePatternAndTheDivisionSitsUnderItsOfficer() {
    String html = new CaseReportPage(evidence(), manifest(), review()).render();
    String officer = html.substring(html.indexOf("id=\"" + OFFICER_FINDING + "\" data-finding-id"));
    assertTrue(officer.contains("<b>3</b> travellers in 1 pattern, <b>2</b> crossings in the case records"), officer);
    assertTrue(officer.contains("group G-1 (3 travellers) with the groups nested in it: G-2 (2)"), officer);
    int divisionAt = officer.indexOf("<section class=\"finding nested\" id=\"" + DIVISION_FINDING + "\"");
    assertTrue(divisionAt > 0 && divisionAt < officer.indexOf("Held back by a dismissal"),
        "the division's section sits inside the officer's");
    assertTrue(officer.contains("Shown under " + OFFICER_FINDING), officer);
    String chart = officer.substring(0, divisionAt);
    assertEquals(3, chart.split("<circle ", -1).length - 1,
        "one dot per crossing at the port (B-1, B-2, B-3), however many groups made it");
    assertEquals(2, chart.split("class=\"crossing in-records\"", -1).length - 1, "B-1 and B-3 are in the records");
    assertTrue(chart.contains("crossing in the case records (<b class=\"recorded\">2</b>)"), chart);
  }

  @Test
  void everyOfficerIsShownWithTheSameFiguresAndWhyTheyWereOrWereNotRaised() {
    String html = new CaseReportPage(evidence(), manifest(), review()).render();
    String officer = section(html, OFFICER_FINDING);
    assertTrue(officer.contains("<th>duty: expected given the division</th><th>cleared</th><th>cleared: expected</th>"),
        officer);
    assertTrue(officer.contains("<td>OF-2</td><td>G-1</td><td class=\"n\">2</td><td class=\"n\">1.7</td>"
        + "<td class=\"n\">1</td><td class=\"n\">1.3</td><td>duty</td>"), "a colleague carried by duty still shows "
        + "the clearances: " + officer);
    assertTrue(officer.contains("no: q 1.0000 is above the bar 0.0100"), officer);
    assertTrue(officer.contains("yes: q 3.00e-04 is within the bar 0.0100"), officer);
    assertTrue(officer.contains("conditional on the division"), "the officer's baseline is labelled");
    assertTrue(officer.contains("<b>Evidence: clearing.</b> The clearance records name the officer"),
        "clearing evidence is explained in words");
  }

  @Test
  void recordsAreReadyToAskForFootage() {
    String html = new CaseReportPage(evidence(), manifest(), review()).render();
    String officer = section(html, OFFICER_FINDING);
    assertTrue(officer.contains("Case records (<span class=\"record-count\">2</span> records, 2 crossings)"), officer);
    assertTrue(officer.contains("<tr data-record-id=\"CR-1\"><td>CR-1</td><td>2026-04-09 23:00:00</td>"
        + "<td>2026-04-09 21:00:00</td><td>EXIT</td><td>L-3</td><td>AB-123</td><td>OF-1</td><td>no</td><td>no</td>"
        + "<td class=\"n\">3</td><td>G-1, G-2</td><td>OF-1</td><td>SH-1</td></tr>"), officer);
    assertTrue(officer.contains("<td>-</td><td>on foot</td>"), "no lane recorded, no vehicle");
    assertTrue(officer.contains("<td class=\"no-shift\">the record names this officer, but no shift of theirs covers "
        + "this time: work off the roster, or a roster gap</td>"), officer);
    String division = section(html, DIVISION_FINDING);
    assertTrue(division.contains("<td class=\"no-shift\">no officer of the division rostered at this time: a roster "
        + "gap, itself worth a look</td>"), division);
    assertTrue(division.contains("<td>not recorded</td>"), "no clearing officer in the record");
  }

  @Test
  void aLargeRegularGroupIsMarkedWithItsHabit() {
    String id = "F-00000000000000e5";
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      members.add("m" + i);
    }
    List<GroupEvent> events = new ArrayList<>();
    int basket = 0;
    for (LocalDate d = LocalDate.parse("2026-03-16"); d.isBefore(LocalDate.parse("2026-04-11")); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5) {
        events.add(new GroupEvent("G-BUS", "PORT", "B" + basket++, "EXIT", d, 7L * 3600 - 120 + 60 * (basket % 5), 30L));
        events.add(new GroupEvent("G-BUS", "PORT", "B" + basket++, "ENTRY", d, 18L * 3600 + 1680 + 60 * (basket % 5),
            30L));
      }
    }
    Finding bus = new Finding(id, "division", null, "DIV-C", "PORT", List.of("G-BUS"), 30, 12.0, 1e-7, 1e-5, "duty",
        30, 12.0, "G-BUS", 300, 30, 36, id, true, "new", "2026-04-10", 1, null, null, null, null);
    CaseEvidence evidence = CaseEvidence.of(List.of(bus), new WatchSummary(1, List.of(), Map.of(), Map.of()),
        List.of(), events, List.of(new GroupInfo("G-BUS", 36, true, members)), List.of(), List.of(), Map.of(),
        List.of(), List.of());
    String html = new CaseReportPage(evidence, manifest(), review()).render();
    String lead = html.substring(html.indexOf("<tr data-lead-id=\"" + id + "\""));
    assertTrue(lead.contains("<td class=\"members\">36 <span class=\"large-group\">large regular group: weekdays "
        + "around 07:00 and 18:30</span>"), lead);
    assertTrue(section(html, id).contains("a works shuttle or a coach looks like this"));
  }

  @Test
  void crossingHabitsInWords() {
    LocalDate monday = LocalDate.parse("2026-04-06");
    List<GroupEvent> scattered = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      scattered.add(new GroupEvent("G", "P", "B" + i, "EXIT", monday.plusDays(i), i * 7_000L % 86_400, 2L));
    }
    assertEquals("weekdays and weekends at varied hours", CrossingHabit.of(scattered).describe());
    assertEquals("no crossings here", CrossingHabit.of(List.of()).describe());
  }

  @Test
  void saysWhatTheRunCouldNotSeeBeforeTheLeadsInDetail() {
    org.integrityrisk.scoring.RunLimits limits = new org.integrityrisk.scoring.RunLimits(0.01, 17640, 2803, List.of(
        new org.integrityrisk.scoring.RunLimits.Cell("division", "short_round_trips", 600, 300, 5.6, 2.0e-5, 0.25, 8),
        new org.integrityrisk.scoring.RunLimits.Cell("officer", "other", 11680, 641, 0.22, 7.8e-7, 0.06, null)),
        List.of("WEST-AIR"));
    String html = new CaseReportPage(evidence(), manifest(limits), review()).render();
    int limitsAt = html.indexOf("<ul id=\"run-limits\">");
    assertTrue(limitsAt > html.indexOf("start-here") && limitsAt < html.indexOf("<h2>The leads in detail</h2>"),
        "limits come after the list of leads and before their details");
    assertTrue(html.contains("17,640 tests, 2,803 of which could reach the false discovery level"), html);
    assertTrue(html.contains("<b>Blind to divisions at WEST-AIR</b>"), html);
    String leads = html.substring(html.indexOf("<table id=\"leads-below-bar\">"));
    assertTrue(leads.indexOf("division NB-TEAM-D") < leads.indexOf("</table>"), leads);
    assertTrue(leads.contains("duty, not flagged"), "labelled as not flagged");
    assertTrue(html.indexOf("leads-below-bar") > html.indexOf("<h2>The leads in detail</h2>"),
        "near misses come after the leads, so nobody mistakes one for a lead");
    assertFalse(new CaseReportPage(evidence(), manifest(), review()).render().contains("run-limits"),
        "a rejected run's manifest has no limits to show");
  }

  @Test
  void renderingTwiceGivesTheSamePage() {
    CaseReportPage page = new CaseReportPage(evidence(), manifest(), review());
    String first = page.render();
    assertEquals(first, page.render());
    assertEquals(1, first.split("<!DOCTYPE html>", -1).length - 1, "one page, not two");
    assertTrue(first.endsWith("</main></body></html>\n"));
  }

  @Test
  void escapesWhatInvestigatorsWroteAndKeepsTheRunDetailsBelow() {
    String html = new CaseReportPage(evidence(), manifest(), review()).render();
    assertTrue(html.contains("p = 1.20e-05, q = 3.00e-04"), "p and q of the officer's strongest test");
    assertFalse(html.contains("<script>"), "a note cannot inject markup");
    assertTrue(html.contains("(\u201cFootage &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;\u201d)"));
    assertTrue(html.contains("Latest decision: <b>confirmed on 2026-04-09</b>"));
    assertTrue(html.contains("<td class=\"n\">1,234</td>"), "counts with thousands separators");
    assertTrue(html.contains("<td class=\"n\">0.50</td>"), "precision seen");
    assertTrue(section(html, HELD_FINDING).contains("This finding is held back by a dismissal"));
    assertTrue(html.contains("<table id=\"watch-list\"><tr><th>port / division</th><th>04-09</th><th>04-10</th>"));
    assertTrue(html.contains("<tr><td>PORT / DIV-A</td><td class=\"n\">0</td><td class=\"n\">1</td>"
        + "<td class=\"n\">4</td><td class=\"n\">100%</td></tr>"));
    assertEquals("1 inspection under the officer, 4.5 expected", CaseReportPage.carried("inspection", 1, 4.5));
  }

  @Test
  void anEmptyWindowIsAWarningAboveEverythingNotAQuietNight() {
    Manifest m = manifest();
    Manifest empty = new Manifest(m.pipeline(), m.version(), m.status(), m.runId(), m.keyFingerprint(), m.runDate(),
        m.windowStart(), m.windowEndExclusive(), m.startedAt(), m.finishedAt(), m.spark(), m.parameters(), m.inputs(),
        m.inputFiles(), m.previousRun(), m.recovered(), m.outputs(), m.mining(), m.limits(),
        List.of("empty window: no clearance record falls in 2026-03-12 to 2026-04-11"), m.stages(), m.driverMemory(),
        m.sparkWork(), m.review());
    CaseEvidence none = CaseEvidence.of(List.of(), new WatchSummary(0, List.of(), Map.of(), Map.of()), List.of(),
        List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), List.of());
    String html = new CaseReportPage(none, empty, review()).render();
    int warnings = html.indexOf("<ul id=\"warnings\">");
    assertTrue(warnings > 0 && warnings < html.indexOf("<section id=\"start-here\">"), html);
    assertTrue(html.contains("<li>empty window: no clearance record falls in 2026-03-12 to 2026-04-11</li>"));
    assertTrue(html.contains("No officer or division was flagged in this run, but see the warnings above: this is "
        + "not a quiet night."));
  }

  @Test
  void anEmptyRunSaysSoAtTheTop() {
    CaseEvidence none = CaseEvidence.of(List.of(), new WatchSummary(0, List.of(), Map.of(), Map.of()), List.of(),
        List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), List.of());
    String html = new CaseReportPage(none, manifest(), review()).render();
    assertTrue(html.contains("<h2>Start here: 0 leads, strongest first</h2>\n<p id=\"no-leads\">No officer or "
        + "division was flagged in this run.</p>"), html);
  }
}
