package dev.voiceengine.control.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs deliveries so receivers know they come from this engine and are recent: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, t + "." + body)>} in {@value #HEADER}. The timestamp is inside the signed text, so a receiver
 * that rejects old timestamps also rejects replays of captured deliveries.
 */
public final class WebhookSignature {
  /** The header carrying the timestamp and signature. */
  public static final String HEADER = "Voice-Engine-Signature";
  /** The header carrying the event id (the same on every attempt of one delivery: receivers dedupe by it). */
  public static final String EVENT_ID_HEADER = "Voice-Engine-Event-Id";

  private WebhookSignature() {}

  /** The header value for this body signed at {@code unixSeconds}. */
  public static String header(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds + "." + body);
  }

  /** Hex HMAC-SHA256 of the text (UTF-8) under the secret (UTF-8). */
  public static String hmacHex(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
