package dev.voiceengine.server.config;

import java.util.List;

/**
 * API keys given in configuration (use ${ENV_VAR} rather than writing a key into the file). With none, the first start
 * generates a key and writes it to data_dir/api-key.
 *
 * @param rateLimitPerSecond requests each key may make on the HTTP API per second on average; default 50, 0 turns
 *                           the limit off (beyond it: 429 with Retry-After)
 * @param rateLimitBurst     requests a key may make at once before the average applies; default 100
 */
public record ApiConfig(List<String> keys, Double rateLimitPerSecond, Integer rateLimitBurst) {
  /** The default average rate per key. */
  public static final double DEFAULT_RATE_LIMIT_PER_SECOND = 50;
  /** The default burst per key. */
  public static final int DEFAULT_RATE_LIMIT_BURST = 100;

  public ApiConfig {
    keys = keys == null ? List.of() : List.copyOf(keys);
    rateLimitPerSecond = rateLimitPerSecond == null ? DEFAULT_RATE_LIMIT_PER_SECOND : rateLimitPerSecond;
    rateLimitBurst = rateLimitBurst == null ? DEFAULT_RATE_LIMIT_BURST : rateLimitBurst;
  }

  /** These keys with the default rate limit. */
  public ApiConfig(List<String> keys) {
    this(keys, null, null);
  }
}
