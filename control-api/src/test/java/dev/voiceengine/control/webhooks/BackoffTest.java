package dev.voiceengine.control.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry schedule, with the jitter fixed by the test (no clock is read, nothing waits). */
class BackoffTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  static Backoff production(double jitter) {
    return new Backoff(WebhookSettings.BASE_DELAY, WebhookSettings.MAX_DELAY, WebhookSettings.GIVE_UP_AFTER,
        () -> jitter);
  }

  @Test
  void ceilingDoublesFromFiveSecondsUpToOneHour() {
    Backoff backoff = production(0.5);
    assertThat(List.of(1, 2, 3, 4, 5, 10, 11, 12, 100, Integer.MAX_VALUE).stream().map(backoff::ceiling).toList())
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(2560), Duration.ofHours(1),
            Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
  }

  @Test
  void fullJitterPicksUniformlyBetweenZeroAndTheCeiling() {
    Deque<Double> randoms = new ArrayDeque<>(List.of(0.0, 0.25, 0.999, 1.0, -3.0));
    Backoff backoff = new Backoff(WebhookSettings.BASE_DELAY, WebhookSettings.MAX_DELAY,
        WebhookSettings.GIVE_UP_AFTER, randoms::poll);
    assertThat(backoff.delay(3)).isEqualTo(Duration.ZERO);
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(19_980));
    assertThat(backoff.delay(3)).as("a random of 1 stays within the ceiling").isEqualTo(Duration.ofSeconds(20));
    assertThat(backoff.delay(3)).as("out of range randoms are clamped").isEqualTo(Duration.ZERO);
  }

  @Test
  void aFailingDeliveryIsRetriedForAtLeastADayThenGivenUp() {
    for (double jitter : new double[] {0.05, 0.5, 1.0}) {
      Backoff backoff = production(jitter);
      Instant now = T0;
      int attempts = 0;
      Instant next = T0;
      while (next != null) {
        now = next;
        attempts++;
        next = backoff.next(T0, now, attempts);
        if (next != null) {
          assertThat(Duration.between(now, next)).isLessThanOrEqualTo(Duration.ofHours(1));
        }
      }
      assertThat(Duration.between(T0, now)).as("last attempt, jitter %s", jitter)
          .isGreaterThanOrEqualTo(Duration.ofHours(24)).isLessThan(Duration.ofHours(25));
      assertThat(attempts).as("attempts, jitter %s", jitter).isGreaterThan(24);
    }
  }

  @Test
  void theAttemptThatFailsAtTheDayMarkIsTheLast() {
    Backoff backoff = production(0.5);
    assertThat(backoff.next(T0, T0.plus(Duration.ofHours(24)).minusMillis(1), 30))
        .isEqualTo(T0.plus(Duration.ofHours(24)).minusMillis(1).plus(Duration.ofMinutes(30)));
    assertThat(backoff.next(T0, T0.plus(Duration.ofHours(24)), 30)).isNull();
  }

  @Test
  void refusesASchedulelessBackoff() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1), () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1),
        () -> 0.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
