package org.integrityrisk.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.integrityrisk.output.Pseudonymiser;

/**
 * Generates a deterministic synthetic scenario for the pipeline: ports, duty rosters and
 * clearance records with colluding rings planted among innocent groups and background
 * traffic, the dev pseudonym key, and truth.json saying what a correct run must find.
 * Equal options give byte-identical files. Clearances are streamed, so the heap needed
 * does not grow with the background volume. The optional patterns ({@link
 * GeneratorOptions.Extras}) come on top of the scale's volume; with all of them off the
 * files are exactly those of a generator without them.
 */
public final class ScenarioGenerator {
  /** Clearance rows at scale 1, planted groups included. */
  static final long ROWS_PER_SCALE = 100_000;
  /** Background rows are never fewer, so planted rows always hide among ordinary traffic. */
  static final long MIN_BACKGROUND_ROWS = 500;
  /** Above this scale the clearances are a folder of part files. */
  static final double SINGLE_FILE_MAX_SCALE = 10;
  static final long ROWS_PER_PART = 1_000_000;
  static final String KEY_FILE = "pseudonym.key";
  static final String CLEARANCES_FILE = "clearances.csv";
  static final String CLEARANCES_FOLDER = "clearances";
  private static final Pattern PART_FILE = Pattern.compile("part-\\d{5}\\.csv");

  private ScenarioGenerator() {}

  /**
   * How the clearances are laid out: {@code FILES}, one file (a folder of part files above
   * scale {@value #SINGLE_FILE_MAX_SCALE}); {@code BY_DAY}, a data lake of one folder per UTC
   * day, {@code clearances/crossing_date=YYYY-MM-DD/part-00000.csv}. The rows are the same.
   */
  public enum Layout { FILES, BY_DAY }

  public static ScenarioSummary generate(GeneratorOptions options) throws IOException {
    return generate(options, Layout.FILES);
  }

  public static ScenarioSummary generate(GeneratorOptions options, Layout layout) throws IOException {
    boolean partitioned = options.scale() > SINGLE_FILE_MAX_SCALE;
    return generate(options, partitioned, layout == Layout.BY_DAY, ROWS_PER_PART);
  }

  /** With the clearance layout chosen by the caller, so tests can split a small scenario into parts. */
  static ScenarioSummary generate(GeneratorOptions options, boolean partitioned, long rowsPerPart)
      throws IOException {
    return generate(options, partitioned, false, rowsPerPart);
  }

  private static ScenarioSummary generate(GeneratorOptions options, boolean partitioned, boolean byDay,
      long rowsPerPart) throws IOException {
    Path dir = options.output();
    Files.createDirectories(dir);
    removeOldClearances(dir);

    ScenarioWindow window = new ScenarioWindow(options.runDate(), options.lookbackDays());
    RandomStreams streams = new RandomStreams(options.seed());
    PortPlan ports = PortPlan.standard(window);
    Identifiers ids = new Identifiers(streams.stream("identifiers"));
    TravelDetails details = new TravelDetails(ports);

    String key = DevKey.forSeed(options.seed());
    Path keyFile = dir.resolve(KEY_FILE);
    Files.write(keyFile, key.getBytes(StandardCharsets.US_ASCII));
    try {
      // A development key, but written as a real one should be: for its owner only.
      Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException noPosixModes) {
      // A file system without POSIX modes: the run does not check them there either.
    }
    Pseudonymiser pseudonymiser = new Pseudonymiser(key.getBytes(StandardCharsets.US_ASCII));

    RosterBuilder rosterBuilder = new RosterBuilder(ports, window, streams.stream("roster"), options.staffing());
    Staffing staffing = rosterBuilder.staff();
    CollusionPlan plan = CollusionPlan.choose(staffing, streams.stream("collusion"));
    if (options.rings().fixedPortColluder()) {
      plan = plan.withFixedPortOfficer(staffing, streams.stream("collusion-fixed-port"));
    }
    Roster roster = rosterBuilder.schedule(staffing, plan);

    List<Crossing> planted = new ArrayList<>();
    List<PlantedGroup> rings =
        new RingPlanter(window, ports, ids, details, streams.stream("rings"), options.rings(),
            streams.stream("ring-sizes"), streams.stream("ring-stays"))
            .plant(roster, plan, planted);
    List<PlantedGroup> innocent =
        new InnocentGroups(window, ports, ids, details, streams, options.scale()).plant(planted);
    // Only the standard planted rows count against the scale's volume: the optional
    // patterns come on top, so the background is the same with or without them.
    long backgroundRows =
        Math.max(MIN_BACKGROUND_ROWS, Math.round(ROWS_PER_SCALE * options.scale()) - planted.size());

    GeneratorOptions.Extras extras = options.extras();
    ScenarioExtras.Planted more =
        ScenarioExtras.plant(extras, options.rings(), window, ports, ids, details, streams, roster, plan, rings.size(),
            options.scale());
    List<Crossing> extraCrossings = more.crossings();
    if (more.clearingRing() != null) {
      rings = concat(rings, List.of(more.clearingRing()));
    }
    innocent = concat(innocent, more.innocentGroups());
    String clearingRingId = more.clearingRing() == null ? null : more.clearingRing().groupId();

    ClearingDesk desk = null;
    ClearingDesk faultDesk = null;
    if (extras.clearingOfficers()) {
      OnDutyIndex duty = new OnDutyIndex(roster, ports);
      List<Crossing> cleared = PlantedClearing.clear(concat(planted, extraCrossings),
          PlantedClearing.collusions(rings, staffing, clearingRingId), duty, streams.stream("clearing-planted"),
          extras.freeBooths() ? streams.stream("clearing-booths") : null);
      planted = cleared.subList(0, planted.size());
      extraCrossings = cleared.subList(planted.size(), cleared.size());
      desk = new ClearingDesk(duty, streams.stream("clearing"));
      faultDesk = new ClearingDesk(duty, streams.stream("clearing-faults"));
    }
    ClearanceFaults.Planned faults =
        ClearanceFaults.plan(window, ports, ids, details, streams.stream("clearance-faults"), faultDesk);
    ClearanceFile.Extra extraRows = extraCrossings.isEmpty() && faults.clearing().isEmpty()
        ? ClearanceFile.Extra.NONE
        : new ClearanceFile.Extra(extraCrossings, faults.clearing(), streams.stream("clearance-order-extras"));
    BackgroundTraffic background =
        new BackgroundTraffic(window, ports, ids, details, streams.stream("background"));

    ClearanceFile.Result clearances;
    String header = ClearanceFile.header(desk != null);
    try (CsvOutput out = byDay
        ? CsvOutput.byDay(dir, CLEARANCES_FOLDER, header, window.firstDay())
        : partitioned
        ? CsvOutput.partitioned(dir, CLEARANCES_FOLDER, header, rowsPerPart)
        : CsvOutput.single(dir, CLEARANCES_FILE, header)) {
      clearances = ClearanceFile.write(out, background, backgroundRows, planted, faults.standard(),
          streams.stream("clearance-order"), extraRows, desk);
    }
    RosterFile.Result rosters;
    try (CsvOutput out = CsvOutput.single(dir, RosterFile.FILE, RosterFile.HEADER)) {
      rosters = RosterFile.write(out, roster, plan, window, streams.stream("roster-file"));
    }
    PortFile.Result portRows;
    try (CsvOutput out = CsvOutput.single(dir, PortFile.FILE, PortFile.HEADER)) {
      portRows = PortFile.write(out, ports, streams.stream("port-file"));
    }

    String clearanceName = partitioned || byDay ? CLEARANCES_FOLDER : CLEARANCES_FILE;
    Path truthFile = dir.resolve(TruthWriter.FILE);
    TruthWriter.write(truthFile, new TruthWriter.Truth(
        options, window, KEY_FILE,
        new TruthWriter.InputTruth(clearanceName, clearances.records(), clearances.badRows(),
            clearances.duplicates()),
        new TruthWriter.InputTruth(RosterFile.FILE, rosters.records(), rosters.badRows(), rosters.duplicates()),
        new TruthWriter.InputTruth(PortFile.FILE, portRows.records(), portRows.badRows(), portRows.duplicates()),
        ports, staffing, rings, innocent, clearingRingId, more.queueBurst(), pseudonymiser));

    return new ScenarioSummary(dir.resolve(clearanceName), dir.resolve(RosterFile.FILE), dir.resolve(PortFile.FILE),
        keyFile, truthFile, clearances.records(), rosters.records(), portRows.records());
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    if (second.isEmpty()) {
      return first;
    }
    List<T> all = new ArrayList<>(first.size() + second.size());
    all.addAll(first);
    all.addAll(second);
    return all;
  }

  /**
   * A scenario generated earlier into the same folder may have had the other layout or
   * more parts; left behind, those files would be read as part of this scenario.
   */
  private static void removeOldClearances(Path dir) throws IOException {
    Path single = dir.resolve(CLEARANCES_FILE);
    if (Files.isRegularFile(single)) {
      Files.delete(single);
    }
    Path folder = dir.resolve(CLEARANCES_FOLDER);
    if (Files.isDirectory(folder)) {
      List<Path> parts = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
        for (Path f : files) {
          if (PART_FILE.matcher(f.getFileName().toString()).matches()) {
            parts.add(f);
          }
        }
      }
      for (Path f : parts) {
        Files.delete(f);
      }
      // The day folders of a scenario laid out by day.
      try (DirectoryStream<Path> dayFolders = Files.newDirectoryStream(folder, "crossing_date=*")) {
        for (Path day : dayFolders) {
          try (DirectoryStream<Path> files = Files.newDirectoryStream(day, "part-*.csv")) {
            for (Path f : files) {
              Files.delete(f);
            }
          }
          Files.delete(day);
        }
      }
      try (DirectoryStream<Path> rest = Files.newDirectoryStream(folder)) {
        if (!rest.iterator().hasNext()) {
          Files.delete(folder);
        }
      }
    }
  }
}
