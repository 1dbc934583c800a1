package org.integrityrisk.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case report as an investigator reads it, on a generated run with clearing-officer data,
 * free booths, crowds and a workers' shuttle (seed 7601 of the clearing scenarios in
 * DETECTION.md), opened in headless Chromium: a start-here list of leads with the sentence
 * that carried each; one lead per pattern, nested groups and a division mostly one officer's
 * counted once; every officer shown with the same figures; records ready to ask for footage;
 * large regular groups marked; and every count on the page equal to the tables'.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseReportIT {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Path SCREENSHOTS = Launcher.ROOT.resolve("target/report-screenshots");

  @TempDir static Path work;
  private final SparkSession spark = SharedSpark.get();
  private Launcher.Scenario scenario;
  private String dom;
  private List<Row> findings;

  @BeforeAll
  void generateRunAndOpenTheReport() throws Exception {
    scenario = Launcher.generateRunEvaluate(work, "clearing-shuttle", "--seed", "7601", "--scale", "1",
        "--crowd", "15", "--staffing", "teams-of-5", "--ring-size", "2-5", "--ring-stay-hours", "2-3",
        "--fixed-port-colluder", "true", "--clearing-officers", "true", "--free-booths", "true", "--shuttle", "true");
    Path report = scenario.runFolder().resolve("report.html");
    dom = Chromium.run(work, "--dump-dom", report.toUri().toString());
    findings = table("findings").orderBy("finding_id").collectAsList();
    assertFalse(findings.isEmpty(), scenario.report());
  }

  private Dataset<Row> table(String name) {
    return spark.read().parquet(scenario.runFolder().resolve(name).toString());
  }

  private List<Row> leads() {
    return findings.stream().filter(f -> f.<Boolean>getAs("raised")
        && f.getAs("finding_id").equals(f.getAs("lead_id"))).toList();
  }

  @Test
  void startHereListsEveryLeadFirstWithWhatCarriedItAndItsStrength() {
    int start = dom.indexOf("<section id=\"start-here\">");
    assertTrue(start > 0, "the page opens with the leads");
    assertTrue(start < dom.indexOf("id=\"run-limits\"") && start < dom.indexOf("Inputs and quarantine")
        && start < dom.indexOf("id=\"watch-list\"") && start < dom.indexOf("id=\"review-counts\""),
        "run summary, quarantine, review counts and watch list come after the leads");
    String list = element(dom, start);
    List<Row> leads = leads();
    Matcher row = Pattern.compile("<tr data-lead-id=\"([^\"]+)\">([\\s\\S]*?)</tr>").matcher(list);
    List<String> shown = new ArrayList<>();
    while (row.find()) {
      shown.add(row.group(1));
      String cells = row.group(2);
      assertTrue(cells.matches("[\\s\\S]*<td class=\"why\">[^<]*\\S[\\s\\S]*"), "a plain sentence: " + cells);
      assertTrue(cells.matches("[\\s\\S]*<span class=\"band band-(very-strong|strong|moderate)\">[\\s\\S]*"), cells);
      assertTrue(cells.matches("[\\s\\S]*<td class=\"details\">p [0-9.e-]+, q [0-9.e-]+; [\\s\\S]*"),
          "p and q stay, in the details column: " + cells);
    }
    assertEquals(leads.stream().map(r -> r.<String>getAs("finding_id")).sorted().toList(),
        shown.stream().sorted().toList(), "one row per raised finding that stands as its own lead");
    assertTrue(dom.contains("<p id=\"strength-bands\""), "the bands are explained once");
    assertTrue(list.contains("This officer cleared"), "the clearing evidence is said in words");
  }

  @Test
  void onePatternIsOneLeadAndEachCrossingIsCountedOnce() {
    int nestedDivisions = 0;
    for (Row f : findings) {
      String id = f.getAs("finding_id");
      if (!f.<Boolean>getAs("raised")) {
        continue;
      }
      String lead = f.getAs("lead_id");
      String section = element(dom, dom.indexOf("<section class=\"finding"
          + (id.equals(lead) ? "\"" : " nested\"") + " id=\"" + id + "\""));
      if (!id.equals(lead)) {
        nestedDivisions++;
        assertFalse(dom.contains("<tr data-lead-id=\"" + id + "\""), id + " has no row of its own in start-here");
        String leadSection = element(dom, dom.indexOf("<section class=\"finding\" id=\"" + lead + "\""));
        assertTrue(leadSection.contains("id=\"" + id + "\""), id + " is shown inside the section of " + lead);
        assertTrue(section.contains("Shown under " + lead), section);
      } else {
        Matcher crossings = Pattern.compile("<tr data-lead-id=\"" + id + "\">[\\s\\S]*?data-crossings=\"(\\d+)\"")
            .matcher(dom);
        assertTrue(crossings.find(), id);
        assertEquals(f.<Integer>getAs("crossings"), Integer.valueOf(crossings.group(1)), id + " crossings");
      }
      assertTrue(section.contains("<b>" + f.getAs("crossings") + "</b> crossings in the case records, each counted "
          + "once"), section.substring(0, Math.min(3000, section.length())));
    }
    assertTrue(nestedDivisions > 0, "the scenario has division findings that are one officer's pattern");
    assertTrue(dom.contains("with the groups nested in it: "), "nested groups are listed as one pattern");
    // Crossings counted once: the findings table's figure is the distinct crossings of its records.
    Dataset<Row> backing = table("flagged_cases").select(col("basket_id"),
        org.apache.spark.sql.functions.explode(col("finding_ids")).as("f"));
    for (Row f : findings) {
      if (f.<Boolean>getAs("raised")) {
        assertEquals(f.<Integer>getAs("crossings").longValue(), backing.filter(col("f").equalTo(
            f.<String>getAs("finding_id"))).select("basket_id").distinct().count());
      }
    }
    // The watch list counts each lead once.
    String date = scenario.truth().get("run_date").asText();
    Map<String, Long> leadsPerDivision = new TreeMap<>();
    leads().forEach(l -> leadsPerDivision.merge(l.getAs("port_id") + " / " + l.getAs("division_id"), 1L, Long::sum));
    Map<String, Long> watched = new TreeMap<>();
    table("watch_list").filter(col("run_date").equalTo(java.sql.Date.valueOf(date)).and(col("leads_raised").gt(0)))
        .collectAsList().forEach(r -> watched.put(r.getAs("port_id") + " / " + r.getAs("division_id"),
            r.<Integer>getAs("leads_raised").longValue()));
    assertEquals(leadsPerDivision, watched);
    for (Map.Entry<String, Long> unit : watched.entrySet()) {
      assertTrue(dom.contains("<tr><td>" + unit.getKey() + "</td>"), unit.getKey());
    }
  }

  @Test
  void everyOfficerIsShownWithTheSameFiguresAndWhyTheyWereRaisedOrNot() {
    Matcher table = Pattern.compile("<table class=\"comparison\">([\\s\\S]*?)</table>").matcher(dom);
    int tables = 0;
    while (table.find()) {
      tables++;
      String t = table.group(1);
      assertTrue(t.contains("<th>duty: expected given the division</th><th>cleared</th><th>cleared: expected</th>"),
          "every officer with the duty and the clearing figures: " + t);
      Matcher row = Pattern.compile("<tr( class=\"this-officer\"[^>]*)?>(<td>[\\s\\S]*?)</tr>").matcher(t);
      while (row.find()) {
        assertTrue(row.group(2).matches("[\\s\\S]*<td>(yes: q [0-9.e-]+ is within the bar|no: q [0-9.e-]+ is above "
            + "the bar|held back:)[^<]*</td>$"), row.group(2));
      }
    }
    assertTrue(tables > 0);
    assertTrue(dom.contains("conditional on the division"), "the officer's baseline is labelled as conditional");
  }

  @Test
  void recordsAreReadyToAskForFootageAndEveryCountedCrossingIsAmongThem() {
    Map<String, ZoneId> zones = new HashMap<>();
    spark.read().option("header", true).csv(Path.of(scenario.truth().at("/files/ports").asText()).isAbsolute()
            ? scenario.truth().at("/files/ports").asText()
            : work.resolve("clearing-shuttle").resolve(scenario.truth().at("/files/ports").asText()).toString())
        .collectAsList().forEach(r -> {
          try {
            zones.put(r.getAs("port_id"), ZoneId.of(r.getAs("timezone")));
          } catch (RuntimeException unknownZone) {
            // The generator writes broken rows on purpose; the run quarantined them.
          }
        });
    int records = 0;
    for (Row f : findings) {
      String id = f.getAs("finding_id");
      if (!f.<Boolean>getAs("raised")) {
        continue;
      }
      int start = dom.indexOf("id=\"" + id + "\" data-finding-id");
      String section = element(dom, dom.lastIndexOf("<section", start));
      int total = f.getAs("case_records");
      assertTrue(section.contains("Case records (<span class=\"record-count\">" + total + "</span>"), id);
      String cases = section.substring(section.indexOf("<table class=\"cases\" data-finding-id=\"" + id + "\""));
      cases = cases.substring(0, cases.indexOf("</table>"));
      Matcher row = Pattern.compile("<tr data-record-id=\"[^\"]+\"><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>"
          + "([\\s\\S]*?)</tr>").matcher(cases);
      int rows = 0;
      ZoneId zone = zones.get(f.<String>getAs("port_id"));
      while (row.find()) {
        rows++;
        LocalDateTime utc = LocalDateTime.parse(row.group(2), TIME);
        assertEquals(utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDateTime().format(TIME),
            row.group(1), "port-local time beside UTC");
        assertFalse(row.group(3).contains("<td></td>"), "no blank cell, a blank shift is explained: " + row.group(3));
      }
      assertEquals(Math.min(total, 200), rows, id + ": one row per record, as many as case_records");
      records += rows;
      String chart = section.substring(section.indexOf("<svg class=\"timeline\""), section.indexOf("</svg>",
          section.indexOf("<svg class=\"timeline\"")));
      assertEquals(f.<Integer>getAs("crossings").intValue(), chart.split("class=\"crossing in-records\"", -1).length - 1,
          id + ": every crossing the headline counts is drawn as one in the records");
    }
    assertTrue(records > 0);
    assertTrue(dom.contains("<th>port-local time</th><th>UTC</th><th>direction</th><th>lane</th><th>vehicle</th>"
        + "<th>cleared by</th><th>inspected</th><th>seizure</th><th>group members present</th>"));
  }

  @Test
  void everyLeadShowsItsTravellersAndTheShuttleIsMarkedWithItsTimetable() {
    for (Row lead : leads()) {
      assertTrue(dom.matches("[\\s\\S]*<tr data-lead-id=\"" + lead.getAs("finding_id")
          + "\">[\\s\\S]*?<td class=\"members\">" + lead.getAs("member_count") + "[ <][\\s\\S]*"),
          "member count of " + lead.getAs("finding_id"));
    }
    Row shuttle = table("suspect_groups").filter(col("large_group").and(col("size").geq(30))).first();
    String id = shuttle.getAs("group_id");
    Matcher marked = Pattern.compile("<li data-group-id=\"" + id + "\">group " + id + ", \\d+ travellers <span "
        + "class=\"large-group\">large regular group: weekdays around (\\d\\d):(\\d\\d) and (\\d\\d):(\\d\\d)</span>")
        .matcher(dom);
    assertTrue(marked.find(), dom.substring(dom.indexOf("<ul id=\"large-groups\">")));
    // The times are the shuttle's own: the median port-local time of its morning and evening crossings.
    List<Row> events = table("group_events").filter(col("group_id").equalTo(id)).orderBy("local_second_of_day")
        .select("local_second_of_day").collectAsList();
    List<Long> morning = events.stream().map(r -> ((Number) r.get(0)).longValue()).filter(s -> s < 12 * 3600).toList();
    List<Long> evening = events.stream().map(r -> ((Number) r.get(0)).longValue()).filter(s -> s >= 12 * 3600).toList();
    assertEquals(morning.get(morning.size() / 2) / 60.0, Integer.parseInt(marked.group(1)) * 60
        + Integer.parseInt(marked.group(2)), 3.0, "morning time");
    assertEquals(evening.get(evening.size() / 2) / 60.0, Integer.parseInt(marked.group(3)) * 60
        + Integer.parseInt(marked.group(4)), 3.0, "evening time");
  }

  /** Screenshots of the top of the report and of the first lead, for the README; checked to be painted. */
  @Test
  void screenshotsOfTheTopAndOfOneLead() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path report = scenario.runFolder().resolve("report.html");
    String html = Files.readString(report, StandardCharsets.UTF_8);
    String lead = leads().get(0).getAs("finding_id");
    // One lead alone: the page's head and styles with that lead's section as the body.
    int from = html.indexOf("<section class=\"finding\" id=\"" + lead + "\"");
    Path leadPage = work.resolve("lead.html");
    Files.writeString(leadPage, html.substring(0, html.indexOf("<main>") + 6) + element(html, from)
        + "</main></body></html>\n", StandardCharsets.UTF_8);
    Path top = SCREENSHOTS.resolve("report-top.png");
    Path one = SCREENSHOTS.resolve("report-lead.png");
    Chromium.run(work, "--screenshot=" + top, "--window-size=1280,1000", report.toUri().toString());
    Chromium.run(work, "--screenshot=" + one, "--window-size=1280,1700", leadPage.toUri().toString());
    for (Path png : List.of(top, one)) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, png + " is a PNG");
      long painted = 0;
      for (int y = 0; y < image.getHeight(); y += 2) {
        for (int x = 0; x < image.getWidth(); x += 2) {
          int rgb = image.getRGB(x, y) & 0xffffff;
          painted += rgb == 0x3b6fb6 || rgb == 0xc0392b || rgb == 0x3b3f8f ? 1 : 0;
        }
      }
      assertTrue(painted > 100, png + " shows the leads' colours: " + painted);
    }
  }

  /** The element that starts at {@code start}, up to its own closing tag, nested elements of its kind included. */
  static String element(String html, int start) {
    assertTrue(start >= 0, "element not found");
    Matcher tag = Pattern.compile("<(\\w+)").matcher(html);
    assertTrue(tag.find(start));
    String name = tag.group(1);
    Matcher m = Pattern.compile("<(/?)" + name + "[\\s>]").matcher(html);
    int depth = 0;
    int at = start;
    while (m.find(at)) {
      depth += m.group(1).isEmpty() ? 1 : -1;
      at = m.end();
      if (depth == 0) {
        return html.substring(start, html.indexOf('>', m.start()) + 1);
      }
    }
    throw new AssertionError("unclosed <" + name + "> at " + start);
  }
}
