package dev.voiceengine.control.auth;

import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a presented API key against the known key hashes, in memory so that authentication needs no database call
 * on the event loop. The presented key is hashed and compared with every known hash using
 * {@link MessageDigest#isEqual}, without stopping at the first match, so timing reveals nothing about the keys.
 */
public final class ApiKeyVerifier {
  private volatile List<byte[]> hashes;

  /** A verifier for these hashes (hex, as stored). */
  public ApiKeyVerifier(Collection<String> hashHex) {
    replace(hashHex);
  }

  /** Swaps in a new set of known hashes (hex), e.g. after keys were added or revoked. */
  public void replace(Collection<String> hashHex) {
    hashes = hashHex.stream().map(HexFormat.of()::parseHex).toList();
  }

  /** Whether the key is one of the known keys. */
  public boolean verify(String presentedKey) {
    if (presentedKey == null) {
      return false;
    }
    byte[] presented = ApiKeys.digest(presentedKey);
    boolean match = false;
    for (byte[] known : hashes) {
      match |= MessageDigest.isEqual(known, presented);
    }
    return match;
  }
}
