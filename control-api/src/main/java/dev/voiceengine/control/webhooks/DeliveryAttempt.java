package dev.voiceengine.control.webhooks;

import java.time.Instant;

/**
 * One try at delivering: the response's status and first bytes, or (no response) the error.
 *
 * @param statusCode null when no response came
 * @param responseExcerpt at most the first 512 bytes of the response body
 * @param error what went wrong before a response (refused, timed out...), else null
 */
public record DeliveryAttempt(Instant attemptedAt, Integer statusCode, String responseExcerpt, String error,
    long durationMs) {}
