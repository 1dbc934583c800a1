package org.integrityrisk.output;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.integrityrisk.alignment.DutyRosters;
import org.integrityrisk.config.PipelineConfig;
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
  /** A lead of at least this many travellers is marked as a large group, whatever its habit. */
  static final int LARGE_GROUP_MEMBERS = 10;

  private final CaseEvidence evidence;
  private final Manifest manifest;
  private final ReviewCounts review;
  private final double level;

  public CaseReportPage(CaseEvidence evidence, Manifest manifest, ReviewCounts review) {
    this.evidence = evidence;
    this.manifest = manifest;
    this.review = review;
    this.level = manifest.parameters() != null ? manifest.parameters().fdrLevel()
        : manifest.limits() != null ? manifest.limits().level() : PipelineConfig.defaults().fdrLevel();
  }

  public String render() {
    StringBuilder html = new StringBuilder(64 * 1024);
    List<Finding> findings = evidence.findings();
    List<LeadView> leads = LeadView.of(findings);
    head(html);
    warnings(html);
    startHere(html, leads);
    largeGroups(html, leads);
    limits(html);
    Set<String> detailed = new HashSet<>();
    evidence.detailed().forEach(f -> detailed.add(f.findingId()));
    if (!findings.isEmpty()) {
      html.append("<h2>The leads in detail</h2>\n");
    }
    for (LeadView lead : leads) {
      if (detailed.contains(lead.lead().findingId())) {
        finding(html, lead.lead(), lead.nested(), detailed);
      }
    }
    List<Finding> held = findings.stream().filter(f -> !f.raised() && detailed.contains(f.findingId())).toList();
    if (!held.isEmpty()) {
      html.append("<h2>Held back by a dismissal</h2>\n<p class=\"omitted\">These passed the bar again, but "
          + "investigators dismissed them and their evidence has not grown since; they are not raised.</p>\n");
      held.forEach(f -> finding(html, f, List.of(), detailed));
    }
    if (findings.size() > detailed.size()) {
      html.append("<p class=\"omitted\">").append(findings.size() - detailed.size())
          .append(" more findings are in the <code>findings</code> table of this run.</p>\n");
    }
    leadsBelowTheBar(html);
    html.append("<h2>Run details</h2>\n");
    summary(html, findings);
    watchList(html, evidence.watchList());
    overview(html, findings);
    html.append("</main></body></html>\n");
    return html.toString();
  }

  /**
   * A raised finding that stands as a lead, with the findings shown under it: a division
   * finding most of whose crossings are this officer's is this officer's pattern seen from
   * the division. A finding whose lead is not raised stands alone.
   */
  record LeadView(Finding lead, List<Finding> nested) {
    static List<LeadView> of(List<Finding> findings) {
      Set<String> raisedLeads = new HashSet<>();
      findings.stream().filter(f -> f.raised() && f.standsAlone()).forEach(f -> raisedLeads.add(f.findingId()));
      List<LeadView> leads = new ArrayList<>();
      for (Finding f : findings) {
        boolean ownLead = f.standsAlone() || !raisedLeads.contains(f.leadId());
        if (!f.raised() || !ownLead) {
          continue;
        }
        List<Finding> nested = f.standsAlone() ? findings.stream()
            .filter(n -> n.raised() && !n.standsAlone() && f.findingId().equals(n.leadId())).toList() : List.of();
        leads.add(new LeadView(f, nested));
      }
      return leads;
    }
  }

  /** Strength as a plain band, from q against the run's false discovery level. */
  String band(Double q) {
    if (q == null || q > level) {
      return "below the bar";
    }
    return q <= level / 100 ? "very strong" : q <= level / 10 ? "strong" : "moderate";
  }

  /** What the run saw that must not be taken for a quiet night, above everything it found. */
  private void warnings(StringBuilder html) {
    List<String> warnings = manifest.warnings() == null ? List.of() : manifest.warnings();
    if (warnings.isEmpty()) {
      return;
    }
    html.append("<div class=\"caveat\"><b>Warnings: read these before the leads.</b>\n<ul id=\"warnings\">\n");
    warnings.forEach(w -> html.append("<li>").append(esc(w)).append("</li>\n"));
    html.append("</ul></div>\n");
  }

  private void startHere(StringBuilder html, List<LeadView> leads) {
    html.append("<section id=\"start-here\">\n<h2>Start here: ").append(leads.size())
        .append(leads.size() == 1 ? " lead" : " leads").append(", strongest first</h2>\n");
    if (leads.isEmpty()) {
      html.append("<p id=\"no-leads\">No officer or division was flagged in this run")
          .append(manifest.warnings() == null || manifest.warnings().isEmpty() ? "."
              : ", but see the warnings above: this is not a quiet night.")
          .append("</p>\n</section>\n");
      return;
    }
    html.append("<table id=\"start-here-leads\"><tr><th>#</th><th>lead</th><th>port</th><th>travellers</th>"
        + "<th>crossings in the records</th><th>what carried it</th><th>strength</th><th>details</th></tr>\n");
    int rank = 0;
    for (LeadView lead : leads) {
      Finding f = lead.lead();
      rank++;
      html.append("<tr data-lead-id=\"").append(esc(f.findingId())).append("\"><td class=\"n\">").append(rank)
          .append("</td><td><a href=\"#").append(esc(f.findingId())).append("\">").append(esc(who(f)))
          .append("</a>");
      for (Finding n : lead.nested()) {
        html.append("<br><span class=\"nested-note\">also: ").append(esc(who(n))).append(", ")
            .append(esc(shareOf(n, f))).append("</span>");
      }
      html.append("</td><td>").append(esc(f.portId())).append("</td><td class=\"members\">")
          .append(f.memberCount() == null ? "" : String.valueOf(f.memberCount()));
      largeMark(html, f);
      html.append("</td><td class=\"n crossings\" data-crossings=\"").append(intOf(f.crossings())).append("\">")
          .append(intOf(f.crossings())).append(" <span class=\"omitted\">(").append(intOf(f.caseRecords()))
          .append(" records)</span></td><td class=\"why\">").append(whyRaised(f)).append("</td><td>")
          .append(bandBadge(f.qValue())).append("</td><td class=\"details\">p ").append(esc(sciText(f.pValue())))
          .append(", q ").append(esc(sciText(f.qValue()))).append("; ").append(esc(statusWords(f)))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    html.append("<p id=\"strength-bands\" class=\"omitted\"><b>Strength</b> says how far a pattern is beyond what "
        + "chance gives, judged across all of this run's tests, so that at most a share ")
        .append(esc(sciText(level))).append(" of the leads raised are expected to be chance alone: <i>moderate</i> "
            + "passes that bar, <i>strong</i> passes it ten times over, <i>very strong</i> a hundred times over. "
            + "It is not the chance that anyone did wrong: a regular group, shift swaps or rosters recorded late can "
            + "make a very strong pattern with nobody doing wrong. The p and q values behind the band are in the "
            + "details column.</p>\n</section>\n");
  }

  /**
   * The large groups found before mining (a shuttle, a coach), with their habit and whether
   * they are part of a lead: a big regular group that is a lead is the first thing to rule
   * out, and one that is not shows the run saw it and did not take it for a ring.
   */
  private void largeGroups(StringBuilder html, List<LeadView> leads) {
    List<CaseEvidence.GroupInfo> large = evidence.largeGroups();
    if (large.isEmpty()) {
      return;
    }
    html.append("<h3>Large groups this run</h3>\n<p class=\"omitted\">Found before mining as groups of many "
        + "travellers who cross together again and again; a works shuttle or a coach looks like this.</p>\n"
        + "<ul id=\"large-groups\">\n");
    for (CaseEvidence.GroupInfo g : large) {
      Map<String, List<GroupEvent>> byPort = new TreeMap<>();
      evidence.eventsOf(g.groupId()).forEach(e -> byPort.computeIfAbsent(e.portId(), k -> new ArrayList<>()).add(e));
      html.append("<li data-group-id=\"").append(esc(g.groupId())).append("\">group ").append(esc(g.groupId()))
          .append(", ").append(g.size()).append(" travellers");
      byPort.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
          .limit(1).forEach(e -> {
            CrossingHabit habit = CrossingHabit.of(e.getValue());
            html.append(" <span class=\"large-group\">large").append(habit.regular() ? " regular" : "")
                .append(" group: ").append(esc(habit.describe())).append("</span> at ").append(esc(e.getKey()))
                .append(" (").append(e.getValue().size()).append(" crossings)");
          });
      List<String> in = leads.stream().filter(l -> l.lead().groups().contains(g.groupId()))
          .map(l -> l.lead().findingId()).toList();
      html.append(in.isEmpty() ? ": not part of any lead" : ": part of lead " + esc(String.join(", ", in)))
          .append("</li>\n");
    }
    html.append("</ul>\n");
  }

  private void largeMark(StringBuilder html, Finding f) {
    boolean large = f.memberCount() != null && f.memberCount() >= LARGE_GROUP_MEMBERS;
    for (String g : f.groups()) {
      large |= evidence.group(g).map(CaseEvidence.GroupInfo::largeGroup).orElse(false);
    }
    if (!large) {
      return;
    }
    CrossingHabit habit = CrossingHabit.of(largestGroupEvents(f));
    html.append(" <span class=\"large-group\">large").append(habit.regular() ? " regular" : "")
        .append(" group: ").append(esc(habit.describe())).append("</span>");
  }

  /** The crossings here of the finding's largest group: the pattern as a whole. */
  private List<GroupEvent> largestGroupEvents(Finding f) {
    List<NestedGroups.Pattern> patterns = NestedGroups.of(f.groups(), evidence.groups());
    return patterns.isEmpty() ? List.of() : evidence.eventsOf(patterns.get(0).largest().groupId(), f.portId());
  }

  /** How much of a finding shown under a lead is the lead's: "32 of its 34 crossings are this officer's". */
  private String shareOf(Finding nested, Finding lead) {
    Set<String> mine = evidence.recordCrossingsOf(lead.findingId());
    Set<String> its = evidence.recordCrossingsOf(nested.findingId());
    long shared = its.stream().filter(mine::contains).count();
    return its.isEmpty() ? "flagged on the same crossings"
        : shared + " of its " + its.size() + " crossings in the records are this officer's";
  }

  /**
   * The evidence that carried a finding, in one plain sentence with its figures: those of the
   * strongest test, against one group, with what they count.
   */
  String whyRaised(Finding f) {
    String g = f.strongestGroupId();
    int groupCrossings = g == null ? 0 : evidence.eventsOf(g, f.portId()).size();
    String group = f.groups().size() == 1 || g == null ? "the group" : "group " + esc(g);
    boolean officer = DutyRosters.OFFICER.equals(f.kind());
    Integer observed = f.evidenceObserved() == null ? f.alignedEvents() : f.evidenceObserved();
    Double expected = f.evidenceExpected() == null ? f.expectedAlignedEvents() : f.evidenceExpected();
    String e = expected == null ? "?" : String.format(Locale.ROOT, "%.1f", expected);
    if (CombinedEvidence.CLEARING.equals(f.evidence())) {
      int at = g == null ? 0 : evidence.recordCrossingsOf(f.findingId(), g).size();
      return "This officer cleared " + group + "'s travellers <b>" + observed + "</b> times, at " + at + " of its "
          + groupCrossings + " crossings here; their share of all clearances at the port at those hours predicts <b>"
          + e + "</b>.";
    }
    if (CombinedEvidence.INSPECTION.equals(f.evidence())) {
      return "When this officer cleared " + group + ", it was inspected <b>" + observed + "</b> times; the other "
          + "officers' rate of inspecting its passages predicts <b>" + e + "</b>.";
    }
    if (officer) {
      return "<b>" + observed + "</b> of " + group + "'s " + groupCrossings + " crossings here fell in this "
          + "officer's shifts; given when the rest of the division was on duty, chance predicts <b>" + e + "</b>.";
    }
    return "<b>" + observed + "</b> of " + group + "'s " + groupCrossings + " crossings here fell in the division's "
        + "duty; the group's usual hours of crossing predict <b>" + e + "</b>.";
  }

  private String bandBadge(Double q) {
    String band = band(q);
    return "<span class=\"band band-" + band.replace(' ', '-') + "\">" + band + "</span>";
  }

  private static String statusWords(Finding f) {
    String status = f.reviewStatus() == null ? "" : f.reviewStatus().replace('_', ' ');
    return f.runsSeen() != null && f.runsSeen() > 1 ? status + ", flagged in " + f.runsSeen() + " runs" : status;
  }

  private static int intOf(Integer n) {
    return n == null ? 0 : n;
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
        #start-here{background:#fff;border:2px solid #3b6fb6;border-radius:6px;padding:.2rem 1rem 1rem;margin-top:1rem}
        .band{display:inline-block;padding:.05rem .45rem;border-radius:4px;font-size:.8rem;white-space:nowrap}
        .band-very-strong{background:#3b3f8f;color:#fff} .band-strong{background:#6f74c9;color:#fff}
        .band-moderate{background:#d9dbf3} .band-below-the-bar{background:#eee}
        .large-group{display:inline-block;background:#fde7c2;border:1px solid #d99a2b;border-radius:4px;padding:0 .3rem;font-size:.8rem}
        .scroll{overflow-x:auto} table.cases{font-size:.75rem}
        section.nested{border-left:4px solid #3b6fb6;margin-left:1rem}
        .nested-note{font-size:.85rem;color:#374151} td.no-shift{color:#8a4b00;font-style:italic}
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
    html.append("<h3>Inputs and quarantine</h3>\n<table><tr><th>input</th><th>read</th><th>valid</th><th>quarantined</th>"
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
    html.append("<h3>Review</h3>\n<table id=\"review-counts\"><tr><th>flagged this run</th><th>raised for review</th>"
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
    html.append("<h3>Watch list: flags per port and division</h3>\n<p class=\"omitted\">Flags per run (raised leads, each pattern once; runs before leads were counted: officers "
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
    html.append("<h2>All findings of this run</h2>\n");
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

  private void finding(StringBuilder html, Finding f, List<Finding> nested, Set<String> detailed) {
    String id = f.findingId();
    boolean under = !f.standsAlone() && f.raised();
    html.append("<section class=\"finding").append(under ? " nested" : "").append("\" id=\"").append(esc(id))
        .append("\" data-finding-id=\"").append(esc(id)).append("\" data-lead-id=\"")
        .append(esc(f.leadId() == null ? id : f.leadId())).append("\">\n<h3>").append(esc(id)).append(": ")
        .append(esc(who(f))).append(" at ").append(esc(f.portId())).append(" ").append(status(f)).append(" ")
        .append(bandBadge(f.qValue())).append("</h3>\n");
    if (under) {
      html.append("<p class=\"nested-note\">Shown under ").append(esc(f.leadId())).append(": ")
          .append(esc(shareOf(f, leadOf(f)))).append(". This is the same pattern seen from the division; the other "
              + "officers of the division are not what it points at, and the watch list counts it once.</p>\n");
    }
    html.append("<p class=\"why\">").append(whyRaised(f)).append(" Strength: <b>").append(band(f.qValue()))
        .append("</b> (p = ").append(esc(sciText(f.pValue()))).append(", q = ").append(esc(sciText(f.qValue())))
        .append(", false discovery rate controlled over all tests of the run). First seen ")
        .append(esc(f.firstSeen())).append(", flagged in ").append(f.runsSeen()).append(" run(s).");
    if (f.decision() != null) {
      html.append(" Latest decision: <b>").append(esc(decision(f))).append("</b>");
      if (f.decisionNote() != null && !f.decisionNote().isEmpty()) {
        html.append(" (\u201c").append(esc(f.decisionNote())).append("\u201d)");
      }
      html.append(", evidence then ").append(String.valueOf(f.evidenceAtDecision()))
          .append(" aligned events, now ").append(f.alignedEvents()).append('.');
    }
    html.append("</p>\n");
    explainEvidence(html, f);
    patterns(html, f);
    observedExpected(html, f);
    timeline(html, f);
    comparison(html, f);
    cases(html, f);
    for (Finding n : nested) {
      if (detailed.contains(n.findingId())) {
        finding(html, n, List.of(), detailed);
      }
    }
    html.append("</section>\n");
  }

  private Finding leadOf(Finding f) {
    return evidence.findings().stream().filter(l -> l.findingId().equals(f.leadId())).findFirst().orElse(f);
  }

  /** What each kind of evidence means, once per finding, in words. */
  private static void explainEvidence(StringBuilder html, Finding f) {
    String text;
    if (CombinedEvidence.CLEARING.equals(f.evidence())) {
      text = "<b>Evidence: clearing.</b> The clearance records name the officer who cleared each traveller. This "
          + "lead rests on how often this officer was the one who cleared the group, against the officer's share of "
          + "all clearances at the port in the same hours; when the officer was on duty is not what carried it.";
    } else if (CombinedEvidence.INSPECTION.equals(f.evidence())) {
      text = "<b>Evidence: inspection.</b> The records say whether each passage was inspected. This lead rests on "
          + "how rarely the group was inspected when this officer cleared it, against how often the other officers "
          + "who cleared it inspected it.";
    } else if (DutyRosters.OFFICER.equals(f.kind())) {
      text = "<b>Evidence: duty.</b> The group crossed during this officer's shifts more often than its own habits "
          + "explain. An officer's expected figure is <i>conditional on the division</i>: only days on which the rest "
          + "of the division was on or off duty exactly as it really was count, so it measures what this officer's "
          + "own shifts (overtime, rest days) add to the division's. It is larger than the division's expected "
          + "figure for the same crossings because it starts from the crossings the division already covers.";
    } else {
      text = "<b>Evidence: duty.</b> The group crossed during the division's duty more often than its own habits "
          + "explain: the group keeps its times of day, and its days are shuffled among days of the same kind. "
          + "The division's expected figure counts all of the group's crossings; an officer's counts only what the "
          + "officer adds to the division, so the two are not on one basis.";
    }
    html.append("<p class=\"evidence-explained\">").append(text).append("</p>\n");
  }

  /** The finding's groups as patterns: nested groups are one pattern, counted once. */
  private void patterns(StringBuilder html, Finding f) {
    List<NestedGroups.Pattern> patterns = NestedGroups.of(f.groups(), evidence.groups());
    html.append("<p class=\"patterns\">").append(f.memberCount() == null ? "" : "<b>" + f.memberCount()
        + "</b> travellers in ").append(patterns.size()).append(patterns.size() == 1 ? " pattern" : " patterns")
        .append(", <b>").append(intOf(f.crossings())).append("</b> crossings in the case records, each counted once");
    html.append(":</p>\n<ul class=\"pattern-list\">\n");
    for (NestedGroups.Pattern p : patterns) {
      CaseEvidence.GroupInfo top = p.largest();
      CrossingHabit habit = CrossingHabit.of(evidence.eventsOf(top.groupId(), f.portId()));
      html.append("<li data-groups=\"").append(esc(String.join(" ", p.groups().stream()
          .map(CaseEvidence.GroupInfo::groupId).toList()))).append("\">group ").append(esc(top.groupId()))
          .append(" (").append(top.size()).append(" travellers)");
      if (p.groups().size() > 1) {
        html.append(" with the groups nested in it: ").append(esc(String.join(", ", p.groups().subList(1,
            p.groups().size()).stream().map(g -> g.groupId() + " (" + g.size() + ")").toList())));
      }
      html.append("; crosses ").append(esc(habit.describe()));
      if (top.largeGroup() || top.size() >= LARGE_GROUP_MEMBERS) {
        html.append(" <span class=\"large-group\">large").append(habit.regular() ? " regular" : "").append(" group")
            .append("</span>: a works shuttle or a coach looks like this; find out what it is before reading the "
                + "lead as a ring");
      }
      html.append("</li>\n");
    }
    html.append("</ul>\n");
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

  private void timeline(StringBuilder html, Finding f) {
    String id = f.findingId();
    List<String> groups = f.groups();
    List<Shift> shifts = evidence.shiftsOf(id);
    Set<String> inRecords = evidence.recordCrossingsOf(id);
    // One dot per crossing: a crossing of a ring is also one of each group nested in it.
    Map<String, GroupEvent> byCrossing = new TreeMap<>();
    List<GroupEvent> unnamed = new ArrayList<>();
    groups.forEach(g -> evidence.eventsOf(g, f.portId()).forEach(e -> {
      if (e.basketId() == null) {
        unnamed.add(e);
      } else {
        byCrossing.putIfAbsent(e.basketId(), e);
      }
    }));
    List<GroupEvent> events = new ArrayList<>(byCrossing.values());
    events.addAll(unnamed);
    // Local days run from the day before the UTC window to the day after it (a port east or
    // west of UTC has crossings on both edges), or from the first crossing in the records
    // when the alignment window reaches further back.
    LocalDate first = LocalDate.parse(manifest.windowStart().substring(0, 10)).minusDays(1);
    for (GroupEvent e : events) {
      if (e.localDate() != null && inRecords.contains(e.basketId()) && e.localDate().isBefore(first)) {
        first = e.localDate();
      }
    }
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
    int recorded = 0;
    int drawn = 0;
    for (GroupEvent e : events) {
      LocalDateTime at = e.localDate().atStartOfDay().plusSeconds(e.localSecondOfDay());
      long d = ChronoUnit.DAYS.between(first, at.toLocalDate());
      if (d < 0 || d >= days) {
        continue;
      }
      boolean inCase = e.basketId() != null && inRecords.contains(e.basketId());
      recorded += inCase ? 1 : 0;
      drawn++;
      double x = left + d * colWidth + colWidth / 2;
      double y = top + hours(at.toLocalDate(), at) * hourHeight;
      html.append(String.format(Locale.ROOT,
          "<circle class=\"crossing%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"#7b1d12\">"
              + "<title>%s %s %s, %d members%s</title></circle>\n",
          inCase ? " in-records" : "", x, y, inCase ? "#c0392b" : "#ffffff", esc(e.groupId()), esc(e.direction()),
          at.toString().replace('T', ' '), e.membersPresent().longValue(), inCase ? ", in the case records" : ""));
    }
    boolean officer = f.kind().equals(DutyRosters.OFFICER);
    html.append("</svg>\n<p class=\"legend\"><span style=\"color:#3b6fb6\">&#9632; ").append(esc(who))
        .append(officer ? "'s shifts" : " shifts").append("</span>");
    if (officer) {
      html.append("<span style=\"color:#9aa5b8\">&#9632; rest of ").append(esc(f.divisionId()))
          .append("</span>");
    }
    html.append("<span style=\"color:#c0392b\">&#9679; crossing in the case records (<b class=\"recorded\">")
        .append(recorded).append("</b>)</span><span>&#9675; other crossing of the group here (").append(drawn - recorded)
        .append(")</span></p>\n");
  }

  /** The finding's own shift, as against the rest of its division's. */
  private static boolean isOwn(Shift s) {
    return s.role().equals(FindingShifts.FINDING);
  }

  private static double hours(LocalDate day, LocalDateTime at) {
    return ChronoUnit.SECONDS.between(day.atStartOfDay(), at) / 3600.0;
  }

  /**
   * The division's officers against the same groups, each with the same figures as the
   * finding: duty (an officer's expected figure is conditional on the division) and, where the
   * records name who cleared, the clearances; and why each was or was not raised.
   */
  private void comparison(StringBuilder html, Finding f) {
    List<String> groups = f.groups();
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
    boolean clearing = officers.stream().anyMatch(o -> o.clearedEvents() != null);
    html.append("<p class=\"baseline\">Every officer is shown with the same figures. Duty: crossings in the "
        + "officer's shifts against what chance predicts <i>given the division's duty</i> (conditional on the division, "
        + "so not comparable with the division's own expected figure).")
        .append(clearing ? " Cleared: the group's clearances the records name the officer for, against the officer's "
            + "share of all clearances at the port at those hours." : "")
        .append(" An officer is raised when the strongest of these passes the run's bar (q at most ")
        .append(esc(sciText(level))).append(").</p>\n");
    html.append("<table class=\"comparison\"><tr><th>officer</th><th>group</th><th>duty: on shift</th>"
        + "<th>duty: expected given the division</th>");
    if (clearing) {
      html.append("<th>cleared</th><th>cleared: expected</th>");
    }
    html.append("<th>carried by</th><th>p</th><th>q</th><th>raised, and why</th></tr>\n");
    for (OfficerTest o : officers) {
      boolean mine = o.officerId().equals(f.officerId());
      // A test always has these figures; unboxing them here fails loudly on one that has not.
      html.append(mine ? "<tr class=\"this-officer\" style=\"font-weight:bold\">" : "<tr>").append("<td>")
          .append(esc(o.officerId())).append("</td><td>").append(esc(o.groupId())).append("</td>")
          .append(num(o.alignedEvents().intValue())).append(dec(o.expectedAlignedEvents().doubleValue()));
      if (clearing) {
        html.append(num(o.clearedEvents())).append(dec(o.expectedClearedEvents()));
      }
      html.append("<td>").append(esc(o.evidence())).append("</td>").append(sci(o.pValue().doubleValue()))
          .append(sci(o.qValue().doubleValue())).append("<td>").append(esc(raisedBecause(o))).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private String raisedBecause(OfficerTest o) {
    String q = sciText(o.qValue());
    if (Boolean.TRUE.equals(o.flagged())) {
      return "yes: q " + q + " is within the bar " + sciText(level);
    }
    if (Boolean.TRUE.equals(o.statisticallyFlagged())) {
      return "held back: passed the bar, but dismissed and its evidence has not grown";
    }
    return "no: q " + q + " is above the bar " + sciText(level);
  }

  private void cases(StringBuilder html, Finding f) {
    String id = f.findingId();
    long total = evidence.caseCountOf(id);
    List<CaseRecord> rows = evidence.casesOf(id);
    html.append("<h4>Case records (<span class=\"record-count\">").append(total).append("</span>")
        .append(total == 1 ? " record" : " records").append(", ").append(evidence.recordCrossingsOf(id).size())
        .append(" crossings)</h4>\n");
    if (rows.isEmpty()) {
      html.append("<p class=\"omitted\">").append(f.raised() ? "No clearance record is linked to this finding."
          : "This finding is held back by a dismissal, so no records are listed; its tests are in alignment_tests.")
          .append("</p>\n");
      return;
    }
    html.append("<p class=\"omitted\">One row per clearance record, ready to ask for footage: the port-local time "
        + "beside UTC, the lane and vehicle, who the record says cleared it, and the shift it fell in.</p>\n")
        .append("<div class=\"scroll\"><table class=\"cases\" data-finding-id=\"").append(esc(id)).append("\"><tr><th>record</th>"
        + "<th>port-local time</th><th>UTC</th><th>direction</th><th>lane</th><th>vehicle</th><th>cleared by</th>"
        + "<th>inspected</th><th>seizure</th><th>group members present</th><th>groups</th><th>flagged officer</th>"
        + "<th>shift</th></tr>\n");
    for (CaseRecord r : rows) {
      html.append("<tr data-record-id=\"").append(esc(r.recordId())).append("\"><td>").append(esc(r.recordId()))
          .append("</td><td>").append(esc(r.crossedAtLocal())).append("</td><td>").append(esc(r.crossedAt()))
          .append("</td><td>").append(esc(r.direction())).append("</td><td>").append(esc(orDash(r.laneId())))
          .append("</td><td>").append(esc(r.vehicleId() == null ? "on foot" : r.vehicleId())).append("</td><td>")
          .append(esc(r.clearedBy() == null ? "not recorded" : r.clearedBy())).append("</td><td>")
          .append(yesNo(r.inspected())).append("</td><td>").append(yesNo(r.seizure())).append("</td>")
          .append(num(r.membersPresent())).append("<td>").append(esc(String.join(", ", r.groups())))
          .append("</td><td>").append(esc(r.officerIds().isEmpty() ? "(division)" : String.join(", ", r.officerIds())))
          .append("</td>");
      if (r.shiftIds().isEmpty()) {
        html.append("<td class=\"no-shift\">").append(esc(noShift(r))).append("</td>");
      } else {
        html.append("<td>").append(esc(String.join(", ", r.shiftIds()))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table></div>\n");
    if (rows.size() < total) {
      html.append("<p class=\"omitted\">The first ").append(rows.size())
          .append(" records are shown; all are in the <code>flagged_cases</code> table (filter on finding_ids).</p>\n");
    }
  }

  /** Why a record has no shift: said in words, since a roster gap is itself worth a look. */
  private static String noShift(CaseRecord r) {
    if (r.officerIds().isEmpty()) {
      return "no officer of the division rostered at this time: a roster gap, itself worth a look";
    }
    return r.officerIds().contains(r.clearedBy())
        ? "the record names this officer, but no shift of theirs covers this time: work off the roster, or a roster gap"
        : "no shift of this officer covers this time";
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }

  private static String yesNo(Boolean value) {
    return value == null ? "-" : value ? "yes" : "no";
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
