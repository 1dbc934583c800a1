package org.integrityrisk.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.integrityrisk.generator.DevKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pseudonym key file is refused when its group or others may read it, as ssh refuses a private key. */
class KeyFileCheckTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private Path key(String name, String content, String mode) throws Exception {
    Path file = Files.writeString(dir.resolve(name), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void aKeyOthersCanReadIsRefusedWithTheFix() throws Exception {
    Path shared = key("real.key", "a real secret key of enough bytes", "rw-r--r--");
    String message = assertThrows(UsageException.class, () -> KeyFileCheck.check(shared, false, err)).getMessage();
    assertEquals("pseudonym key file " + shared + " can be read or written by its group or others (rw-r--r--); the "
        + "key protects every traveller's identity: chmod 600 " + shared + ", or pass --allow-readable-key-file true "
        + "where access to it is managed otherwise", message);
    assertTrue(assertThrows(UsageException.class, () -> KeyFileCheck.check(key("group.key", "k", "rw-r-----"), false,
        err)).getMessage().contains("(rw-r-----)"), "group read is refused too");
  }

  @Test
  void anOwnerOnlyKeyOrAManagedOneIsAccepted() throws Exception {
    assertDoesNotThrow(() -> KeyFileCheck.check(key("private.key", "secret", "rw-------"), false, err));
    assertDoesNotThrow(() -> KeyFileCheck.check(key("managed.key", "secret", "rw-r--r--"), true, err));
    assertEquals("", printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theGeneratorsDevelopmentKeyBesideItsTruthIsAcceptedWithAWarning() throws Exception {
    Files.writeString(dir.resolve("truth.json"), "{\"seed\": 2026}");
    Path dev = key("pseudonym.key", DevKey.forSeed(2026), "rw-r--r--");
    assertDoesNotThrow(() -> KeyFileCheck.check(dev, false, err));
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("is a development key"), printed.toString());
    Path other = key("other.key", DevKey.forSeed(2027), "rw-r--r--");
    assertThrows(UsageException.class, () -> KeyFileCheck.check(other, false, err),
        "a key of another seed beside the truth is not the development key");
  }

  @Test
  void theOptionTakesTrueOrFalse() {
    assertThrows(UsageException.class, () -> RunOptions.flag(CommandLine.parse(new String[] {"run",
        "--allow-readable-key-file", "yes"}), KeyFileCheck.OPTION));
    assertTrue(RunOptions.flag(CommandLine.parse(new String[] {"run", "--allow-readable-key-file", "true"}),
        KeyFileCheck.OPTION));
  }
}
