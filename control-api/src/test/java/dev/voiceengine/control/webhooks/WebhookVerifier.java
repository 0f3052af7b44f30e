package dev.voiceengine.control.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks a Voice-Engine-Signature header against the raw request body. */
public final class WebhookVerifier {
  /** Deliveries signed longer ago than this are refused (replays). */
  public static final long TOLERANCE_SECONDS = 300;

  private WebhookVerifier() {}

  /** True only when the body was signed with the secret within 5 minutes of nowSeconds (unix time). */
  public static boolean verify(String secret, String header, byte[] body, long nowSeconds) {
    try {
      long t = -1;
      String v1 = null;
      for (String part : header.split(",")) {
        String[] kv = part.strip().split("=", 2);
        if (kv.length == 2 && kv[0].equals("t")) {
          t = Long.parseLong(kv[1]);
        } else if (kv.length == 2 && kv[0].equals("v1")) {
          v1 = kv[1];
        }
      }
      if (t < 0 || v1 == null || Math.abs(nowSeconds - t) > TOLERANCE_SECONDS) {
        return false;
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      byte[] expected = mac.doFinal(body);
      return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
    } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
      return false; // a malformed header (bad number or hex) is simply not a valid signature
    }
  }
}
