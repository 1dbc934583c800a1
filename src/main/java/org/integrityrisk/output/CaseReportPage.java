package org.integrityrisk.output;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.output.CaseEvidence.CaseRecord;
import org.integrityrisk.output.CaseEvidence.Finding;
import org.integrityrisk.output.CaseEvidence.GroupEvent;
import org.integrityrisk.output.CaseEvidence.OfficerTest;
import org.integrityrisk.output.CaseEvidence.Shift;
import org.integrityrisk.output.CaseEvidence.WatchSummary;
import org.integrityrisk.review.Decision;
import org.integrityrisk.review.FindingShifts;
import org.integrityrisk.review.ReviewCounts;
import org.integrityrisk.scoring.CombinedEvidence;
import org.integrityrisk.scoring.RunLimits;

/**
 * The case report's page, {@code report.html}, from evidence already gathered: plain Java,
 * no Spark. It opens from disk with no network (styles and charts are inline, no script),
 * says plainly that the findings are leads for review, and for every detailed finding
 * shows why it was raised: the group's crossings drawn over the officer's or division's
 * shifts, observed against expected figures of the signal that carried the p-value (duty,
 * who cleared the group, or how often it was inspected), p and q values, the division's
 * other officers for comparison, and the clearance records behind it.
 *
 * <p>Figures are always printed with what they count. An officer flagged because they
 * cleared the group far beyond their share has duty figures near chance (aligned 14,
 * expected 14.1, p 1.6e-9); printed under "aligned / expected" they read as a contradiction.
 *
 * <p>Each {@link #render()} builds the page afresh, so rendering twice gives the same page.
 */
public final class CaseReportPage {
  private final CaseEvidence evidence;
  private final Manifest manifest;
  private final ReviewCounts review;

  public CaseReportPage(CaseEvidence evidence, Manifest manifest, ReviewCounts review) {
    this.evidence = evidence;
    this.manifest = manifest;
    this.review = review;
  }

  public String render() {
    StringBuilder html = new StringBuilder(64 * 1024);
    List<Finding> findings = evidence.findings();
    head(html);
    limits(html);
    summary(html, findings);
    watchList(html, evidence.watchList());
    overview(html, findings);
    leadsBelowTheBar(html);
    List<Finding> detailed = evidence.detailed();
    for (Finding finding : detailed) {
      finding(html, finding);
    }
    if (findings.size() > detailed.size()) {
      html.append("<p class=\"omitted\">").append(findings.size() - detailed.size())
          .append(" more findings are in the <code>findings</code> table of this run.</p>\n");
    }
    html.append("</main></body></html>\n");
    return html.toString();
  }

  private void head(StringBuilder html) {
    html.append("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Integrity leads for review: run of %s</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
        main{max-width:1100px;margin:0 auto;padding:1.5rem}
        h1{font-size:1.5rem;margin:.2rem 0} h2{font-size:1.2rem;margin-top:2rem} h3{font-size:1.05rem}
        .caveat{background:#fff4d6;border:1px solid #e0b84c;padding:.8rem 1rem;border-radius:6px}
        table{border-collapse:collapse;background:#fff;margin:.5rem 0;font-size:.85rem}
        th,td{border:1px solid #d5d9e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:#eef1f5} td.n{text-align:right;font-variant-numeric:tabular-nums}
        section.finding{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:.5rem 1rem 1rem;margin:1.5rem 0}
        .status{display:inline-block;padding:.05rem .45rem;border-radius:4px;font-size:.8rem;background:#e6e9ef}
        .raised{background:#ffd9d4} .held{background:#dfe8da}
        svg{background:#fff} .legend span{margin-right:1rem;font-size:.8rem}
        .omitted{color:#6b7280;font-size:.85rem}
        </style></head><body><main>
        """.formatted(esc(manifest.runDate())));
    html.append("<h1>Integrity leads for review</h1>\n<p>Run of <b>").append(esc(manifest.runDate()))
        .append("</b>, window ").append(esc(manifest.windowStart())).append(" to ")
        .append(esc(manifest.windowEndExclusive())).append(" (exclusive), run id <code>")
        .append(esc(manifest.runId())).append("</code>, integrity-risk ").append(esc(manifest.version())).append(".</p>\n");
    html.append("""
        <p class="caveat"><b>These are leads for review, not findings of guilt.</b> Each lead says that a
        group of travellers crossed during an officer's or a division's duty more often than their own
        travel habits explain, or, where the records name who cleared each crossing, that an officer
        cleared the group, or let it through uninspected, more often than chance explains. Shift swaps, rosters recorded late and plain coincidence can do the same;
        a lead is a reason to look at the records and shifts below, never a conclusion about a person.
        Travellers appear only as pseudonyms.</p>
        """);
  }

  /** What the run could and could not see, before anything it found. */
  private void limits(StringBuilder html) {
    RunLimits limits = manifest.limits();
    if (limits == null) {
      return;
    }
    html.append("<h2>What this run could see</h2>\n<ul id=\"run-limits\">\n");
    html.append("<li>").append(String.format(Locale.ROOT, "%,d tests, %,d of which could reach the false discovery "
        + "level %s; the level's budget is spread as below, so a lone ring must pass the bar of its kind.",
        limits.tests(), limits.countedTests(), sciText(limits.level()))).append("</li>\n");
    for (RunLimits.Cell cell : limits.cells()) {
      html.append("<li>").append(esc(cell.describe())).append(".</li>\n");
    }
    if (!limits.portsWithoutDivisionEvidence().isEmpty()) {
      html.append("<li><b>Blind to divisions at ").append(esc(String.join(", ", limits.portsWithoutDivisionEvidence())))
          .append("</b>: no division test there could reach the level. A division that works the same hours every "
              + "day has the time of day as its duty, which the null model keeps; there only an officer's rest days "
              + "and overtime, or the clearing officer in the records, can show collusion.</li>\n");
    }
    html.append("</ul>\n");
  }

  /** The tests that came closest without passing, after the findings so nobody mistakes them for one. */
  private void leadsBelowTheBar(StringBuilder html) {
    List<CaseEvidence.Lead> leads = evidence.leads();
    if (leads.isEmpty() || manifest.limits() == null) {
      return;
    }
    html.append("<h2>Strongest leads below the bar: <em>not flagged</em></h2>\n<p class=\"omitted\">The tests "
        + "that came closest without passing the false discovery control. They are not findings; they show what "
        + "the run saw and how far it was from the bar.</p>\n<table id=\"leads-below-bar\"><tr><th>unit</th>"
        + "<th>group</th><th>port</th><th>round trips</th><th>observed / expected</th><th>p</th><th>q</th>"
        + "<th>evidence</th></tr>\n");
    for (CaseEvidence.Lead lead : leads) {
      html.append("<tr><td>").append(esc(lead.unitKind() + " " + lead.unitId())).append("</td><td>")
          .append(esc(lead.groupId())).append("</td><td>").append(esc(lead.portId())).append("</td>")
          .append(num(lead.roundTrips())).append("<td>")
          .append(esc(carried(lead.evidence(), lead.evidenceObserved(), lead.evidenceExpected()))).append("</td>")
          .append(sci(lead.pValue())).append(sci(lead.qValue())).append("<td>").append(esc(lead.evidence()))
          .append(", not flagged</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void summary(StringBuilder html, List<Finding> findings) {
    html.append("<h2>Run summary</h2>\n<table><tr><th>input</th><th>read</th><th>valid</th><th>quarantined</th>"
        + "<th>duplicates</th><th>in window</th><th>quarantine reasons</th></tr>\n");
    for (Map.Entry<String, InputCounts> input : manifest.inputs().entrySet()) {
      InputCounts c = input.getValue();
      html.append("<tr><td>").append(esc(input.getKey())).append("</td>").append(num(c.read())).append(num(c.valid()))
          .append(num(c.quarantined())).append(num(c.duplicates())).append(num(c.inWindow())).append("<td>")
          .append(esc(new TreeMap<>(c.quarantineReasons()).toString())).append("</td></tr>\n");
    }
    html.append("</table>\n<table><tr><th>output</th><th>rows</th></tr>\n");
    manifest.outputs().forEach((k, v) -> html.append("<tr><td>").append(esc(k)).append("</td>").append(num(v))
        .append("</tr>\n"));
    html.append("</table>\n");
    Map<String, Long> decided = review.decidedSoFar();
    html.append("<h2>Review</h2>\n<table id=\"review-counts\"><tr><th>flagged this run</th><th>raised for review</th>"
        + "<th>new</th><th>dismissed, not raised again</th><th>raised again: evidence grew</th>"
        + "<th>confirmed so far</th><th>dismissed so far</th><th>under review</th><th>undecided</th>"
        + "<th>precision seen</th></tr>\n<tr>")
        .append(num(review.findingsFlagged())).append(num(review.findingsRaised())).append(num(review.newFindings()))
        .append(num(review.dismissedNotReraised())).append(num(review.reraisedEvidenceGrew()))
        .append(num(decided.getOrDefault(Decision.CONFIRMED.word(), 0L)))
        .append(num(decided.getOrDefault(Decision.DISMISSED.word(), 0L)))
        .append(num(decided.getOrDefault(Decision.UNDER_REVIEW.word(), 0L)))
        .append(num(decided.getOrDefault(ReviewCounts.UNDECIDED, 0L)))
        .append("<td class=\"n\">").append(review.precisionSeen() == null ? "no decisions yet"
            : String.format(Locale.ROOT, "%.2f", review.precisionSeen())).append("</td></tr></table>\n");
    html.append("<p class=\"omitted\">Counts so far cover every officer and division finding flagged up to this run; "
        + "precision seen is confirmed / (confirmed + dismissed). ")
        .append(findings.size()).append(" findings were flagged in this run.</p>\n");
  }

  private void watchList(StringBuilder html, WatchSummary watch) {
    List<String> recent = watch.recentRuns();
    Map<String, Integer> totals = watch.totals();
    Map<String, Map<String, Integer>> cells = watch.cells();
    int all = totals.values().stream().mapToInt(Integer::intValue).sum();
    html.append("<h2>Watch list: flags per port and division</h2>\n<p class=\"omitted\">Flags per run (officers "
        + "flagged plus one when the division itself is flagged), the last ").append(recent.size())
        .append(" of ").append(watch.runs()).append(" runs; the share is of all flags in all runs.</p>\n")
        .append("<table id=\"watch-list\"><tr><th>port / division</th>");
    recent.forEach(d -> html.append("<th>").append(esc(d.substring(5))).append("</th>"));
    html.append("<th>all runs</th><th>share</th></tr>\n");
    totals.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> {
          html.append("<tr><td>").append(esc(e.getKey())).append("</td>");
          recent.forEach(d -> html.append(num(cells.getOrDefault(e.getKey(), Map.of()).getOrDefault(d, 0))));
          html.append(num(e.getValue())).append("<td class=\"n\">")
              .append(all == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * e.getValue() / all))
              .append("</td></tr>\n");
        });
    html.append("</table>\n");
  }

  private void overview(StringBuilder html, List<Finding> findings) {
    html.append("<h2>Findings</h2>\n");
    if (findings.isEmpty()) {
      html.append("<p>No officer or division was flagged in this run.</p>\n");
      return;
    }
    // One column of figures whose unit each row names: the signal that carried the strongest
    // test differs from row to row, and a header saying "aligned" would mislabel the others.
    html.append("<table id=\"findings\"><tr><th>finding</th><th>who</th><th>port</th><th>status</th>"
        + "<th>evidence</th><th>strongest test: observed / expected</th><th>p</th><th>q</th><th>first seen</th>"
        + "<th>runs</th><th>decision</th></tr>\n");
    for (Finding f : findings) {
      html.append("<tr><td><a href=\"#").append(esc(f.findingId())).append("\">")
          .append(esc(f.findingId())).append("</a></td><td>").append(esc(who(f))).append("</td><td>")
          .append(esc(f.portId())).append("</td><td>").append(status(f)).append("</td><td>")
          .append(esc(f.evidence())).append("</td><td>")
          .append(esc(carried(f.evidence(), f.evidenceObserved(), f.evidenceExpected()))).append("</td>")
          .append(sci(f.pValue())).append(sci(f.qValue())).append("<td>")
          .append(esc(f.firstSeen())).append("</td>").append(num(f.runsSeen())).append("<td>")
          .append(esc(decision(f))).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void finding(StringBuilder html, Finding f) {
    String id = f.findingId();
    List<String> groups = f.groups();
    html.append("<section class=\"finding\" id=\"").append(esc(id)).append("\" data-finding-id=\"").append(esc(id))
        .append("\">\n<h3>").append(esc(id)).append(": ").append(esc(who(f))).append(" at ").append(esc(f.portId()))
        .append(" ").append(status(f)).append("</h3>\n");
    html.append("<p>").append(groups.size() == 1 ? "Group " : "Groups ").append(esc(String.join(", ", groups)))
        .append(" crossed <b>").append(f.alignedEvents()).append("</b> times during this duty; ")
        .append("their own habits (same times of day, other days) would give <b>")
        .append(String.format(Locale.ROOT, "%.1f", f.expectedAlignedEvents()))
        .append("</b>");
    carriedSentence(html, f);
    html.append(" Strongest test").append(f.strongestGroupId() == null ? "" : " (group " + esc(f.strongestGroupId())
        + ")").append(": p = ").append(esc(sciText(f.pValue()))).append(", q = ")
        .append(esc(sciText(f.qValue()))).append(" (false discovery rate controlled over all tests of the run), ")
        .append("evidence: ").append(esc(f.evidence())).append(". First seen ").append(esc(f.firstSeen()))
        .append(", flagged in ").append(f.runsSeen()).append(" run(s).");
    if (f.decision() != null) {
      html.append(" Latest decision: <b>").append(esc(decision(f))).append("</b>");
      if (f.decisionNote() != null && !f.decisionNote().isEmpty()) {
        html.append(" (\u201c").append(esc(f.decisionNote())).append("\u201d)");
      }
      html.append(", evidence then ").append(String.valueOf(f.evidenceAtDecision()))
          .append(" aligned events, now ").append(f.alignedEvents()).append('.');
    }
    html.append("</p>\n");
    observedExpected(html, f);
    timeline(html, f, groups);
    comparison(html, f, groups);
    cases(html, id, f.raised());
    html.append("</section>\n");
  }

  /**
   * After the duty sentence: what carried the p-value when it was not duty, with its figures.
   * The duty figures stay (they are true), and the reader is told they are not the evidence.
   */
  private static void carriedSentence(StringBuilder html, Finding f) {
    String observed = String.valueOf(f.evidenceObserved());
    String expected = f.evidenceExpected() == null ? "" : String.format(Locale.ROOT, "%.1f", f.evidenceExpected());
    // The figures are the strongest test's, against one group: name it when there are several.
    String group = f.strongestGroupId() == null || f.groups().size() == 1 ? "the group"
        : "group " + esc(f.strongestGroupId());
    if (CombinedEvidence.CLEARING.equals(f.evidence())) {
      html.append("; duty time is not what carried this finding. <b>What carried it: who cleared the group.</b> "
          + "The officer made <b>").append(observed).append("</b> of ").append(group).append("'s clearances")
          .append(", where their share of the port's clearances at those hours predicts <b>").append(expected)
          .append("</b>.");
    } else if (CombinedEvidence.INSPECTION.equals(f.evidence())) {
      html.append("; duty time is not what carried this finding. <b>What carried it: how often the group was "
          + "inspected.</b> <b>").append(observed).append("</b> of ").append(group)
          .append("'s passages cleared by the officer were inspected, where the other officers' inspection rate ")
          .append("of its passages predicts <b>").append(expected).append("</b>.");
    } else {
      html.append('.');
    }
  }

  /**
   * What carried a test, as a phrase: "14 clearances by the officer, 3.1 expected". Empty when
   * the figures are missing (a table written before the test carried them).
   */
  static String carried(String evidence, Integer observed, Double expected) {
    if (observed == null || expected == null) {
      return "";
    }
    return String.format(Locale.ROOT, "%,d %s, %.1f expected", observed, counted(evidence, observed == 1), expected);
  }

  /** What a signal's observed figure counts, in the singular for one. */
  private static String counted(String evidence, boolean one) {
    String plural = one ? "" : "s";
    if (CombinedEvidence.CLEARING.equals(evidence)) {
      return "clearance" + plural + " by the officer";
    }
    if (CombinedEvidence.INSPECTION.equals(evidence)) {
      return "inspection" + plural + " under the officer";
    }
    return "crossing" + plural + " on duty";
  }

  /**
   * Observed against expected as bars: the duty figures of the finding when duty carried it,
   * else the figures of the signal that did (they are what the p-value was computed from).
   */
  private static void observedExpected(StringBuilder html, Finding f) {
    boolean duty = f.evidenceObserved() == null || CombinedEvidence.DUTY.equals(f.evidence());
    int observed = duty ? f.alignedEvents() : f.evidenceObserved();
    double expected = duty ? f.expectedAlignedEvents() : f.evidenceExpected();
    double max = Math.max(1, Math.max(observed, expected));
    double scale = 500 / max;
    html.append("<svg class=\"observed-expected\" width=\"640\" height=\"54\" role=\"img\" aria-label=\"observed ")
        .append(observed).append(" against expected ").append(String.format(Locale.ROOT, "%.1f", expected))
        .append(duty ? " aligned events" : " " + esc(counted(f.evidence(), false))).append("\">")
        .append("<text x=\"0\" y=\"17\" font-size=\"12\">observed</text>")
        .append(String.format(Locale.ROOT, "<rect x=\"70\" y=\"6\" width=\"%.1f\" height=\"16\" fill=\"#c0392b\"/>",
            observed * scale))
        .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"19\" font-size=\"12\">%d</text>",
            76 + observed * scale, observed))
        .append("<text x=\"0\" y=\"45\" font-size=\"12\">expected</text>")
        .append(String.format(Locale.ROOT, "<rect x=\"70\" y=\"32\" width=\"%.1f\" height=\"16\" fill=\"#8a94a6\"/>",
            expected * scale))
        .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"45\" font-size=\"12\">%.1f</text>",
            76 + expected * scale, expected))
        .append("</svg>\n");
  }

  private void timeline(StringBuilder html, Finding f, List<String> groups) {
    String id = f.findingId();
    List<Shift> shifts = evidence.shiftsOf(id);
    List<GroupEvent> events = new ArrayList<>();
    groups.forEach(g -> events.addAll(evidence.eventsOf(g, f.portId())));
    // Local days run from the day before the UTC window to the day after it: a port east or
    // west of UTC has crossings on both edges.
    LocalDate first = LocalDate.parse(manifest.windowStart().substring(0, 10)).minusDays(1);
    LocalDate last = LocalDate.parse(manifest.runDate()).plusDays(1);
    int days = (int) ChronoUnit.DAYS.between(first, last) + 1;
    int left = 46;
    int top = 26;
    double colWidth = Math.max(8, Math.min(28, 900.0 / days));
    double hourHeight = 13;
    double width = left + days * colWidth + 10;
    double height = top + 24 * hourHeight + 36;
    String who = who(f);
    html.append("<h4>Crossings over duty, port-local time</h4>\n<svg class=\"timeline\" data-finding-id=\"")
        .append(esc(id)).append(String.format(Locale.ROOT, "\" width=\"%.0f\" height=\"%.0f\" ", width, height))
        .append("role=\"img\" aria-label=\"").append(esc("crossings of " + String.join(", ", groups) + " over the shifts of "
            + who)).append("\">\n");
    for (int h = 0; h <= 24; h += 3) {
      double y = top + h * hourHeight;
      html.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e6eb\"/>"
          + "<text x=\"4\" y=\"%.1f\" font-size=\"10\" fill=\"#555\">%02d:00</text>\n", left, y, width - 10, y, y + 3, h));
    }
    for (int d = 0; d < days; d += Math.max(1, days / 10)) {
      double x = left + d * colWidth;
      html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#555\">%s</text>\n",
          x, top + 24 * hourHeight + 14, first.plusDays(d).toString().substring(5)));
    }
    for (Shift s : shifts) {
      boolean own = isOwn(s);
      for (LocalDate day = s.start().toLocalDate(); !day.atStartOfDay().isAfter(s.end()); day = day.plusDays(1)) {
        long d = ChronoUnit.DAYS.between(first, day);
        if (d < 0 || d >= days) {
          continue;
        }
        LocalDateTime from = s.start().isAfter(day.atStartOfDay()) ? s.start() : day.atStartOfDay();
        LocalDateTime to = s.end().isBefore(day.plusDays(1).atStartOfDay()) ? s.end() : day.plusDays(1).atStartOfDay();
        double y0 = top + hours(day, from) * hourHeight;
        double y1 = top + hours(day, to) * hourHeight;
        if (y1 <= y0) {
          continue;
        }
        double x = left + d * colWidth + (own ? colWidth * 0.25 : 1);
        double w = own ? colWidth * 0.5 : colWidth - 2;
        html.append(String.format(Locale.ROOT,
            "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>\n",
            own ? "shift" : "division-shift", x, y0, w, y1 - y0, own ? "#3b6fb6" : "#dde3ec",
            esc(s.shiftId() + " (" + s.officerId() + ")")));
      }
    }
    int aligned = 0;
    int drawn = 0;
    for (GroupEvent e : events) {
      LocalDateTime at = e.localDate().atStartOfDay().plusSeconds(e.localSecondOfDay());
      long d = ChronoUnit.DAYS.between(first, at.toLocalDate());
      if (d < 0 || d >= days) {
        continue;
      }
      boolean onDuty = shifts.stream().anyMatch(s -> isOwn(s) && !at.isBefore(s.start()) && at.isBefore(s.end()));
      aligned += onDuty ? 1 : 0;
      drawn++;
      double x = left + d * colWidth + colWidth / 2;
      double y = top + hours(at.toLocalDate(), at) * hourHeight;
      html.append(String.format(Locale.ROOT,
          "<circle class=\"crossing%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"#7b1d12\">"
              + "<title>%s %s %s, %d members%s</title></circle>\n",
          onDuty ? " on-duty" : "", x, y, onDuty ? "#c0392b" : "#ffffff", esc(e.groupId()), esc(e.direction()),
          at.toString().replace('T', ' '), e.membersPresent().longValue(), onDuty ? ", on duty" : ""));
    }
    boolean officer = f.kind().equals(DutyRosters.OFFICER);
    html.append("</svg>\n<p class=\"legend\"><span style=\"color:#3b6fb6\">&#9632; ").append(esc(who))
        .append(officer ? "'s shifts" : " shifts").append("</span>");
    if (officer) {
      html.append("<span style=\"color:#9aa5b8\">&#9632; rest of ").append(esc(f.divisionId()))
          .append("</span>");
    }
    html.append("<span style=\"color:#c0392b\">&#9679; group crossing on duty (").append(aligned)
        .append(")</span><span>&#9675; group crossing off duty (").append(drawn - aligned)
        .append(")</span></p>\n");
  }

  /** The finding's own shift, as against the rest of its division's. */
  private static boolean isOwn(Shift s) {
    return s.role().equals(FindingShifts.FINDING);
  }

  private static double hours(LocalDate day, LocalDateTime at) {
    return ChronoUnit.SECONDS.between(day.atStartOfDay(), at) / 3600.0;
  }

  private void comparison(StringBuilder html, Finding f, List<String> groups) {
    List<OfficerTest> officers = evidence.officerTests().stream()
        .filter(o -> f.divisionId().equals(o.divisionId()) && f.portId().equals(o.portId())
            && groups.contains(o.groupId()))
        .toList();
    html.append("<h4>Officers of ").append(esc(f.divisionId())).append(" against the same group")
        .append(groups.size() == 1 ? "" : "s").append("</h4>\n");
    if (officers.isEmpty()) {
      html.append("<p class=\"omitted\">No officer of the division was tested against these groups.</p>\n");
      return;
    }
    html.append("<table class=\"comparison\"><tr><th>officer</th><th>group</th><th>on duty</th>"
        + "<th>expected on duty</th><th>p</th><th>q</th><th>p carried by: observed / expected</th><th>raised</th>"
        + "</tr>\n");
    for (OfficerTest o : officers) {
      boolean mine = o.officerId().equals(f.officerId());
      // A test always has these figures; unboxing them here fails loudly on one that has not.
      html.append(mine ? "<tr style=\"font-weight:bold\">" : "<tr>").append("<td>").append(esc(o.officerId()))
          .append("</td><td>").append(esc(o.groupId())).append("</td>").append(num(o.alignedEvents().intValue()))
          .append(dec(o.expectedAlignedEvents().doubleValue())).append(sci(o.pValue().doubleValue()))
          .append(sci(o.qValue().doubleValue())).append("<td>").append(esc(o.evidence())).append(": ")
          .append(esc(carried(o.evidence(), o.evidenceObserved(), o.evidenceExpected()))).append("</td><td>")
          .append(o.flagged() ? "yes" : o.statisticallyFlagged() ? "held back" : "no").append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void cases(StringBuilder html, String id, boolean raised) {
    long total = evidence.caseCountOf(id);
    List<CaseRecord> rows = evidence.casesOf(id);
    html.append("<h4>Case records (").append(total).append(total == 1 ? " record" : " records").append(")</h4>\n");
    if (rows.isEmpty()) {
      html.append("<p class=\"omitted\">").append(raised ? "No clearance record is linked to this finding."
          : "This finding is held back by a dismissal, so no records are listed; its tests are in alignment_tests.")
          .append("</p>\n");
      return;
    }
    html.append("<table class=\"cases\"><tr><th>record</th><th>group</th><th>direction</th><th>crossed at (UTC)</th>"
        + "<th>officer</th><th>shifts</th></tr>\n");
    for (CaseRecord r : rows) {
      html.append("<tr><td>").append(esc(r.recordId())).append("</td><td>").append(esc(r.groupId()))
          .append("</td><td>").append(esc(r.direction())).append("</td><td>").append(esc(r.crossedAt()))
          .append("</td><td>").append(esc(r.officerId() == null ? "(division)" : r.officerId())).append("</td><td>")
          .append(esc(String.join(", ", r.shiftIds()))).append("</td></tr>\n");
    }
    html.append("</table>\n");
    if (rows.size() == CaseEvidence.RECORDS_PER_FINDING) {
      html.append("<p class=\"omitted\">The first ").append(CaseEvidence.RECORDS_PER_FINDING)
          .append(" rows are shown; all are in the <code>flagged_cases</code> table (filter on finding_ids).</p>\n");
    }
  }

  private static String who(Finding f) {
    return DutyRosters.OFFICER.equals(f.kind())
        ? "officer " + f.officerId() + " (" + f.divisionId() + ")"
        : "division " + f.divisionId();
  }

  private static String status(Finding f) {
    boolean raised = f.raised();
    return "<span class=\"status " + (raised ? "raised" : "held") + "\">" + esc(f.reviewStatus()
        .replace('_', ' ')) + (raised ? ", raised for review" : "") + "</span>";
  }

  private static String decision(Finding f) {
    String d = f.decision();
    return d == null ? "" : d.replace('_', ' ') + " on " + f.decidedOn();
  }

  private static String num(long n) {
    return String.format(Locale.ROOT, "<td class=\"n\">%,d</td>", n);
  }

  private static String num(Integer n) {
    return n == null ? "<td></td>" : num(n.longValue());
  }

  private static String dec(Double d) {
    return d == null ? "<td></td>" : String.format(Locale.ROOT, "<td class=\"n\">%.1f</td>", d);
  }

  private static String sci(Double d) {
    return "<td class=\"n\">" + esc(sciText(d)) + "</td>";
  }

  private static String sciText(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, d < 0.001 ? "%.2e" : "%.4f", d);
  }

  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
