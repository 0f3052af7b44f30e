package dev.voiceengine.media.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverloadGuardTest {
  private final MediaMetrics metrics = new MediaMetrics();
  private long now = 1_000_000_000L;
  private final OverloadGuard guard = new OverloadGuard(metrics, () -> now);

  OverloadGuardTest() {
    now += OverloadGuard.GRACE_NANOS; // past the start-up grace unless a test says otherwise
  }

  private void second(int onTime, int late, int skipped) {
    for (int i = 0; i < onTime; i++) {
      metrics.frameRun(false);
    }
    for (int i = 0; i < late; i++) {
      metrics.frameRun(true);
    }
    metrics.framesSkipped(skipped);
    now += OverloadGuard.WINDOW_NANOS;
  }

  @Test
  void healthyLoopsAreNotOverloaded() {
    second(5000, 100, 0); // 2 % late
    assertThat(guard.overloaded()).isFalse();
    second(5000, 100, 0);
    assertThat(guard.overloaded()).isFalse();
  }

  @Test
  void manyLateOrSkippedFramesTwoWindowsInARowMeanOverloadedUntilAHealthyWindow() {
    second(4000, 600, 300); // 900 of 4900 late or skipped
    assertThat(guard.overloaded()).as("one bad window: a pause, not yet a capacity problem").isFalse();
    second(4000, 600, 300);
    assertThat(guard.overloaded()).isTrue();
    now += 1; // within the next window: the verdict stands
    assertThat(guard.overloaded()).isTrue();
    second(5000, 0, 0);
    assertThat(guard.overloaded()).isFalse();
  }

  @Test
  void nothingIsJudgedWhileTheEngineWarmsUp() {
    OverloadGuard fresh = new OverloadGuard(metrics, () -> now);
    second(4000, 600, 300);
    second(4000, 600, 300);
    assertThat(fresh.overloaded()).as("within the first minute").isFalse();
  }

  @Test
  void aFewCallsWarmingUpAreNotJudged() {
    second(200, 150, 50); // two calls, mostly late: too few frames to call it a capacity problem
    assertThat(guard.overloaded()).isFalse();
  }

  @Test
  void theVerdictIsRecomputedAtMostOncePerWindow() {
    second(2000, 2000, 0);
    assertThat(guard.overloaded()).isFalse();
    for (int i = 0; i < 2000; i++) {
      metrics.frameRun(true);
    }
    now += OverloadGuard.WINDOW_NANOS / 2;
    assertThat(guard.overloaded()).as("half a window later").isFalse();
    now += OverloadGuard.WINDOW_NANOS / 2;
    assertThat(guard.overloaded()).isTrue();
  }
}
