package dev.voiceengine.control.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * The webhook endpoints and how deliveries are retried.
 *
 * @param endpoints      where events go; empty sends nothing (and no outbox rows are written)
 * @param baseDelay      the backoff's first ceiling (doubling per failed attempt); tests shorten it
 * @param maxDelay       the longest pause between two attempts
 * @param giveUpAfter    how long after the event a failing delivery is still retried
 * @param requestTimeout how long one attempt may take, connection included
 */
public record WebhookSettings(List<WebhookEndpoint> endpoints, Duration baseDelay, Duration maxDelay,
    Duration giveUpAfter, Duration requestTimeout) {
  public static final Duration BASE_DELAY = Duration.ofSeconds(5);
  public static final Duration MAX_DELAY = Duration.ofHours(1);
  public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** No endpoints. */
  public static final WebhookSettings NONE = of(List.of());

  public WebhookSettings {
    endpoints = List.copyOf(endpoints);
  }

  /** These endpoints with the production schedule: 5 s base, 1 h cap, 24 h, 10 s per attempt. */
  public static WebhookSettings of(List<WebhookEndpoint> endpoints) {
    return new WebhookSettings(endpoints, BASE_DELAY, MAX_DELAY, GIVE_UP_AFTER, REQUEST_TIMEOUT);
  }
}
