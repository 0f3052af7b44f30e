package dev.voiceengine.control.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per API key, keyed by the key's hash and created on its first request. Only keys that
 * passed verification get a bucket, so the map holds at most one entry per configured key.
 */
final class KeyRateLimiter {
  private final RateLimit limit;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  KeyRateLimiter(RateLimit limit) {
    this.limit = limit;
  }

  boolean enabled() {
    return limit.enabled();
  }

  RateLimit limit() {
    return limit;
  }

  /** 0 when the key may make this request; otherwise the nanoseconds until it may. */
  long tryAcquire(String keyHash) {
    if (!limit.enabled()) {
      return 0;
    }
    return buckets.computeIfAbsent(keyHash,
        k -> new TokenBucket(limit.perSecond(), limit.burst(), limit.nanoClock())).tryTake();
  }
}
