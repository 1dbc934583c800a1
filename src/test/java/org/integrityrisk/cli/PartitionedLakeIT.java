package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.integrityrisk.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clearances lake laid out by day ({@code generate --layout partitioned}) over 90 days:
 * a run reads only the 60 days its alignment window looks back over and the day before (the manifest's files
 * and rows are those days'), and finds exactly what the same scenario as one file gives.
 */
class PartitionedLakeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The alignment window's 60 days and the day before it. */
  private static final int DAYS_READ = 61;
  @TempDir Path work;

  private Path generateAndRun(String name, String... layout) throws Exception {
    Path scenario = work.resolve(name);
    List<String> args = new java.util.ArrayList<>(List.of("generate", "--output", scenario.toString(), "--seed", "23",
        "--scale", "0.3", "--lookback-days", "90"));
    args.addAll(List.of(layout));
    Launcher.Result generated = Launcher.run(work.resolve(name + "-generate.log"), args.toArray(String[]::new));
    assertEquals(0, generated.exit(), generated.toString());
    JsonNode truth = JSON.readTree(scenario.resolve("truth.json").toFile());
    Path output = work.resolve(name + "-findings");
    Launcher.Result ran = Launcher.run(work.resolve(name + "-run.log"), Launcher.runArgs(scenario, truth, output));
    assertEquals(0, ran.exit(), ran.toString());
    return output.resolve("run_date=" + truth.get("run_date").asText());
  }

  @Test
  void aRunReadsTheDaysItLooksBackOverAndFindsWhatOneFileGives() throws Exception {
    Path flat = generateAndRun("flat");
    Path lake = generateAndRun("lake", "--layout", "partitioned");
    JsonNode manifest = JSON.readTree(lake.resolve("manifest.json").toFile());
    LocalDate runDate = LocalDate.parse(manifest.get("run_date").asText());
    LocalDate first = runDate.minusDays(DAYS_READ - 1);

    long files = 0;
    long rows = 0;
    long allFiles = 0;
    try (Stream<Path> days = Files.list(work.resolve("lake/clearances"))) {
      for (Path day : days.toList()) {
        LocalDate date = LocalDate.parse(day.getFileName().toString().substring("crossing_date=".length()));
        allFiles++;
        if (!date.isBefore(first) && !date.isAfter(runDate)) {
          files++;
          rows += org.integrityrisk.generator.CsvRecords.read(day.resolve("part-00000.csv")).size() - 1;
        }
      }
    }
    assertTrue(allFiles >= 85, "the lake holds about 90 days: " + allFiles);
    assertEquals(files, manifest.at("/input_files/clearances/files").asLong(), "only the days read are fingerprinted");
    assertEquals(rows, manifest.at("/inputs/clearances/read").asLong(), "only the days read are read");
    assertTrue(JSON.readTree(flat.resolve("manifest.json").toFile()).at("/inputs/clearances/read").asLong() > rows,
        "the single file is read whole");
    // The quarantine differs (bad rows of days not read are not read); the findings do not.
    FindingsComparison.assertSameFindings(SharedSpark.get(), flat, lake,
        List.of("suspect_groups", "officer_risk", "division_risk", "flagged_cases", "alignment_tests", "findings"));
  }
}
