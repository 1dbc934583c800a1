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
         "stages":[{"stage":"ingest clearances","rows":%d,"seconds":4.0,"shuffle_write_bytes":2097152},{"stage":"ingest clearances","rows":1,"seconds":1.0}]}
        """.formatted(start, end, rows, heap, rss, rows));
    return file;
  }

  @Test
  void ratiosGrowthAndStoppedSqlAreReportedFromTheRawFigures() throws IOException {
    Path small = manifest("m1.json", 1_000_000, "2026-11-23T10:00:00Z", "2026-11-23T10:01:00Z", 1L << 30, 2L << 30);
    Path quarter = manifest("m025.json", 250_000, "2026-11-23T09:00:00Z", "2026-11-23T09:00:25Z", 1L << 30, 2L << 30);
    Path large = manifest("m10.json", 10_000_000, "2026-11-23T11:00:00Z", "2026-11-23T11:09:00Z", 3L << 30, 5L << 30);
    Files.writeString(dir.resolve("results.jsonl"), String.join("\n",
        "{\"size_millions\":1,\"job\":\"pipeline\",\"wall_seconds\":66.5,\"manifest\":\"" + small + "\"}",
        "{\"job\":\"io-floor\",\"seconds\":20.0,\"clearances\":1000000,\"size_millions\":1}",
        "{\"job\":\"obvious-sql\",\"seconds\":600.0,\"pairs\":12,\"size_millions\":1}",
        "{\"size_millions\":10,\"job\":\"pipeline\",\"wall_seconds\":545,\"manifest\":\"" + large + "\"}",
        "{\"job\":\"io-floor\",\"seconds\":180.0,\"clearances\":10000000,\"size_millions\":10}",
        "{\"size_millions\":10,\"job\":\"obvious-sql\",\"status\":\"stopped\",\"limit_seconds\":1635}",
        "{\"size_millions\":3,\"job\":\"pipeline\",\"status\":\"stopped\",\"limit_seconds\":900}",
        "{\"job\":\"obvious-sql-duckdb\",\"seconds\":33.1,\"pairs\":12,\"wall_seconds\":33.3,\"size_millions\":1}",
        "{\"size_millions\":10,\"job\":\"obvious-sql-duckdb\",\"status\":\"stopped\",\"limit_seconds\":1200}",
        "{\"size_millions\":0.25,\"job\":\"pipeline\",\"wall_seconds\":30.0,\"manifest\":\"" + quarter + "\"}",
        "{\"job\":\"obvious-sql-duckdb\",\"seconds\":2.0,\"pairs\":3,\"wall_seconds\":2.2,\"size_millions\":0.25}",
        "{\"job\":\"obvious-sql\",\"seconds\":40.0,\"pairs\":3,\"wall_seconds\":45.0,\"size_millions\":0.25}", ""));
    Files.writeString(dir.resolve("machine.txt"), "test machine, 2 cores\n");

    String md = BenchmarkReport.read(dir.resolve("results.jsonl")).markdown();

    assertTrue(md.contains("Machine: test machine, 2 cores."), md);
    // 60 s of pipeline against a 20 s floor; SQL ten times slower.
    assertTrue(md.contains("| 1,000,000 | 60.0 | 66.5 | 16,667 | 1,024 | 2,048 | 20.0 | 3.00 | 600.0 | 10.0 | 33.3 | 0.5 |"), md);
    // Stopped at 1635 s against 540 s of pipeline: at least 3.0 times slower.
    assertTrue(md.contains("| 10,000,000 | 540.0 | 545.0 | 18,519 | 3,072 | 5,120 | 180.0 | 3.00 | stopped at 1635 | > 3.0 | stopped at 1200 | > 2.2 |"), md);
    assertTrue(md.contains("Growth from 1 to 10 million: seconds x9.00, peak heap x3.00, peak RSS x2.50 (rows x10.00)."), md);
    assertTrue(md.contains("| ingest clearances | 5.0 | 5.0 |"), "a stage run twice adds up: " + md);
    assertTrue(md.contains("**3 million: the pipeline did not finish within 900 s**"), md);
    // DuckDB is faster at a quarter and at 1 million rows (2.2 s against 30 s, 33.3 s against
    // 66.5 s of wall) and stopped at 10 million, where the pipeline took 545 s.
    assertTrue(md.contains("| 250,000 | 25.0 | 30.0 | 10,000 | 1,024 | 2,048 | not run | - | 40.0 | 1.6 | 2.2 | 0.1 |"), md);
    assertTrue(md.contains("The pipeline was faster than the obvious SQL in DuckDB from 10,000,000 rows on "
        + "(sizes run: 250,000, 1,000,000, 10,000,000 rows)."), md);
    assertTrue(md.contains("The pipeline was faster than the obvious SQL in Spark at every size it ran "
        + "(250,000, 1,000,000, 10,000,000 rows)."), md);
    assertTrue(md.contains("| stage | 0.25M | 1M | 10M |"), md);
    // The national window: a stage that did not grow stays fixed cost; its 2 MB of shuffle at
    // 10 million grows with the rows (x5.5), and the heap of 3 GB at 10 million to 16.5 GB.
    assertTrue(md.contains("| ingest clearances | 5.0 | 5.0 | 0.00 | 2 | - | 5 | 11 |"), md);
    assertTrue(md.contains("the window would take about 5 s (5 s of it fixed cost)"), md);
    // 16.5 GB of heap on executors of 8 GB: 3 of them.
    assertTrue(md.contains("scaled to the window that is 16.5 GB of heap. Together: 3 executors of 4 cores and "
        + "8 GB heap each (12 cores, 24 GB)"), md);
    assertTrue(md.endsWith("These are projections from two sizes on one machine, not a cluster run.\n"), md);
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
        "{\"size_millions\":1,\"job\":\"obvious-sql\",\"status\":\"stopped\",\"limit_seconds\":1200}",
        "{\"size_millions\":3,\"job\":\"pipeline\",\"wall_seconds\":126,\"manifest\":\"" + after3 + "\"}",
        "{\"size_millions\":3,\"job\":\"obvious-sql\",\"status\":\"skipped\",\"stopped_at_millions\":1,"
            + "\"limit_seconds\":1200}", ""));

    String md = BenchmarkReport.read(dir.resolve("results.jsonl"))
        .markdown(java.util.Optional.of(BenchmarkReport.read(before.resolve("results.jsonl"))));

    assertTrue(md.contains("| 1 million | 90.0 | 60.0 | 1.5 | 1,024 | 1,024 |"), md);
    // Stopped at 840 s, now 120 s: at least 7 times faster.
    assertTrue(md.contains("| 3 million | stopped at 840 | 120.0 | > 7.0 | - | 2,048 |"), md);
    // Stopped at 1 million, so not run at 3: at least the limit, 1200 s against 120 s.
    assertTrue(md.contains("| not run (stopped at 1200 on 1 million) | > 10.0 |"), md);
    assertTrue(md.contains("| ingest clearances | 5.0 | 5.0 |"), md);
  }
}
