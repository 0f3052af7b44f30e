package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  final AtomicLong now = new AtomicLong(123_456_789L);

  @Test
  void aFullBucketAllowsTheBurstThenSaysHowLongToWait() {
    TokenBucket bucket = new TokenBucket(2, 5, now::get);
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.tryTake()).as("request %d of the burst", i).isZero();
    }
    assertThat(bucket.tryTake()).as("one token takes half a second at 2/s").isEqualTo(SECOND / 2);
    now.addAndGet(SECOND / 4);
    assertThat(bucket.tryTake()).as("a refused request takes nothing").isEqualTo(SECOND / 4);
    now.addAndGet(SECOND / 4);
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isPositive();
  }

  @Test
  void refillsAtTheRateButNeverBeyondTheBurst() {
    TokenBucket bucket = new TokenBucket(10, 3, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.tryTake()).isZero();
    }
    now.addAndGet(SECOND * 3600);
    int allowed = 0;
    while (bucket.tryTake() == 0 && allowed < 100) {
      allowed++;
    }
    assertThat(allowed).as("an idle hour still allows only the burst").isEqualTo(3);
    now.addAndGet(SECOND);
    allowed = 0;
    while (bucket.tryTake() == 0 && allowed < 100) {
      allowed++;
    }
    assertThat(allowed).as("one second at 10/s with a burst of 3").isEqualTo(3);
  }

  @Test
  void slowRatesWaitLong() {
    TokenBucket bucket = new TokenBucket(0.1, 1, now::get);
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(10 * SECOND);
    now.addAndGet(9 * SECOND);
    assertThat(TokenBucket.retryAfterSeconds(bucket.tryTake())).isEqualTo(1);
    now.addAndGet(SECOND);
    assertThat(bucket.tryTake()).isZero();
  }

  @Test
  void aClockGoingBackwardsAddsNothing() {
    TokenBucket bucket = new TokenBucket(1, 1, now::get);
    assertThat(bucket.tryTake()).isZero();
    now.addAndGet(-5 * SECOND);
    assertThat(bucket.tryTake()).isEqualTo(SECOND);
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertThat(TokenBucket.retryAfterSeconds(1)).isEqualTo(1);
    assertThat(TokenBucket.retryAfterSeconds(SECOND)).isEqualTo(1);
    assertThat(TokenBucket.retryAfterSeconds(SECOND + 1)).isEqualTo(2);
    assertThat(TokenBucket.retryAfterSeconds(10 * SECOND - 1)).isEqualTo(10);
  }

  @Test
  void refusesNonsenseLimits() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(1, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimit.of(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimit.of(5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RateLimit.of(0, 0).enabled()).isFalse();
    assertThat(RateLimit.DEFAULT.describe()).isEqualTo("50 requests per second (bursts of 100)");
    assertThat(RateLimit.of(0.5, 2).describe()).isEqualTo("0.5 requests per second (bursts of 2)");
  }
}
