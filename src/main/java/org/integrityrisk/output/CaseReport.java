package org.integrityrisk.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.integrityrisk.ingest.InputCounts;
import org.integrityrisk.review.ReviewCounts;

/**
 * {@code report.html}: one self-contained page per run for investigators. It opens from
 * disk with no network (styles and charts are inline, no script), says plainly that the
 * findings are leads for review, and for every finding shows why it was raised: the
 * group's crossings drawn over the officer's or division's shifts, observed against
 * expected aligned events, p and q values, the division's other officers for
 * comparison, and the clearance records behind it.
 *
 * <p>Only what the page shows is collected: the findings (a few per run), the shifts and
 * group crossings of the first {@value #DETAILED_FINDINGS} of them and at most
 * {@value #RECORDS_PER_FINDING} case records each; the Parquet tables hold the rest, and
 * the page says how much it left out.
 */
public final class CaseReport {
  public static final String FILE_NAME = "report.html";
  static final int DETAILED_FINDINGS = 50;
  static final int RECORDS_PER_FINDING = 200;
  private static final int WATCH_RUNS = 10;
  private static final String LOCAL = "yyyy-MM-dd'T'HH:mm:ss";

  private final Function<String, Dataset<Row>> tables;
  private final Manifest manifest;
  private final ReviewCounts review;
  private final StringBuilder html = new StringBuilder(64 * 1024);

  /** @param tables this run's output tables, by folder name */
  public CaseReport(Function<String, Dataset<Row>> tables, Manifest manifest, ReviewCounts review) {
    this.tables = tables;
    this.manifest = manifest;
    this.review = review;
  }

  public String render() {
    List<Row> findings = tables.apply("findings")
        .select(col("*"), date_format(col("first_seen"), "yyyy-MM-dd").as("_first"),
            date_format(col("decision_date"), "yyyy-MM-dd").as("_decided"))
        .orderBy(col("raised").desc(), col("q_value"), col("p_value"), col("finding_id"))
        .collectAsList();
    head();
    summary(findings);
    watchList();
    overview(findings);
    List<Row> detailed = findings.subList(0, Math.min(DETAILED_FINDINGS, findings.size()));
    Evidence evidence = Evidence.of(tables, detailed);
    for (Row finding : detailed) {
      finding(finding, evidence);
    }
    if (findings.size() > detailed.size()) {
      html.append("<p class=\"omitted\">").append(findings.size() - detailed.size())
          .append(" more findings are in the <code>findings</code> table of this run.</p>\n");
    }
    html.append("</main></body></html>\n");
    return html.toString();
  }

  /**
   * What the detailed findings' sections draw, gathered with one query per table: a run
   * may raise dozens of findings, and a Spark job per finding and table would take longer
   * than the run's own writes.
   */
  private record Evidence(Map<String, List<Row>> shifts, Map<String, List<Row>> events, List<Row> officerTests,
      Map<String, List<Row>> cases, Map<String, Long> caseCounts) {

    static Evidence of(Function<String, Dataset<Row>> tables, List<Row> detailed) {
      List<String> ids = detailed.stream().map(f -> f.<String>getAs("finding_id")).toList();
      TreeSet<String> groups = new TreeSet<>();
      detailed.forEach(f -> groups.addAll(f.getList(f.fieldIndex("groups"))));
      if (ids.isEmpty()) {
        return new Evidence(Map.of(), Map.of(), List.of(), Map.of(), Map.of());
      }
      Map<String, List<Row>> shifts = byKey(tables.apply("finding_shifts").filter(col("finding_id").isin(ids.toArray()))
          // The division's shifts first, so the finding's own shifts are drawn over them.
          .orderBy(col("finding_id"), col("role").equalTo("finding"), col("shift_start_local"), col("shift_id"))
          .select(col("finding_id"), col("role"), col("shift_id"), col("officer_id"),
              date_format(col("shift_start_local"), LOCAL), date_format(col("shift_end_local"), LOCAL)).collectAsList());
      Map<String, List<Row>> events = new TreeMap<>();
      tables.apply("group_events").filter(col("group_id").isin(groups.toArray()))
          .orderBy("group_id", "local_date", "local_second_of_day")
          .select(col("group_id"), col("direction"), date_format(col("local_date"), "yyyy-MM-dd"),
              col("local_second_of_day"), col("members_present"), col("port_id")).collectAsList()
          .forEach(r -> events.computeIfAbsent(r.getString(0) + "\u0000" + r.getString(5), k -> new ArrayList<>()).add(r));
      List<Row> officerTests = tables.apply("alignment_tests")
          .filter(col("unit_kind").equalTo(lit("officer")).and(col("group_id").isin(groups.toArray())))
          .select("officer_id", "group_id", "aligned_events", "expected_aligned_events", "p_value", "q_value", "flagged",
              "statistically_flagged", "division_id", "port_id")
          .orderBy(col("p_value"), col("officer_id"), col("group_id")).collectAsList();
      Dataset<Row> backing = tables.apply("flagged_cases")
          .select(col("*"), explode(col("finding_ids")).as("_fid")).filter(col("_fid").isin(ids.toArray()));
      Map<String, Long> caseCounts = new TreeMap<>();
      backing.groupBy("_fid").agg(countDistinct("record_id")).collectAsList()
          .forEach(r -> caseCounts.put(r.getString(0), r.getLong(1)));
      Map<String, List<Row>> cases = byKey(backing
          .withColumn("_n", row_number().over(Window.partitionBy("_fid").orderBy("crossed_at", "record_id", "officer_id")))
          .filter(col("_n").leq(RECORDS_PER_FINDING)).orderBy("_fid", "_n")
          .select(col("_fid"), col("record_id"), col("group_id"), col("direction"),
              date_format(col("crossed_at"), "yyyy-MM-dd HH:mm:ss"), col("officer_id"), col("shift_ids"))
          .collectAsList());
      return new Evidence(shifts, events, officerTests, cases, caseCounts);
    }

    private static Map<String, List<Row>> byKey(List<Row> rows) {
      Map<String, List<Row>> grouped = new TreeMap<>();
      rows.forEach(r -> grouped.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
      return grouped;
    }
  }

  private void head() {
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
        travel habits explain. Shift swaps, rosters recorded late and plain coincidence can do the same;
        a lead is a reason to look at the records and shifts below, never a conclusion about a person.
        Travellers appear only as pseudonyms.</p>
        """);
  }

  private void summary(List<Row> findings) {
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
        .append(num(decided.getOrDefault("confirmed", 0L))).append(num(decided.getOrDefault("dismissed", 0L)))
        .append(num(decided.getOrDefault("under_review", 0L))).append(num(decided.getOrDefault(ReviewCounts.UNDECIDED, 0L)))
        .append("<td class=\"n\">").append(review.precisionSeen() == null ? "no decisions yet"
            : String.format(Locale.ROOT, "%.2f", review.precisionSeen())).append("</td></tr></table>\n");
    html.append("<p class=\"omitted\">Counts so far cover every officer and division finding flagged up to this run; "
        + "precision seen is confirmed / (confirmed + dismissed). ")
        .append(findings.size()).append(" findings were flagged in this run.</p>\n");
  }

  private void watchList() {
    Dataset<Row> watch = tables.apply("watch_list")
        .select(date_format(col("run_date"), "yyyy-MM-dd").as("d"), concat_ws(" / ", col("port_id"), col("division_id")).as("unit"),
            col("officers_flagged").plus(when(col("division_flagged"), 1).otherwise(0)).as("flags"));
    long runs = watch.select("d").distinct().count();
    List<String> recent = new ArrayList<>(watch.select("d").distinct().orderBy(col("d").desc()).limit(WATCH_RUNS)
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    java.util.Collections.reverse(recent);
    Map<String, Integer> totals = new TreeMap<>();
    watch.groupBy("unit").agg(sum("flags").cast("int")).collectAsList()
        .forEach(r -> totals.put(r.getString(0), r.getInt(1)));
    Map<String, Map<String, Integer>> cells = new TreeMap<>();
    watch.filter(col("d").isin(recent.toArray())).collectAsList()
        .forEach(r -> cells.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).merge(r.getString(0), r.getInt(2),
            Integer::sum));
    int all = totals.values().stream().mapToInt(Integer::intValue).sum();
    html.append("<h2>Watch list: flags per port and division</h2>\n<p class=\"omitted\">Flags per run (officers "
        + "flagged plus one when the division itself is flagged), the last ").append(recent.size())
        .append(" of ").append(runs).append(" runs; the share is of all flags in all runs.</p>\n")
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

  private void overview(List<Row> findings) {
    html.append("<h2>Findings</h2>\n");
    if (findings.isEmpty()) {
      html.append("<p>No officer or division was flagged in this run.</p>\n");
      return;
    }
    html.append("<table id=\"findings\"><tr><th>finding</th><th>who</th><th>port</th><th>status</th>"
        + "<th>aligned</th><th>expected</th><th>p</th><th>q</th><th>first seen</th><th>runs</th>"
        + "<th>decision</th></tr>\n");
    for (Row f : findings) {
      html.append("<tr><td><a href=\"#").append(esc(f.getAs("finding_id"))).append("\">")
          .append(esc(f.getAs("finding_id"))).append("</a></td><td>").append(esc(who(f))).append("</td><td>")
          .append(esc(f.getAs("port_id"))).append("</td><td>").append(status(f)).append("</td>")
          .append(num(f.<Integer>getAs("aligned_events"))).append(dec(f.getAs("expected_aligned_events")))
          .append(sci(f.getAs("p_value"))).append(sci(f.getAs("q_value"))).append("<td>")
          .append(esc(f.getAs("_first"))).append("</td>").append(num(f.<Integer>getAs("runs_seen"))).append("<td>")
          .append(esc(decision(f))).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void finding(Row f, Evidence evidence) {
    String id = f.getAs("finding_id");
    String port = f.getAs("port_id");
    List<String> groups = f.getList(f.fieldIndex("groups"));
    html.append("<section class=\"finding\" id=\"").append(esc(id)).append("\" data-finding-id=\"").append(esc(id))
        .append("\">\n<h3>").append(esc(id)).append(": ").append(esc(who(f))).append(" at ").append(esc(port))
        .append(" ").append(status(f)).append("</h3>\n");
    html.append("<p>").append(groups.size() == 1 ? "Group " : "Groups ").append(esc(String.join(", ", groups)))
        .append(" crossed <b>").append(f.<Integer>getAs("aligned_events")).append("</b> times during this duty; ")
        .append("their own habits (same times of day, other days) would give <b>")
        .append(String.format(Locale.ROOT, "%.1f", f.<Double>getAs("expected_aligned_events")))
        .append("</b>. Strongest test: p = ").append(esc(sciText(f.getAs("p_value")))).append(", q = ")
        .append(esc(sciText(f.getAs("q_value")))).append(" (false discovery rate controlled over all tests of the run), ")
        .append("evidence: ").append(esc(f.getAs("evidence"))).append(". First seen ").append(esc(f.getAs("_first")))
        .append(", flagged in ").append(f.<Integer>getAs("runs_seen")).append(" run(s).");
    if (f.getAs("decision") != null) {
      html.append(" Latest decision: <b>").append(esc(decision(f))).append("</b>");
      if (f.getAs("decision_note") != null && !f.<String>getAs("decision_note").isEmpty()) {
        html.append(" (\u201c").append(esc(f.getAs("decision_note"))).append("\u201d)");
      }
      html.append(", evidence then ").append(String.valueOf(f.<Integer>getAs("evidence_at_decision")))
          .append(" aligned events, now ").append(f.<Integer>getAs("aligned_events")).append('.');
    }
    html.append("</p>\n");
    observedExpected(f);
    timeline(f, groups, evidence);
    comparison(f, groups, evidence);
    cases(id, f.getAs("raised"), evidence);
    html.append("</section>\n");
  }

  private void observedExpected(Row f) {
    int observed = f.<Integer>getAs("aligned_events");
    double expected = f.<Double>getAs("expected_aligned_events");
    double max = Math.max(1, Math.max(observed, expected));
    double scale = 500 / max;
    html.append("<svg class=\"observed-expected\" width=\"640\" height=\"54\" role=\"img\" aria-label=\"observed ")
        .append(observed).append(" against expected ").append(String.format(Locale.ROOT, "%.1f", expected))
        .append(" aligned events\">")
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

  private record Span(LocalDateTime start, LocalDateTime end, String role, String label) {}

  private void timeline(Row f, List<String> groups, Evidence evidence) {
    String id = f.getAs("finding_id");
    List<Span> shifts = new ArrayList<>();
    for (Row s : evidence.shifts().getOrDefault(id, List.of())) {
      shifts.add(new Span(LocalDateTime.parse(s.getString(4)), LocalDateTime.parse(s.getString(5)), s.getString(1),
          s.getString(2) + " (" + s.getString(3) + ")"));
    }
    List<Row> events = new ArrayList<>();
    groups.forEach(g -> events.addAll(evidence.events().getOrDefault(g + "\u0000" + f.getAs("port_id"), List.of())));
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
    for (Span s : shifts) {
      boolean own = s.role().equals("finding");
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
            own ? "shift" : "division-shift", x, y0, w, y1 - y0, own ? "#3b6fb6" : "#dde3ec", esc(s.label())));
      }
    }
    int aligned = 0;
    int drawn = 0;
    for (Row e : events) {
      LocalDateTime at = LocalDate.parse(e.getString(2)).atStartOfDay().plusSeconds(((Number) e.get(3)).longValue());
      long d = ChronoUnit.DAYS.between(first, at.toLocalDate());
      if (d < 0 || d >= days) {
        continue;
      }
      boolean onDuty = shifts.stream().anyMatch(s -> s.role().equals("finding") && !at.isBefore(s.start())
          && at.isBefore(s.end()));
      aligned += onDuty ? 1 : 0;
      drawn++;
      double x = left + d * colWidth + colWidth / 2;
      double y = top + hours(at.toLocalDate(), at) * hourHeight;
      html.append(String.format(Locale.ROOT,
          "<circle class=\"crossing%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"#7b1d12\">"
              + "<title>%s %s %s, %d members%s</title></circle>\n",
          onDuty ? " on-duty" : "", x, y, onDuty ? "#c0392b" : "#ffffff", esc(e.getString(0)), esc(e.getString(1)),
          at.toString().replace('T', ' '), ((Number) e.get(4)).longValue(), onDuty ? ", on duty" : ""));
    }
    html.append("</svg>\n<p class=\"legend\"><span style=\"color:#3b6fb6\">&#9632; ").append(esc(who))
        .append(f.<String>getAs("kind").equals("officer") ? "'s shifts" : " shifts").append("</span>");
    if (f.<String>getAs("kind").equals("officer")) {
      html.append("<span style=\"color:#9aa5b8\">&#9632; rest of ").append(esc(f.getAs("division_id")))
          .append("</span>");
    }
    html.append("<span style=\"color:#c0392b\">&#9679; group crossing on duty (").append(aligned)
        .append(")</span><span>&#9675; group crossing off duty (").append(drawn - aligned)
        .append(")</span></p>\n");
  }

  private static double hours(LocalDate day, LocalDateTime at) {
    return ChronoUnit.SECONDS.between(day.atStartOfDay(), at) / 3600.0;
  }

  private void comparison(Row f, List<String> groups, Evidence evidence) {
    List<Row> officers = evidence.officerTests().stream()
        .filter(o -> f.getAs("division_id").equals(o.getString(8)) && f.getAs("port_id").equals(o.getString(9))
            && groups.contains(o.getString(1)))
        .toList();
    html.append("<h4>Officers of ").append(esc(f.getAs("division_id"))).append(" against the same group")
        .append(groups.size() == 1 ? "" : "s").append("</h4>\n");
    if (officers.isEmpty()) {
      html.append("<p class=\"omitted\">No officer of the division was tested against these groups.</p>\n");
      return;
    }
    html.append("<table class=\"comparison\"><tr><th>officer</th><th>group</th><th>aligned</th><th>expected</th>"
        + "<th>p</th><th>q</th><th>raised</th></tr>\n");
    for (Row o : officers) {
      boolean mine = o.getString(0).equals(f.getAs("officer_id"));
      html.append(mine ? "<tr style=\"font-weight:bold\">" : "<tr>").append("<td>").append(esc(o.getString(0)))
          .append("</td><td>").append(esc(o.getString(1))).append("</td>").append(num(o.getInt(2)))
          .append(dec(o.getDouble(3))).append(sci(o.getDouble(4))).append(sci(o.getDouble(5))).append("<td>")
          .append(o.getBoolean(6) ? "yes" : o.getBoolean(7) ? "held back" : "no").append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void cases(String id, boolean raised, Evidence evidence) {
    long total = evidence.caseCounts().getOrDefault(id, 0L);
    // Rows of _fid, record_id, group_id, direction, crossed_at, officer_id, shift_ids.
    List<Row> rows = evidence.cases().getOrDefault(id, List.of());
    html.append("<h4>Case records (").append(total).append(total == 1 ? " record" : " records").append(")</h4>\n");
    if (rows.isEmpty()) {
      html.append("<p class=\"omitted\">").append(raised ? "No clearance record is linked to this finding."
          : "This finding is held back by a dismissal, so no records are listed; its tests are in alignment_tests.")
          .append("</p>\n");
      return;
    }
    html.append("<table class=\"cases\"><tr><th>record</th><th>group</th><th>direction</th><th>crossed at (UTC)</th>"
        + "<th>officer</th><th>shifts</th></tr>\n");
    for (Row r : rows) {
      html.append("<tr><td>").append(esc(r.getString(1))).append("</td><td>").append(esc(r.getString(2)))
          .append("</td><td>").append(esc(r.getString(3))).append("</td><td>").append(esc(r.getString(4)))
          .append("</td><td>").append(esc(r.getString(5) == null ? "(division)" : r.getString(5))).append("</td><td>")
          .append(esc(String.join(", ", r.<String>getList(6)))).append("</td></tr>\n");
    }
    html.append("</table>\n");
    if (rows.size() == RECORDS_PER_FINDING) {
      html.append("<p class=\"omitted\">The first ").append(RECORDS_PER_FINDING)
          .append(" rows are shown; all are in the <code>flagged_cases</code> table (filter on finding_ids).</p>\n");
    }
  }

  private static String who(Row f) {
    return "officer".equals(f.getAs("kind"))
        ? "officer " + f.getAs("officer_id") + " (" + f.getAs("division_id") + ")"
        : "division " + f.getAs("division_id");
  }

  private static String status(Row f) {
    boolean raised = f.getAs("raised");
    return "<span class=\"status " + (raised ? "raised" : "held") + "\">" + esc(f.<String>getAs("review_status")
        .replace('_', ' ')) + (raised ? ", raised for review" : "") + "</span>";
  }

  private static String decision(Row f) {
    String d = f.getAs("decision");
    return d == null ? "" : d.replace('_', ' ') + " on " + f.getAs("_decided");
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
