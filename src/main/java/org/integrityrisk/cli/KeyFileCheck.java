package org.integrityrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.integrityrisk.generator.DevKey;

/**
 * The pseudonym key protects every traveller's identity, so its file is refused when its
 * group or others may read or write it, as ssh refuses a private key. Two ways past it:
 * {@code --allow-readable-key-file true}, where access is managed otherwise (a secrets
 * mount, an ACL); and a development key, the generator's key for the seed in the
 * {@code truth.json} beside it, which protects nothing (anyone with the seed has it) and is
 * accepted with a warning. That is what lets the README's first command run on a fresh clone,
 * where git keeps no file modes. On a file system without POSIX modes nothing is checked.
 */
final class KeyFileCheck {
  static final String OPTION = "allow-readable-key-file";
  private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private KeyFileCheck() {}

  /** @throws UsageException naming the file and its mode when group or others can read or write it */
  static void check(Path keyFile, boolean allowReadable, PrintStream err) {
    Set<PosixFilePermission> modes;
    try {
      modes = Files.getPosixFilePermissions(keyFile);
    } catch (UnsupportedOperationException | IOException e) {
      return;
    }
    if (modes.stream().noneMatch(SHARED::contains) || allowReadable) {
      return;
    }
    String mode = PosixFilePermissions.toString(modes);
    if (developmentKey(keyFile)) {
      err.println("integrity-risk: warning: pseudonym key file " + keyFile + " (" + mode + ") is a development key, "
          + "derived from the generator's seed in the truth.json beside it; it protects nothing and is only for "
          + "synthetic data");
      return;
    }
    throw new UsageException("pseudonym key file " + keyFile + " can be read or written by its group or others ("
        + mode + "); the key protects every traveller's identity: chmod 600 " + keyFile + ", or pass --" + OPTION
        + " true where access to it is managed otherwise");
  }

  /** Whether the file holds the generator's key for the seed of the truth.json beside it. */
  static boolean developmentKey(Path keyFile) {
    Path truth = keyFile.toAbsolutePath().resolveSibling("truth.json");
    if (!Files.isRegularFile(truth)) {
      return false;
    }
    try {
      JsonNode seed = new ObjectMapper().readTree(truth.toFile()).get("seed");
      return seed != null && seed.canConvertToLong()
          && Files.readString(keyFile, StandardCharsets.UTF_8).strip().equals(DevKey.forSeed(seed.asLong()));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
