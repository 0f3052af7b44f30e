package dev.voiceengine.control.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How API keys look and are hashed. A key is {@value #PREFIX} followed by 32 random bytes in unpadded base64url;
 * the store keeps only its SHA-256 (lower-case hex). A fast hash is right here: keys are long random secrets, not
 * passwords, so there is nothing to brute-force.
 */
public final class ApiKeys {
  /** Marks a string as a key of this engine (helps secret scanners and humans). */
  public static final String PREFIX = "ve_";
  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A new random key. */
  public static String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** SHA-256 of the key's UTF-8 bytes. */
  public static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** SHA-256 of the key as stored: 64 lower-case hex characters. */
  public static String hashHex(String key) {
    return HexFormat.of().formatHex(digest(key));
  }

  /** Characters of a generated key shown in lists: the marker and 8 random characters. */
  static final int DISPLAY_PREFIX = PREFIX.length() + 8;

  /**
   * The first characters of the key that lists show so that operators can tell keys apart: {@value #PREFIX} and 8
   * more for generated keys, at most half of a shorter (configured) key, so a list never reveals a key.
   */
  public static String displayPrefix(String key) {
    return key.substring(0, Math.min(DISPLAY_PREFIX, key.length() / 2));
  }
}
