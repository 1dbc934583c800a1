package org.integrityrisk.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTest {
  @TempDir Path dir;

  private Path manifest(String name, long rows, String start, String end, long heap, long rss) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, """
        {"started_at":"%s","finished_at":"%s","inputs":{"clearances":{"read":%d}},
         "driver_memory":{"peak_heap_used_bytes":%d,"peak_rss_bytes":%d},
         "spark_work":{"jobs":90,"stages":95,"tasks":429,"jvm_start_seconds":0.4,"session_start_seconds":5.8,
                       "seconds_in_jobs":31.25,"driver_seconds_outside_jobs":21.4,"process_seconds":59.5},
         "stages":[{"stage":"ingest clearances","rows":%d,"seconds":4.0},{"stage":"ingest clearances","rows":1,"seconds":1.0}]}
        """.formatted(start, end, rows, heap, rss, rows));
    return file;
  }

  @Test
  void ratiosGrowthAndStoppedSqlAreReportedFromTheRawFigures() throws IOException {
    Path small = manifest("m1.json", 1_000_000, "2026-11-23T10:00:00Z", "2026-11-23T10:01:00Z", 1L << 30, 2L << 30);
    Path large = manifest("m10.json", 10_000_000, "2026-11-23T11:00:00Z", "2026-11-23T11:09:00Z", 3L << 30, 5L << 30);
    Files.writeString(dir.resolve("results.jsonl"), String.join("\n",
        "{\"size_millions\":1,\"job\":\"pipeline\",\"wall_seconds\":66.5,\"manifest\":\"" + small + "\"}",
        "{\"job\":\"io-floor\",\"seconds\":20.0,\"clearances\":1000000,\"size_millions\":1}",
        "{\"job\":\"obvious-sql\",\"seconds\":600.0,\"pairs\":12,\"size_millions\":1}",
        "{\"size_millions\":10,\"job\":\"pipeline\",\"wall_seconds\":545,\"manifest\":\"" + large + "\"}",
        "{\"job\":\"io-floor\",\"seconds\":180.0,\"clearances\":10000000,\"size_millions\":10}",
        "{\"size_millions\":10,\"job\":\"obvious-sql\",\"status\":\"stopped\",\"limit_seconds\":1635}",
        "{\"size_millions\":3,\"job\":\"pipeline\",\"status\":\"stopped\",\"limit_seconds\":900}", ""));
    Files.writeString(dir.resolve("machine.txt"), "test machine, 2 cores\n");

    String md = BenchmarkReport.read(dir.resolve("results.jsonl")).markdown();

    assertTrue(md.contains("Machine: test machine, 2 cores."), md);
    // 60 s of pipeline against a 20 s floor; SQL ten times slower.
    assertTrue(md.contains("| 1,000,000 | 60.0 | 66.5 | 16,667 | 1,024 | 2,048 | 20.0 | 3.00 | 600.0 | 10.0 |"), md);
    // Stopped at 1635 s against 540 s of pipeline: at least 3.0 times slower.
    assertTrue(md.contains("| 10,000,000 | 540.0 | 545.0 | 18,519 | 3,072 | 5,120 | 180.0 | 3.00 | stopped at 1635 | > 3.0 |"), md);
    assertTrue(md.contains("Growth from 1 to 10 million: seconds x9.00, peak heap x3.00, peak RSS x2.50 (rows x10.00)."), md);
    assertTrue(md.contains("| ingest clearances | 5.0 | 5.0 |"), "a stage run twice adds up: " + md);
    assertTrue(md.contains("**3 million: the pipeline did not finish within 900 s**"), md);
    assertTrue(md.contains("| 1,000,000 | 90 | 95 | 429 | 0.4 | 5.8 | 31.3 | 21.4 | 59.5 |"), "where the time goes: " + md);
  }

  @Test
  void anEarlierRunIsComparedSizeBySizeWithManifestsRelativeToItsResults() throws IOException {
    Path before = Files.createDirectories(dir.resolve("before"));
    manifest("before/manifest-1.json", 1_000_000, "2026-11-23T10:00:00Z", "2026-11-23T10:01:30Z", 1L << 30, 2L << 30);
    Files.writeString(before.resolve("results.jsonl"), String.join("\n",
        "{\"size_millions\":1,\"job\":\"pipeline\",\"wall_seconds\":95,\"manifest\":\"manifest-1.json\"}",
        "{\"size_millions\":3,\"job\":\"pipeline\",\"status\":\"stopped\",\"limit_seconds\":840}", ""));
    Path after1 = manifest("a1.json", 1_000_000, "2026-11-23T12:00:00Z", "2026-11-23T12:01:00Z", 1L << 30, 2L << 30);
    Path after3 = manifest("a3.json", 3_000_000, "2026-11-23T12:00:00Z", "2026-11-23T12:02:00Z", 2L << 30, 3L << 30);
    Files.writeString(dir.resolve("results.jsonl"), String.join("\n",
        "{\"size_millions\":1,\"job\":\"pipeline\",\"wall_seconds\":66,\"manifest\":\"" + after1 + "\"}",
        "{\"size_millions\":3,\"job\":\"pipeline\",\"wall_seconds\":126,\"manifest\":\"" + after3 + "\"}", ""));

    String md = BenchmarkReport.read(dir.resolve("results.jsonl"))
        .markdown(java.util.Optional.of(BenchmarkReport.read(before.resolve("results.jsonl"))));

    assertTrue(md.contains("| 1 million | 90.0 | 60.0 | 1.5 | 1,024 | 1,024 |"), md);
    // Stopped at 840 s, now 120 s: at least 7 times faster.
    assertTrue(md.contains("| 3 million | stopped at 840 | 120.0 | > 7.0 | - | 2,048 |"), md);
    assertTrue(md.contains("| ingest clearances | 5.0 | 5.0 |"), md);
  }
}
