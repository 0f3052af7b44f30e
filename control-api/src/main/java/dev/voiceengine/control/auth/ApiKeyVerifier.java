package dev.voiceengine.control.auth;

import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a presented API key to the organization it belongs to, in memory so that authentication needs no
 * database call on the event loop. The presented key is hashed and compared with every known hash using
 * {@link MessageDigest#isEqual}, without stopping at the first match, so timing reveals nothing about the keys.
 *
 * <p>With a source ({@link #reloading}), {@link #reload} re-reads the unrevoked keys, so keys created or revoked by
 * {@code voice-engine keys} (another process, same store) take effect without a restart; the control plane reloads
 * every few seconds.
 */
public final class ApiKeyVerifier {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyVerifier.class);
  /** The organization of keys given without one. */
  public static final String DEFAULT_ORG = "default";

  private record Known(byte[] hash, String orgId) {}

  private volatile List<Known> known;
  private final Callable<Map<String, String>> source;

  /** A verifier for these hashes (hex, as stored), all of the default organization. */
  public ApiKeyVerifier(Collection<String> hashHex) {
    this.source = null;
    replace(hashHex);
  }

  private ApiKeyVerifier(Map<String, String> hashToOrg, Callable<Map<String, String>> source) {
    this.source = source;
    replaceWithOrgs(hashToOrg);
  }

  /** A verifier for these hashes (hex) each with its organization. */
  public static ApiKeyVerifier of(Map<String, String> hashToOrg) {
    return new ApiKeyVerifier(hashToOrg, null);
  }

  /** A verifier that reads its keys (hash hex to organization) from {@code source} now and on each reload. */
  public static ApiKeyVerifier reloading(Callable<Map<String, String>> source) throws Exception {
    return new ApiKeyVerifier(source.call(), source);
  }

  /** Swaps in a new set of known hashes (hex) of the default organization. */
  public void replace(Collection<String> hashHex) {
    Map<String, String> orgs = new LinkedHashMap<>();
    hashHex.forEach(h -> orgs.put(h, DEFAULT_ORG));
    replaceWithOrgs(orgs);
  }

  /** Swaps in a new set of known hashes (hex) with their organizations, e.g. after keys were added or revoked. */
  public void replaceWithOrgs(Map<String, String> hashToOrg) {
    known = hashToOrg.entrySet().stream()
        .map(e -> new Known(HexFormat.of().parseHex(e.getKey()), e.getValue())).toList();
  }

  /** Re-reads the keys from the source (when there is one); on failure keeps the keys it had and logs. */
  public void reload() {
    if (source == null) {
      return;
    }
    try {
      replaceWithOrgs(source.call());
    } catch (Exception e) {
      log.warn("Could not reload the API keys; keeping the ones loaded before: {}", e.toString());
    }
  }

  /** Whether the key is one of the known keys. */
  public boolean verify(String presentedKey) {
    return organization(presentedKey) != null;
  }

  /** The organization of the key, or null when it is not a known (unrevoked) key. */
  public String organization(String presentedKey) {
    if (presentedKey == null) {
      return null;
    }
    byte[] presented = ApiKeys.digest(presentedKey);
    String org = null;
    for (Known k : known) {
      if (MessageDigest.isEqual(k.hash(), presented)) {
        org = k.orgId();
      }
    }
    return org;
  }
}
