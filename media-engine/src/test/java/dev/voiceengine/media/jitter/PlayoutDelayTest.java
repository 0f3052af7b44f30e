package dev.voiceengine.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The delay estimator alone: 20 ms packets (packet {@code k} sent at {@code k × 20 ms}), target between 20 and 60 ms,
 * 2 s windows of arrivals. {@link JitterBufferAdaptiveTest} has it driving a buffer.
 */
class PlayoutDelayTest {
  private static final int N = 160;
  private static final int MIN = N;
  private static final int MAX = 3 * N;
  private static final long PERIOD_NANOS = 20_000_000L;
  private static final int PER_WINDOW = PlayoutDelay.WINDOW_MILLIS / 20;

  private final PlayoutDelay delay = new PlayoutDelay(8000, N, MIN, MAX);

  @Test
  void startsAtTheMaximumAndFollowsACleanPathDownAfterTheFirstWindow() {
    for (int k = 0; k < PER_WINDOW; k++) {
      arrive(k, 0);
      assertThat(delay.target()).as("packet %d: nothing known yet", k).isEqualTo(MAX);
    }
    arrive(PER_WINDOW, 0);
    assertThat(delay.target()).isEqualTo(MIN);
    assertThat(delay.targetMillis()).isEqualTo(20.0);
  }

  @Test
  void aConstantTransitIsNoLateness() {
    for (int k = 0; k < 3 * PER_WINDOW; k++) {
      arrive(k, 150); // 150 ms in flight, every packet alike
    }
    assertThat(delay.target()).isEqualTo(MIN);
  }

  @Test
  void aLatePacketRaisesTheTargetAtOnce() {
    int k = clean(0, 3 * PER_WINDOW / 2);
    arrive(k++, 25); // 25 ms + 5 ms guard: two frames
    assertThat(delay.target()).isEqualTo(2 * N);
    arrive(k++, 0);
    arrive(k, 40); // 40 + 5 ms: three frames
    assertThat(delay.target()).isEqualTo(3 * N);
  }

  @Test
  void smallLatenessWithinTheGuardStaysAtOneFrame() {
    int k = clean(0, PER_WINDOW + 1);
    for (int i = 0; i < PER_WINDOW; i++) {
      arrive(k++, i % 2 == 0 ? 0 : 15); // 15 ms + 5 ms guard fit one 20 ms frame
    }
    assertThat(delay.target()).isEqualTo(N);
  }

  @Test
  void decaysAFramePerWindowOnceTheLatenessLeftBothWindows() {
    int k = clean(0, PER_WINDOW + 50);
    arrive(k++, 40);
    assertThat(delay.target()).isEqualTo(3 * N);
    k = clean(k, 2 * PER_WINDOW + 1 - k); // up to the start of the third window: the late one is in the previous
    assertThat(delay.target()).as("still remembered").isEqualTo(3 * N);
    k = clean(k, PER_WINDOW - 1);
    assertThat(delay.target()).isEqualTo(3 * N);
    arrive(k++, 0); // the fourth window: the late one left both
    assertThat(delay.target()).as("a frame down, not all the way").isEqualTo(2 * N);
    k = clean(k, PER_WINDOW - 1);
    assertThat(delay.target()).isEqualTo(2 * N);
    arrive(k, 0);
    assertThat(delay.target()).isEqualTo(N);
  }

  @Test
  void neverAboveTheMaximumNorBelowTheMinimum() {
    int k = clean(0, PER_WINDOW + 1);
    assertThat(delay.target()).isEqualTo(MIN);
    arrive(k, 500);
    assertThat(delay.target()).isEqualTo(MAX);
  }

  @Test
  void minimumEqualToMaximumIsAFixedDelay() {
    PlayoutDelay fixed = new PlayoutDelay(8000, N, MAX, MAX);
    assertThat(fixed.adaptive()).isFalse();
    assertThat(delay.adaptive()).isTrue();
    for (int k = 0; k < 3 * PER_WINDOW; k++) {
      fixed.arrived(k * PERIOD_NANOS + (k % 3 == 0 ? 100_000_000L : 0), (long) k * N);
      assertThat(fixed.target()).isEqualTo(MAX);
    }
  }

  @Test
  void restartForgetsTransitsButNotTheLateness() {
    int k = clean(0, PER_WINDOW + 1);
    arrive(k++, 40);
    delay.restart();
    delay.arrived(k * PERIOD_NANOS, 1_000_000L); // a new timeline: its transit is far from the old ones
    assertThat(delay.target()).isEqualTo(3 * N);
    delay.arrived((k + 1) * PERIOD_NANOS, 1_000_000L + N);
    assertThat(delay.target()).as("not late against the new timeline").isEqualTo(3 * N);
  }

  @Test
  void rejectsAMinimumAboveTheMaximum() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PlayoutDelay(8000, N, MAX + 1, MAX))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Packets {@code from} to {@code from + count - 1} on time; returns the next index. */
  private int clean(int from, int count) {
    for (int k = from; k < from + count; k++) {
      arrive(k, 0);
    }
    return from + count;
  }

  private void arrive(int k, int lateMillis) {
    delay.arrived(k * PERIOD_NANOS + lateMillis * 1_000_000L, (long) k * N);
  }
}
