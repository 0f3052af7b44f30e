package dev.voiceengine.sip.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Answers a digest challenge (RFC 7616 §3.4, RFC 2617 §3.2.2): MD5 or SHA-256, with qop=auth when offered (then a
 * fresh cnonce and nc=00000001, since each challenge is answered once), else the RFC 2069 form. auth-int and the
 * -sess variants are not done: such a challenge is answered as failed.
 */
public final class DigestAuth {
  private static final SecureRandom RANDOM = new SecureRandom();

  private DigestAuth() {}

  /** Whether we can answer this challenge. */
  public static boolean supported(DigestChallenge c) {
    return c.realm() != null && c.nonce() != null && javaName(c.algorithm()) != null
        && (c.qop() == null || offersAuth(c.qop()));
  }

  /**
   * The response digest: H(H(A1):nonce:nc:cnonce:qop:H(A2)) with qop, else H(H(A1):nonce:H(A2)), where
   * A1 = user:realm:password and A2 = method:uri.
   *
   * @param qop "auth" or null
   */
  public static String response(String algorithm, String user, String realm, String password, String method,
      String uri, String nonce, String nc, String cnonce, String qop) {
    String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
    String ha2 = hash(algorithm, method + ":" + uri);
    return qop == null ? hash(algorithm, ha1 + ":" + nonce + ":" + ha2)
        : hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  /**
   * The Authorization / Proxy-Authorization header value answering {@code c} for a request of {@code method} to
   * {@code uri}.
   */
  public static String authorization(DigestChallenge c, String user, String password, String method, String uri) {
    String algorithm = c.algorithm() == null ? "MD5" : c.algorithm();
    boolean qop = c.qop() != null;
    String cnonce = qop ? HexFormat.of().formatHex(randomBytes()) : null;
    String nc = "00000001";
    String response = response(algorithm, user, c.realm(), password, method, uri, c.nonce(), nc, cnonce,
        qop ? "auth" : null);
    StringBuilder b = new StringBuilder("Digest username=\"").append(quote(user))
        .append("\", realm=\"").append(quote(c.realm()))
        .append("\", nonce=\"").append(quote(c.nonce()))
        .append("\", uri=\"").append(quote(uri))
        .append("\", response=\"").append(response)
        .append("\", algorithm=").append(algorithm);
    if (qop) {
      b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
    }
    if (c.opaque() != null) {
      b.append(", opaque=\"").append(quote(c.opaque())).append('"');
    }
    return b.toString();
  }

  static boolean offersAuth(String qopOptions) {
    for (String option : qopOptions.split(",")) {
      if (option.strip().equalsIgnoreCase("auth")) {
        return true;
      }
    }
    return false;
  }

  private static String javaName(String algorithm) {
    if (algorithm == null) {
      return "MD5";
    }
    return switch (algorithm.strip().toUpperCase(Locale.ROOT)) {
      case "MD5" -> "MD5";
      case "SHA-256" -> "SHA-256";
      default -> null;
    };
  }

  private static String hash(String algorithm, String text) {
    String name = javaName(algorithm);
    if (name == null) {
      throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name + " missing from the JDK", e);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return b;
  }

  /** A quoted-string's content (RFC 7616 §3.4: backslash and quote escaped). */
  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
