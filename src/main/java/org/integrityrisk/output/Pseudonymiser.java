package org.integrityrisk.output;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a traveller id by the contract's pseudonym: lowercase hex HMAC-SHA256 of
 * the UTF-8 id, keyed with the exact bytes of the key file (no trimming: a trailing
 * newline is part of the key, as the contract says "the bytes of the key file").
 *
 * <p>Serializable so Spark can ship it to executors inside a UDF; the {@link Mac} is
 * rebuilt per thread because it is neither serializable nor thread-safe.
 */
public final class Pseudonymiser implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String ALGORITHM = "HmacSHA256";
  private static final int RECOMMENDED_KEY_BYTES = 32;

  private final byte[] key;
  private transient volatile ThreadLocal<Mac> mac;

  private static final String FINGERPRINT_INPUT = "\u0000integrity-risk pseudonym key fingerprint";

  public Pseudonymiser(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("the pseudonym key is empty");
    }
    this.key = key.clone();
  }

  /**
   * Reads the key file; fails with a message naming the file when it is missing,
   * unreadable or empty, because running without a real key would publish clear ids.
   */
  public static Pseudonymiser fromKeyFile(Path keyFile) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(keyFile);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("pseudonym key file " + keyFile + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("pseudonym key file " + keyFile + " cannot be read: " + e.getMessage());
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException("pseudonym key file " + keyFile + " is empty");
    }
    return new Pseudonymiser(bytes);
  }

  /**
   * A fingerprint of the key, so that two runs can be seen to share one: the keyed hash of a
   * constant (never of the key itself, which an HMAC does not reveal), its first 16 hex
   * digits. The constant starts with a NUL, which no real traveller id holds; a crafted one that
   * did would learn nothing from sharing its first 16 digits.
   */
  public String fingerprint() {
    return "hmac-sha256:" + pseudonym(FINGERPRINT_INPUT).substring(0, 16);
  }

  /** True when the key is shorter than the HMAC-SHA256 block recommendation (32 bytes). */
  public boolean isShortKey() {
    return key.length < RECOMMENDED_KEY_BYTES;
  }

  public String pseudonym(String travellerId) {
    if (travellerId == null) {
      return null;
    }
    return HexFormat.of().formatHex(mac().doFinal(travellerId.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac mac() {
    if (mac == null) {
      mac = ThreadLocal.withInitial(this::newMac);
    }
    return mac.get();
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance(ALGORITHM);
      m.init(new SecretKeySpec(key, ALGORITHM));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Pseudonymiser p && Arrays.equals(key, p.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }
}
