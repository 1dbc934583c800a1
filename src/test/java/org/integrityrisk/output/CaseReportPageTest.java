package org.integrityrisk.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.output.CaseEvidence.CaseRecord;
import org.integrityrisk.output.CaseEvidence.Finding;
import org.integrityrisk.output.CaseEvidence.GroupEvent;
import org.integrityrisk.output.CaseEvidence.OfficerTest;
import org.integrityrisk.output.CaseEvidence.Shift;
import org.integrityrisk.output.CaseEvidence.WatchSummary;
import org.integrityrisk.review.ReviewCounts;
import org.junit.jupiter.api.Test;

/** The case report's page from hand-built evidence: no Spark. */
class CaseReportPageTest {
  private static final String OFFICER_FINDING = "F-00000000000000a1";
  private static final String DIVISION_FINDING = "F-00000000000000b2";

  private static Manifest manifest() {
    return manifest(null);
  }

  private static Manifest manifest(org.integrityrisk.scoring.RunLimits limits) {
    Map<String, InputCounts> inputs = new LinkedHashMap<>();
    inputs.put("clearances", new InputCounts("c.csv", 1200, 1190, 7, 3, 1100, Map.of("MISSING_FIELD", 7L)));
    Map<String, Long> outputs = new LinkedHashMap<>();
    outputs.put("findings", 2L);
    outputs.put("flagged_cases", 1234L);
    return new Manifest("integrity-risk", "0.1.0", "succeeded", "run-1", "2026-04-10", "2026-03-12T00:00:00Z",
        "2026-04-11T00:00:00Z", null, null, Map.of(), null, inputs, Map.of(), null, List.of(), outputs, Map.of(),
        limits, List.of(), Map.of(), null, null);
  }

  private static ReviewCounts review() {
    return new ReviewCounts(2, 1, 1, 1, 0, 2, 0,
        Map.of("confirmed", 1L, "dismissed", 1L, "under_review", 0L, "undecided", 3L), 0.5);
  }

  private static CaseEvidence evidence() {
    Finding officer = new Finding(OFFICER_FINDING, "officer", "OF-1", "DIV-A", "PORT", List.of("G-1"), 5, 1.25,
        0.000012, 0.0345, "duty", 5, 1.25, "G-1", true, "seen_before", "2026-04-01", 3, "confirmed", "2026-04-09",
        "Footage <script>alert('x')</script> & \"more\"", 4);
    Finding division = new Finding(DIVISION_FINDING, "division", null, "DIV-A", "PORT", List.of("G-1", "G-2"), 7, 2.0,
        0.002, 0.01, "duty", 6, 1.5, "G-2", false, "dismissed_not_reraised", "2026-03-30", 5, "dismissed", "2026-04-08", "", 7);
    WatchSummary watch = new WatchSummary(3, List.of("2026-04-09", "2026-04-10"),
        Map.of("PORT / DIV-A", 4, "PORT / DIV-B", 0), Map.of("PORT / DIV-A", Map.of("2026-04-10", 2)));
    List<Shift> shifts = List.of(
        new Shift(OFFICER_FINDING, "division", "SH-2", "OF-2", LocalDateTime.parse("2026-04-09T06:00:00"),
            LocalDateTime.parse("2026-04-09T14:00:00")),
        new Shift(OFFICER_FINDING, "finding", "SH-1", "OF-1", LocalDateTime.parse("2026-04-09T22:00:00"),
            LocalDateTime.parse("2026-04-10T06:00:00")));
    List<GroupEvent> events = List.of(
        new GroupEvent("G-1", "PORT", "EXIT", LocalDate.parse("2026-04-09"), 23L * 3600, 3L),
        new GroupEvent("G-1", "PORT", "ENTRY", LocalDate.parse("2026-04-09"), 12L * 3600, 2L),
        new GroupEvent("G-1", "ELSEWHERE", "ENTRY", LocalDate.parse("2026-04-09"), 3600L, 2L));
    List<OfficerTest> tests = List.of(
        new OfficerTest("OF-1", "G-1", 5, 1.25, 0.000012, 0.0345, true, true, "DIV-A", "PORT", "duty", 5, 1.25),
        new OfficerTest("OF-2", "G-1", 1, 1.0, 0.5, 1.0, false, false, "DIV-A", "PORT", "duty", 1, 1.0));
    List<CaseRecord> cases = List.of(
        new CaseRecord(OFFICER_FINDING, "CR-1", "G-1", "EXIT", "2026-04-09 21:00:00", "OF-1", List.of("SH-1")));
    List<CaseEvidence.Lead> leads = List.of(new CaseEvidence.Lead("division", "NB-TEAM-D", "G-7", "NORTH-BRIDGE", 6,
        7, 1.8, 2.4e-4, 0.031, "duty", 7, 1.8));
    return CaseEvidence.of(List.of(officer, division), watch, shifts, events, tests, cases,
        Map.of(OFFICER_FINDING, 1L), leads);
  }

  @Test
  void saysWhatTheRunCouldNotSeeBeforeWhatItFound() {
    org.integrityrisk.scoring.RunLimits limits = new org.integrityrisk.scoring.RunLimits(0.01, 17640, 2803, List.of(
        new org.integrityrisk.scoring.RunLimits.Cell("division", "short_round_trips", 600, 300, 5.6, 2.0e-5, 0.25, 8),
        new org.integrityrisk.scoring.RunLimits.Cell("officer", "other", 11680, 641, 0.22, 7.8e-7, 0.06, null)),
        List.of("WEST-AIR"));
    String html = new CaseReportPage(evidence(), manifest(limits), review()).render();
    int limitsAt = html.indexOf("<ul id=\"run-limits\">");
    assertTrue(limitsAt > 0 && limitsAt < html.indexOf("<h2>Findings</h2>"), "limits come first");
    assertTrue(html.contains("17,640 tests, 2,803 of which could reach the false discovery level"), html);
    assertTrue(html.contains("groups with 3 or more short round trips against divisions: 600 tests (300 could reach the "
        + "level), a first finding needs p &lt;= 2.0e-05, about 8 trips all on the duty of a division on duty 25% of "
        + "the time"), html);
    assertTrue(html.contains("other groups against officers: 11,680 tests (641 could reach the level), a first "
        + "finding needs p &lt;= 7.8e-07; an officer&#39;s duty counts only beyond their division&#39;s"), html);
    assertTrue(html.contains("<b>Blind to divisions at WEST-AIR</b>"), html);
    String leads = html.substring(html.indexOf("<table id=\"leads-below-bar\">"));
    assertTrue(leads.indexOf("division NB-TEAM-D") < leads.indexOf("</table>"), leads);
    assertTrue(leads.contains("duty, not flagged"), "labelled as not flagged");
    assertTrue(html.indexOf("leads-below-bar") > html.indexOf("<h2>Findings</h2>"),
        "near misses come after the findings, so nobody mistakes one for a finding");
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
  void showsTheFindingsFiguresAndEscapesWhatInvestigatorsWrote() {
    String html = new CaseReportPage(evidence(), manifest(), review()).render();
    assertTrue(html.contains("p = 1.20e-05, q = 0.0345"), "p and q of the officer's strongest test");
    assertTrue(html.contains("<td class=\"n\">1.20e-05</td><td class=\"n\">0.0345</td>"), "in the findings table too");
    assertTrue(html.contains("<td class=\"n\">0.0020</td><td class=\"n\">0.0100</td>"));
    assertFalse(html.contains("<script>"), "a note cannot inject markup");
    assertTrue(html.contains("(\u201cFootage &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;\u201d)"));
    assertTrue(html.contains("Latest decision: <b>confirmed on 2026-04-09</b>"));
    assertTrue(html.contains("<td class=\"n\">1,234</td>"), "counts with thousands separators");
    assertTrue(html.contains("<td class=\"n\">0.50</td>"), "precision seen");
  }

  /**
   * An officer flagged by who cleared the group: its duty figures are near chance, so the
   * page must show the clearances that carried it, with what they count, and keep the duty
   * figures as what they are.
   */
  @Test
  void aFindingCarriedByClearingShowsTheClearancesThatCarriedIt() {
    String id = "F-00000000000000c3";
    Finding clearing = new Finding(id, "officer", "OF-9", "DIV-A", "PORT", List.of("G-1"), 14, 14.1, 1.6e-9,
        2.0e-7, "clearing", 14, 3.1, "G-1", true, "new", "2026-04-10", 1, null, null, null, null);
    Finding duty = new Finding(DIVISION_FINDING, "division", null, "DIV-A", "PORT", List.of("G-1"), 16, 5.4, 1e-6,
        1e-4, "duty", 16, 5.4, "G-1", true, "new", "2026-04-10", 1, null, null, null, null);
    List<OfficerTest> tests = List.of(
        new OfficerTest("OF-9", "G-1", 14, 14.1, 1.6e-9, 2.0e-7, true, true, "DIV-A", "PORT", "clearing", 14, 3.1),
        new OfficerTest("OF-2", "G-1", 3, 3.2, 0.9, 1.0, false, false, "DIV-A", "PORT", "duty", 3, 3.2));
    CaseEvidence evidence = CaseEvidence.of(List.of(clearing, duty), new WatchSummary(1, List.of(), Map.of(),
        Map.of()), List.of(), List.of(), tests, List.of(), Map.of(), List.of());
    String html = new CaseReportPage(evidence, manifest(), review()).render();

    String table = html.substring(html.indexOf("<table id=\"findings\">"), html.indexOf("</table>",
        html.indexOf("<table id=\"findings\">")));
    assertFalse(table.contains("<th>aligned</th>"), "no header calls every row's figures aligned events");
    assertTrue(table.contains("<th>evidence</th><th>strongest test: observed / expected</th>"), table);
    assertTrue(table.contains("<td>clearing</td><td>14 clearances by the officer, 3.1 expected</td>"
        + "<td class=\"n\">1.60e-09</td>"), table);
    assertTrue(table.contains("<td>duty</td><td>16 crossings on duty, 5.4 expected</td>"), table);

    String section = html.substring(html.indexOf("<section class=\"finding\" id=\"" + id),
        html.indexOf("<section class=\"finding\" id=\"" + DIVISION_FINDING));
    assertTrue(section.contains("crossed <b>14</b> times during this duty; their own habits (same times of day, "
        + "other days) would give <b>14.1</b>; duty time is not what carried this finding."), "duty figures kept");
    assertTrue(section.contains("<b>What carried it: who cleared the group.</b> The officer made <b>14</b> of "
        + "the group's clearances, where their share of the port's clearances at those hours predicts <b>3.1</b>."),
        section);
    assertTrue(section.contains("aria-label=\"observed 14 against expected 3.1 clearances by the officer\""),
        "the bars are the clearances");
    assertTrue(section.contains("<td>clearing: 14 clearances by the officer, 3.1 expected</td>"),
        "the comparison names what carried each officer's p");
    String division = html.substring(html.indexOf("<section class=\"finding\" id=\"" + DIVISION_FINDING));
    assertFalse(division.contains("What carried it"), "a duty finding needs no second sentence");
    assertEquals("1 inspection under the officer, 4.5 expected", CaseReportPage.carried("inspection", 1, 4.5));
  }

  @Test
  void drawsOnlyTheFindingsPortAndCountsCrossingsOnDuty() {
    String html = new CaseReportPage(evidence(), manifest(), review()).render();
    String officer = html.substring(html.indexOf("<section class=\"finding\" id=\"" + OFFICER_FINDING),
        html.indexOf("<section class=\"finding\" id=\"" + DIVISION_FINDING));
    assertEquals(1, officer.split("class=\"crossing on-duty\"", -1).length - 1, "23:00 falls in the night shift");
    assertEquals(2, officer.split("<circle ", -1).length - 1, "the crossing at another port is not drawn");
    assertTrue(officer.contains("group crossing on duty (1)") && officer.contains("group crossing off duty (1)"));
    assertTrue(officer.contains("<tr style=\"font-weight:bold\"><td>OF-1</td>"), "the finding's officer stands out");
    assertTrue(officer.contains("<td>CR-1</td><td>G-1</td><td>EXIT</td><td>2026-04-09 21:00:00</td><td>OF-1</td>"
        + "<td>SH-1</td>"));
    String division = html.substring(html.indexOf("<section class=\"finding\" id=\"" + DIVISION_FINDING));
    assertTrue(division.contains("This finding is held back by a dismissal"), "no records for a held-back finding");
    assertTrue(html.contains("<table id=\"watch-list\"><tr><th>port / division</th><th>04-09</th><th>04-10</th>"));
    assertTrue(html.contains("<tr><td>PORT / DIV-A</td><td class=\"n\">0</td><td class=\"n\">2</td>"
        + "<td class=\"n\">4</td><td class=\"n\">100%</td></tr>"));
  }
}
