package org.integrityrisk.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiserTest {

  @Test
  void matchesRfc4231TestCase2() {
    // RFC 4231, test case 2: key "Jefe".
    Pseudonymiser p = new Pseudonymiser("Jefe".getBytes(StandardCharsets.US_ASCII));
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        p.pseudonym("what do ya want for nothing?"));
  }

  @Test
  void keyIsTheFileBytesIncludingTrailingNewlineAndIdIsUtf8(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key");
    Files.write(key, "integrity-risk test key\n".getBytes(StandardCharsets.UTF_8));
    // Expected value computed independently with Python's hmac module.
    assertEquals("8a4a803cfbaaa18c4530ee36301d9b995d5616d952669be18187d3c542daec5f",
        Pseudonymiser.fromKeyFile(key).pseudonym("TD-Ærø-0001"));
  }

  @Test
  void refusesMissingOrEmptyKeyFile(@TempDir Path dir) throws Exception {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Pseudonymiser.fromKeyFile(dir.resolve("absent.key")));
    assertTrue(missing.getMessage().contains("absent.key"));
    Path empty = Files.createFile(dir.resolve("empty.key"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.fromKeyFile(empty))
        .getMessage().contains("empty"));
  }

  @Test
  void nullStaysNull() {
    assertNull(new Pseudonymiser(new byte[] {1}).pseudonym(null));
  }
}
