package org.integrityrisk.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention deletes old runs, rejected runs, staging leftovers and dead locks, never the newest run or a live one. */
class RetentionTest {
  private static final LocalDate TODAY = LocalDate.parse("2026-12-06");
  @TempDir Path out;
  private Retention retention;

  @BeforeEach
  void anOutputFolderOfSeveralNights() throws Exception {
    for (String date : List.of("2026-08-01", "2026-10-01", "2026-11-20", "2026-12-05")) {
      Files.createDirectories(out.resolve("run_date=" + date + "/findings"));
      Files.writeString(out.resolve("run_date=" + date + "/manifest.json"), "{}");
    }
    Files.createDirectories(out.resolve("_rejected/run_date=2026-09-15/quarantine"));
    Files.createDirectories(out.resolve("_staging/run_date=2026-09-20.0f1e.previous"));
    Files.createDirectories(out.resolve("_staging/_rejected.run_date=2026-12-04.77aa"));
    // A lock of a run killed long ago (a pid that cannot exist on this host) on an old date.
    Files.createDirectories(out.resolve("_locks"));
    Files.writeString(out.resolve("_locks/run_date=2026-08-01.lock"), "{\"run_id\":\"dead\",\"host\":\""
        + java.net.InetAddress.getLocalHost().getHostName() + "\",\"pid\":2147483646,\"started_at\":\"x\"}");
    FileSystem fs = FileSystem.getLocal(new Configuration());
    retention = new Retention(fs, new org.apache.hadoop.fs.Path(out.toUri()));
  }

  @Test
  void deletesWhatIsOlderThanTheDaysKeptUnderTheLocks() throws Exception {
    Retention.Outcome outcome = retention.prune(TODAY, 30, false);
    assertFalse(Files.exists(out.resolve("run_date=2026-08-01")));
    assertFalse(Files.exists(out.resolve("run_date=2026-10-01")));
    assertFalse(Files.exists(out.resolve("_rejected/run_date=2026-09-15")));
    assertFalse(Files.exists(out.resolve("_staging/run_date=2026-09-20.0f1e.previous")));
    assertFalse(Files.exists(out.resolve("_locks/run_date=2026-08-01.lock")), "the dead run's lock is gone");
    assertTrue(Files.exists(out.resolve("run_date=2026-11-20")), "inside the days kept");
    assertTrue(Files.exists(out.resolve("run_date=2026-12-05")));
    assertTrue(Files.exists(out.resolve("_staging/_rejected.run_date=2026-12-04.77aa")), "a recent leftover stays");
    assertEquals(4, outcome.deleted().size(), outcome.toString());
    String log = Files.readString(out.resolve(Retention.LOG));
    assertEquals(4, log.lines().count(), log);
    assertTrue(log.contains("run_date=2026-08-01 (published run, run date 2026-08-01), older than 30 days before "
        + "2026-12-06"), log);
    assertTrue(log.contains("(rejected run, run date 2026-09-15)"), log);
    assertTrue(log.contains("(staging leftover, run date 2026-09-20)"), log);
  }

  @Test
  void theNewestRunIsKeptWhateverItsAge() throws Exception {
    Retention.Outcome outcome = retention.prune(LocalDate.parse("2027-01-31"), 1, false);
    assertTrue(Files.exists(out.resolve("run_date=2026-12-05")), "the next run reads its history and decisions");
    assertEquals(List.of("run_date=2026-12-05: the newest published run, whose finding history, watch list and "
        + "decisions the next run reads"), outcome.kept());
    assertFalse(Files.exists(out.resolve("run_date=2026-11-20")));
  }

  @Test
  void aDryRunSaysWhatItWouldDeleteAndDeletesNothing() throws Exception {
    Retention.Outcome outcome = retention.prune(TODAY, 30, true);
    assertEquals(4, outcome.deleted().size());
    assertTrue(Files.exists(out.resolve("run_date=2026-08-01")));
    assertTrue(Files.exists(out.resolve("_rejected/run_date=2026-09-15")));
    assertFalse(Files.exists(out.resolve(Retention.LOG)), "a dry run writes no log");
  }

  @Test
  void aRunInProgressIsNeverTouched() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    try (RunLock held = RunLock.acquire(fs, new org.apache.hadoop.fs.Path(out.toUri()), "run_date=2026-10-01",
        "running")) {
      Retention.Outcome outcome = retention.prune(TODAY, 30, false);
      assertTrue(Files.exists(out.resolve("run_date=2026-10-01")), "a run of that date holds its lock");
      assertEquals(1, outcome.skipped().size(), outcome.toString());
      assertTrue(outcome.skipped().get(0).startsWith("run_date=2026-10-01: another run of run_date=2026-10-01 is in "
          + "progress"), outcome.skipped().get(0));
      assertFalse(Files.exists(out.resolve("run_date=2026-08-01")), "other old dates are pruned");
    }
  }
}
