package dev.voiceengine.control.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One receiver of webhooks: where to POST, the secret that signs each delivery, which events it wants. The id names
 * the endpoint in the outbox; when configuration gives none it is derived from the URL, so it stays the same across
 * restarts and pending deliveries find their endpoint again.
 *
 * @param orgId the organization whose events it receives ({@value Webhooks#DEFAULT_ORG} until organizations exist)
 */
public record WebhookEndpoint(String id, String orgId, String url, String secret, Set<WebhookEvent> events,
    boolean enabled) {
  /** Shortest secret accepted: an HMAC key must not be guessable. */
  public static final int MIN_SECRET_LENGTH = 16;

  public WebhookEndpoint {
    orgId = orgId == null ? Webhooks.DEFAULT_ORG : orgId;
    id = id == null || id.isBlank() ? idFor(url) : id;
    events = events == null || events.isEmpty() ? WebhookEvent.DEFAULTS : Set.copyOf(events);
  }

  /** Whether this endpoint receives the event now. */
  public boolean wants(WebhookEvent event) {
    return enabled && events.contains(event);
  }

  /** A stable id from the URL: {@code wh_} and 16 hex digits of its SHA-256. */
  public static String idFor(String url) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.valueOf(url).getBytes(StandardCharsets.UTF_8));
      return "wh_" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What is wrong with an endpoint's settings, by field name ({@code url}, {@code secret}, {@code events}); empty when
   * nothing. Used by configuration validation, which prefixes the field with the endpoint's place.
   */
  public static Map<String, String> problems(String url, String secret, List<String> events) {
    Map<String, String> problems = new LinkedHashMap<>();
    String urlProblem = urlProblem(url);
    if (urlProblem != null) {
      problems.put("url", urlProblem);
    }
    if (secret == null || secret.isBlank()) {
      problems.put("secret", "required: the key that signs every delivery (use ${ENV_VAR})");
    } else if (secret.length() < MIN_SECRET_LENGTH) {
      problems.put("secret", "must be at least " + MIN_SECRET_LENGTH + " characters, got " + secret.length());
    }
    if (events != null) {
      for (String event : events) {
        if (WebhookEvent.of(event).isEmpty()) {
          problems.put("events", "unknown event \"" + event + "\"; expected some of " + WebhookEvent.names());
          break;
        }
      }
    }
    return problems;
  }

  private static String urlProblem(String url) {
    if (url == null || url.isBlank()) {
      return "required: the http or https URL that receives the deliveries";
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "expected an http or https URL, got \"" + url + "\"";
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        return "expected a host in the URL, got \"" + url + "\"";
      }
      return null;
    } catch (URISyntaxException e) {
      return "not a valid URL (" + e.getReason() + "): \"" + url + "\"";
    }
  }
}
