package org.integrityrisk.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The states a killed run can leave behind, built on disk by hand, and what the next run of
 * that date makes of them under its lock.
 */
class RunOutputRecoveryTest {
  private static final String PARTITION = "run_date=2026-04-10";

  @TempDir java.nio.file.Path dir;
  private FileSystem fs;
  private Path root;

  @BeforeEach
  void localFileSystem() throws IOException {
    fs = FileSystem.getLocal(new Configuration()).getRaw();
    root = fs.makeQualified(new Path(dir.toString()));
  }

  private void run(String relative, String marker) throws IOException {
    java.nio.file.Path folder = dir.resolve(relative);
    Files.createDirectories(folder.resolve("suspect_groups"));
    Files.writeString(folder.resolve(Manifest.FILE_NAME), marker, StandardCharsets.UTF_8);
  }

  private String manifestOf(String relative) throws IOException {
    return Files.readString(dir.resolve(relative).resolve(Manifest.FILE_NAME));
  }

  @Test
  void killedBetweenTheTwoRenamesGetsThePreviousRunBack() throws IOException {
    // The previous run was moved aside, the new one never took its place.
    run("_staging/" + PARTITION + ".run-b.previous", "run a");
    run("_staging/" + PARTITION + ".run-b", "run b");

    List<String> done = RunOutput.recover(fs, root, PARTITION);

    assertEquals("run a", manifestOf(PARTITION));
    assertFalse(Files.exists(dir.resolve("_staging")), "nothing is left in staging");
    assertEquals(2, done.size(), done.toString());
    assertTrue(done.get(0).startsWith("restored the previous"), done.toString());
  }

  @Test
  void killedAfterTheSecondRenameKeepsTheNewRun() throws IOException {
    run(PARTITION, "run b");
    run("_staging/" + PARTITION + ".run-b.previous", "run a");

    RunOutput.recover(fs, root, PARTITION);

    assertEquals("run b", manifestOf(PARTITION));
    assertFalse(Files.exists(dir.resolve("_staging")));
  }

  @Test
  void killedWhileWritingLeavesThePublishedRunAndLosesOnlyItsStaging() throws IOException {
    run(PARTITION, "run a");
    run("_staging/" + PARTITION + ".run-b", "half of run b");

    RunOutput.recover(fs, root, PARTITION);

    assertEquals("run a", manifestOf(PARTITION));
    assertFalse(Files.exists(dir.resolve("_staging")));
  }

  @Test
  void aRejectedRunInterruptedWhilePublishingRestoresTheEarlierRejection() throws IOException {
    run("_staging/" + RunOutput.REJECTED_FOLDER + "." + PARTITION + ".run-b.previous", "rejected a");

    RunOutput.recover(fs, root, PARTITION);

    assertEquals("rejected a", manifestOf(RunOutput.REJECTED_FOLDER + "/" + PARTITION));
  }

  @Test
  void otherDatesAreLeftToTheirOwnRuns() throws IOException {
    run("_staging/run_date=2026-04-1.run-c", "a date that shares a prefix");
    run("_staging/run_date=2026-04-11.run-d.previous", "another date's publish in flight");

    assertEquals(List.of(), RunOutput.recover(fs, root, PARTITION));

    assertTrue(Files.exists(dir.resolve("_staging/run_date=2026-04-1.run-c")));
    assertTrue(Files.exists(dir.resolve("_staging/run_date=2026-04-11.run-d.previous")));
  }

  @Test
  void aLiveRunHoldsItsDateAgainstASecondRun() {
    try (RunLock first = RunLock.acquire(fs, root, PARTITION, "run-a")) {
      RunLock.HeldException refused = assertThrows(RunLock.HeldException.class,
          () -> RunLock.acquire(fs, root, PARTITION, "run-b"));
      assertTrue(refused.getMessage().contains("another run of " + PARTITION + " is in progress: run run-a"),
          refused.getMessage());
      // Other dates are not blocked.
      try (RunLock other = RunLock.acquire(fs, root, "run_date=2026-04-11", "run-c")) {
        other.verifyHeld();
      }
      first.verifyHeld();
    }
    try (RunLock after = RunLock.acquire(fs, root, PARTITION, "run-b")) {
      assertEquals(Optional.empty(), after.tookOver(), "a released lock is simply free");
    }
  }

  @Test
  void theLockOfAProcessThatIsGoneIsTakenOver() throws IOException, InterruptedException {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    java.nio.file.Path lockFile = dir.resolve(RunLock.LOCK_FOLDER).resolve(PARTITION + ".lock");
    Files.createDirectories(lockFile.getParent());
    Files.writeString(lockFile, "{\"run_id\":\"killed-run\",\"host\":\"" + host + "\",\"pid\":" + gone.pid()
        + ",\"started_at\":\"2026-11-23T01:00:00Z\"}");

    try (RunLock lock = RunLock.acquire(fs, root, PARTITION, "next-run")) {
      String why = lock.tookOver().orElseThrow();
      assertTrue(why.contains("killed-run") && why.contains("no longer exists"), why);
      lock.verifyHeld();
    }
    assertFalse(Files.exists(lockFile), "the lock is released when the run ends");
  }

  @Test
  void aLockIsStaleOnlyWhenItsOwnerIsGoneOrSilentForTheLease() {
    Instant now = Instant.parse("2026-11-23T03:00:00Z");
    RunLock.Owner elsewhere = new RunLock.Owner("r", "another-host.invalid", 1, "2026-11-23T01:00:00Z");
    RunLock.Owner me = RunLock.Owner.current("r");

    assertEquals(Optional.empty(), RunLock.whyGone(Optional.of(elsewhere), now.minus(Duration.ofMinutes(1)), now));
    assertTrue(RunLock.whyGone(Optional.of(elsewhere), now.minus(RunLock.LEASE).minusSeconds(1), now).isPresent());
    assertEquals(Optional.empty(), RunLock.whyGone(Optional.of(me), now, now), "this very process is alive");
    assertEquals(Optional.empty(), RunLock.whyGone(Optional.empty(), now, now),
        "an unreadable lock that is still being refreshed is respected");
  }

  @Test
  void aRunThatLostItsLockDoesNotPublish() throws IOException {
    try (RunLock lock = RunLock.acquire(fs, root, PARTITION, "run-a")) {
      java.nio.file.Path lockFile = dir.resolve(RunLock.LOCK_FOLDER).resolve(PARTITION + ".lock");
      Files.writeString(lockFile, "{\"run_id\":\"run-b\",\"host\":\"h\",\"pid\":1,\"started_at\":\"x\"}");
      assertThrows(RunLock.HeldException.class, lock::verifyHeld);
    }
  }
}
