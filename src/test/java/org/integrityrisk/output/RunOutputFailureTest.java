package org.integrityrisk.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What publishing and reading the previous manifest report when the file system refuses a
 * step: a failed rollback and an unreadable manifest are their own errors, never success
 * or absence.
 */
class RunOutputFailureTest {
  @TempDir java.nio.file.Path dir;
  private RefusingFileSystem fs;
  private Path target;
  private Path staged;
  private Path previous;

  /** The local file system, refusing the renames whose source folder is named in {@code refusedRenames}. */
  static final class RefusingFileSystem extends FilterFileSystem {
    final Set<String> refusedRenames = new HashSet<>();
    boolean refuseOpen;

    RefusingFileSystem(FileSystem local) {
      super(local);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
      return !refusedRenames.contains(src.getName()) && super.rename(src, dst);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
      if (refuseOpen) {
        throw new IOException("Permission denied");
      }
      return super.open(f, bufferSize);
    }
  }

  @BeforeEach
  void folders() throws IOException {
    fs = new RefusingFileSystem(FileSystem.getLocal(new Configuration()).getRaw());
    Path root = fs.makeQualified(new Path(dir.toString()));
    target = new Path(root, "run_date=2026-04-10");
    staged = new Path(root, "_staging/run_date=2026-04-10.run-b");
    previous = new Path(root, "_staging/run_date=2026-04-10.run-b.previous");
    run(target, "run a");
    run(staged, "run b");
  }

  private static void run(Path folder, String marker) throws IOException {
    java.nio.file.Path local = java.nio.file.Path.of(folder.toUri().getPath());
    Files.createDirectories(local);
    Files.writeString(local.resolve(Manifest.FILE_NAME), marker, StandardCharsets.UTF_8);
  }

  private String manifestOf(Path folder) throws IOException {
    return Files.readString(java.nio.file.Path.of(folder.toUri().getPath()).resolve(Manifest.FILE_NAME));
  }

  @Test
  void publishingReplacesThePreviousRun() throws IOException {
    assertEquals(target, RunOutput.replace(fs, staged, target, previous));
    assertEquals("run b", manifestOf(target));
    assertFalse(fs.exists(previous));
  }

  @Test
  void aFailedPublishPutsThePreviousRunBack() throws IOException {
    fs.refusedRenames.add(staged.getName());
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> RunOutput.replace(fs, staged, target, previous));
    assertFalse(e instanceof RunOutput.RollbackFailedException);
    assertTrue(e.getMessage().contains("the previous run is back in place"), e.getMessage());
    assertEquals("run a", manifestOf(target));
  }

  @Test
  void aFailedRollbackIsItsOwnErrorAndSaysWhereThePreviousRunIs() throws IOException {
    fs.refusedRenames.add(staged.getName());
    fs.refusedRenames.add(previous.getName());
    RunOutput.RollbackFailedException e = assertThrows(RunOutput.RollbackFailedException.class,
        () -> RunOutput.replace(fs, staged, target, previous));
    assertTrue(e.getMessage().contains("it is in " + previous), e.getMessage());
    assertFalse(fs.exists(target));
    assertEquals("run a", manifestOf(previous));
    assertEquals(1, e.getSuppressed().length);
  }

  @Test
  void aMissingManifestIsNoPreviousRunButAnUnreadableOneIsAnError() throws IOException {
    Path manifest = new Path(target, Manifest.FILE_NAME);
    assertEquals(Optional.of("run a"), RunOutput.readManifest(fs, manifest));
    assertEquals(Optional.empty(), RunOutput.readManifest(fs, new Path(staged, "absent.json")));
    fs.refuseOpen = true;
    RunOutput.UnreadableManifestException e = assertThrows(RunOutput.UnreadableManifestException.class,
        () -> RunOutput.readManifest(fs, manifest));
    assertTrue(e.getMessage().contains("exists but cannot be read (Permission denied)"), e.getMessage());
  }
}
