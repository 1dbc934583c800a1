package org.integrityrisk.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Two runs can be seen to share a key by its fingerprint, which never shows the key. */
class KeyFingerprintTest {
  @Test
  void theSameKeyGivesTheSameFingerprintAndAnotherKeyAnother() {
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String fingerprint = new Pseudonymiser(key).fingerprint();
    assertTrue(fingerprint.matches("hmac-sha256:[0-9a-f]{16}"), fingerprint);
    assertEquals(fingerprint, new Pseudonymiser(key.clone()).fingerprint());
    assertNotEquals(fingerprint, new Pseudonymiser("another key entirely, 32 bytes!".getBytes(StandardCharsets.US_ASCII))
        .fingerprint());
    assertFalse(fingerprint.contains("0123456789abcdef"), "not the key's bytes");
  }
}
