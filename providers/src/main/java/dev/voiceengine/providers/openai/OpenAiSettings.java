package dev.voiceengine.providers.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one OpenAI-compatible service. Each adapter gets its own settings, because a deployment
 * commonly runs its chat, transcription and speech models on different servers.
 *
 * @param baseUrl the API root including its version path, e.g. {@code https://api.openai.com/v1} or
 *     {@code http://localhost:11434/v1}; endpoint paths such as {@code /chat/completions} are appended to it
 * @param apiKey sent as {@code Authorization: Bearer}; empty for servers that need none
 * @param model the model used when a request names none (may be empty when every request names one)
 * @param voice the speech voice used when a request names none; ignored by chat and transcription
 * @param requestTimeout how long to wait for the response to begin
 * @param connectTimeout how long to wait for the TCP (and TLS) connection
 */
public record OpenAiSettings(
    String baseUrl, String apiKey, String model, String voice, Duration requestTimeout, Duration connectTimeout) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public OpenAiSettings {
    Objects.requireNonNull(baseUrl, "baseUrl is required, e.g. http://localhost:11434/v1");
    baseUrl = baseUrl.strip();
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("baseUrl is not a valid URL: '" + baseUrl + "' (" + e.getMessage() + ")");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "baseUrl must start with http:// or https://, e.g. http://localhost:11434/v1; got '" + baseUrl + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("baseUrl has no host: '" + baseUrl + "'");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("baseUrl must not carry a query or fragment: '" + baseUrl + "'");
    }
    apiKey = apiKey == null ? "" : apiKey.strip();
    if (apiKey.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new IllegalArgumentException("apiKey contains characters not allowed in an HTTP header");
    }
    model = model == null ? "" : model.strip();
    voice = voice == null ? "" : voice.strip();
    requestTimeout = positive(requestTimeout, DEFAULT_REQUEST_TIMEOUT, "requestTimeout");
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
  }

  /** Settings with default timeouts. */
  public static OpenAiSettings of(String baseUrl, String apiKey, String model, String voice) {
    return new OpenAiSettings(baseUrl, apiKey, model, voice, null, null);
  }

  /** The absolute URI of an endpoint below {@link #baseUrl()}, e.g. {@code endpoint("/chat/completions")}. */
  public URI endpoint(String path) {
    return URI.create(baseUrl + path);
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive; got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    // Never print the key: settings end up in logs.
    return "OpenAiSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isEmpty() ? "(none)" : "(set)")
        + ", model=" + model + ", voice=" + voice + ", requestTimeout=" + requestTimeout
        + ", connectTimeout=" + connectTimeout + "]";
  }
}
