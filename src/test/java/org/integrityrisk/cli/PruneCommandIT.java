package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/integrity-risk prune} on an output folder of real runs (the sample run, copied
 * as the runs of earlier nights): a dry run deletes nothing, a prune deletes the old nights
 * and their rejected runs, keeps the recent ones and logs what it deleted.
 */
class PruneCommandIT {
  @TempDir Path work;

  @Test
  void prunesOldNightsKeepsRecentOnesAndLogsWhatItDeleted() throws Exception {
    Path output = work.resolve("findings");
    Path sample = SampleRun.copyInto(output);
    for (String date : new String[] {"2026-01-10", "2026-02-10", "2026-04-01"}) {
      SampleRun.copyTree(sample, output.resolve("run_date=" + date));
    }
    SampleRun.copyTree(sample.resolve("quarantine"), output.resolve("_rejected/run_date=2026-02-11/quarantine"));

    Launcher.Result dry = Launcher.run(work.resolve("dry.log"), "prune", "--output", output.toString(),
        "--keep-days", "30", "--today", "2026-04-12", "--dry-run", "true");
    assertEquals(0, dry.exit(), dry.toString());
    assertTrue(dry.stdout().contains("dry run: 3 deleted, 0 kept, 0 skipped; run dates before 2026-03-13"),
        dry.stdout());
    assertTrue(Files.exists(output.resolve("run_date=2026-01-10")), "a dry run deletes nothing");

    Launcher.Result pruned = Launcher.run(work.resolve("prune.log"), "prune", "--output", output.toString(),
        "--keep-days", "30", "--today", "2026-04-12");
    assertEquals(0, pruned.exit(), pruned.toString());
    assertFalse(Files.exists(output.resolve("run_date=2026-01-10")));
    assertFalse(Files.exists(output.resolve("run_date=2026-02-10")));
    assertFalse(Files.exists(output.resolve("_rejected/run_date=2026-02-11")));
    assertTrue(Files.exists(output.resolve("run_date=2026-04-01/findings")), "recent nights are kept");
    assertTrue(Files.exists(output.resolve("run_date=" + SampleRun.DATE + "/finding_history")));
    String log = Files.readString(output.resolve("_prune.log"));
    assertEquals(3, log.lines().count(), log);
    assertTrue(log.contains("run_date=2026-01-10 (published run, run date 2026-01-10)"), log);

    Launcher.Result bad = Launcher.run(work.resolve("bad.log"), "prune", "--output", output.toString(),
        "--keep-days", "a month");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.stderr().contains("--keep-days takes a whole number of days, got 'a month'"), bad.stderr());
  }
}
