package org.integrityrisk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.integrityrisk.spark.SessionTuning;

/**
 * Where Spark's shuffle and spill files go. Pseudonyms are all a run's data holds of
 * travellers, but the records and rosters it shuffles still say who crossed where: the
 * files go under a folder only the run's user can open ({@code rwx------}), removed when the
 * run ends, unless the environment names its own ({@code spark.local.dir} or
 * {@code SPARK_LOCAL_DIRS}, as a cluster's does). {@code --encrypt-local-files true} also
 * encrypts them ({@code spark.io.encryption.enabled}), at some cost in time.
 */
final class LocalFiles {
  static final String ENCRYPT_OPTION = "encrypt-local-files";

  private LocalFiles() {}

  /** A new private folder for Spark's local files; empty when the environment names its own. */
  static Optional<Path> privateFolder() {
    if (System.getProperty(SessionTuning.LOCAL_DIR) != null || System.getenv("SPARK_LOCAL_DIRS") != null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.createTempDirectory("integrity-risk-spark-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    } catch (UnsupportedOperationException noPosixModes) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("a private folder for Spark's local files cannot be created", e);
    }
  }

  /** Removes the folder and what Spark left in it; what cannot be removed is left, not fatal. */
  static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary folder is the operating system's to clean; the run succeeded.
    }
  }
}
