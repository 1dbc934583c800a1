package org.integrityrisk.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Keeps two runs of one date from publishing over each other. The lock is a file created
 * exclusively under {@code <output>/_locks}; its owner refreshes its modification time while
 * it runs. A lock is taken over only when its owner is provably gone: a process on this host
 * that no longer exists, or an owner anywhere that stopped refreshing for {@link #LEASE}.
 * A run killed with -9 therefore never blocks the next night's run.
 */
public final class RunLock implements AutoCloseable {
  static final String LOCK_FOLDER = "_locks";
  static final Duration LEASE = Duration.ofMinutes(10);
  private static final Duration HEARTBEAT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who holds a lock, as written into the lock file. */
  public record Owner(
      @JsonProperty("run_id") String runId,
      @JsonProperty("host") String host,
      @JsonProperty("pid") long pid,
      @JsonProperty("started_at") String startedAt) {

    static Owner current(String runId) {
      return new Owner(runId, hostName(), ProcessHandle.current().pid(), Instant.now().toString());
    }

    @Override
    public String toString() {
      return "run " + runId + " (pid " + pid + " on " + host + ", started " + startedAt + ")";
    }
  }

  /** Thrown when a live run already holds the lock of the date. */
  public static final class HeldException extends RuntimeException {
    HeldException(String message) {
      super(message);
    }
  }

  private final FileSystem fs;
  private final Path path;
  private final Owner owner;
  private final ScheduledExecutorService heartbeat;
  private final Optional<String> tookOver;

  private RunLock(FileSystem fs, Path path, Owner owner, Optional<String> tookOver) {
    this.fs = fs;
    this.path = path;
    this.owner = owner;
    this.tookOver = tookOver;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "integrity-risk-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = HEARTBEAT.toSeconds();
    heartbeat.scheduleAtFixedRate(this::refresh, every, every, TimeUnit.SECONDS);
  }

  /**
   * Takes the lock of one partition of the output, or fails naming the run that holds it.
   *
   * @param partition e.g. {@code run_date=2026-04-10}
   */
  public static RunLock acquire(FileSystem outputFs, Path outputRoot, String partition, String runId) {
    FileSystem fs = outputFs instanceof LocalFileSystem local ? local.getRaw() : outputFs;
    Path path = new Path(new Path(outputRoot, LOCK_FOLDER), partition + ".lock");
    Owner me = Owner.current(runId);
    try {
      fs.mkdirs(path.getParent());
      if (createExclusively(fs, path, me)) {
        return new RunLock(fs, path, me, Optional.empty());
      }
      Optional<Owner> holder = readOwner(fs, path);
      Instant refreshed = Instant.ofEpochMilli(fs.getFileStatus(path).getModificationTime());
      Optional<String> gone = whyGone(holder, refreshed, Instant.now());
      if (gone.isEmpty()) {
        throw new HeldException("another run of " + partition + " is in progress: "
            + holder.map(Owner::toString).orElse("an unreadable owner") + ", lock file " + RunOutput.display(path)
            + "; wait for it, or delete the lock file if you are sure that run is gone");
      }
      // Moving the stale lock aside (rather than deleting it) lets only one of two racing
      // successors win: the other finds no file to move and retries the exclusive create.
      Path stale = new Path(path.getParent(), path.getName() + ".stale." + runId);
      if (fs.rename(path, stale)) {
        fs.delete(stale, false);
      }
      if (createExclusively(fs, path, me)) {
        return new RunLock(fs, path, me, Optional.of("took over the lock of "
            + holder.map(Owner::toString).orElse("an unreadable owner") + ": " + gone.get()));
      }
      throw new HeldException("another run of " + partition + " took the lock at the same moment; lock file "
          + RunOutput.display(path));
    } catch (IOException e) {
      throw new UncheckedIOException("the run lock " + path + " cannot be taken", e);
    }
  }

  /** Why a lock's owner can be presumed dead, or empty when it may still be running. */
  static Optional<String> whyGone(Optional<Owner> holder, Instant refreshed, Instant now) {
    if (holder.isPresent() && holder.get().host().equals(hostName())
        && !ProcessHandle.of(holder.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
      return Optional.of("process " + holder.get().pid() + " no longer exists");
    }
    Duration silent = Duration.between(refreshed, now);
    if (silent.compareTo(LEASE) > 0) {
      return Optional.of("not refreshed for " + silent.toMinutes() + " minutes");
    }
    return Optional.empty();
  }

  private static boolean createExclusively(FileSystem fs, Path path, Owner owner) throws IOException {
    byte[] content = JSON.writeValueAsBytes(owner);
    if ("file".equals(path.toUri().getScheme())) {
      // Hadoop's local create(overwrite=false) checks and creates in two steps; O_EXCL does not.
      try {
        Files.write(Paths.get(path.toUri()), content, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(content);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static Optional<Owner> readOwner(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      return Optional.of(JSON.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), Owner.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private void refresh() {
    try {
      fs.setTimes(path, System.currentTimeMillis(), -1);
    } catch (IOException e) {
      // A missed refresh only shortens the lease; the ownership check before publishing decides.
    }
  }

  /** Whose abandoned lock this run took over, and why it was judged abandoned; empty if none. */
  public Optional<String> tookOver() {
    return tookOver;
  }

  /** Fails unless this run still holds the lock: checked right before publishing. */
  public void verifyHeld() {
    Optional<Owner> holder = readOwner(fs, path);
    if (holder.isEmpty() || !holder.get().runId().equals(owner.runId())) {
      throw new HeldException("this run lost its lock " + RunOutput.display(path) + " to "
          + holder.map(Owner::toString).orElse("nobody (the file is gone)") + "; not publishing over it");
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      Optional<Owner> holder = readOwner(fs, path);
      if (holder.isPresent() && holder.get().runId().equals(owner.runId())) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      // A lock left behind by a finished run is taken over by the next run (its pid is gone).
    }
  }
}
