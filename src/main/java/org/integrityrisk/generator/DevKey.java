package org.integrityrisk.generator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A development pseudonym key derived from the seed: 64 lowercase hex characters. Only for
 * synthetic data; anyone who knows the seed knows the key.
 */
public final class DevKey {
  private DevKey() {}

  public static String forSeed(long seed) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest(("integrity-risk synthetic dev key, seed " + seed).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
