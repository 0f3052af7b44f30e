package dev.voiceengine.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The catch-up decision alone; {@link JitterBufferTest} has the scenarios. Frames of 160, delay 480, 2 s windows. */
class DelayTrimmerTest {
  private static final int N = 160;
  private static final int DELAY = 480;
  private static final int LOUD = 10_000;

  private final DelayTrimmer trimmer = new DelayTrimmer(8000);

  @Test
  void lessThanAFrameOverTheDelayIsNotSlack() {
    window(DELAY + N - 1);
    assertThat(trimmer.owes(N)).isFalse();
  }

  @Test
  void aWholeFrameOverTheDelayIsSlack() {
    window(DELAY + N);
    assertThat(trimmer.owes(N)).isTrue();
    assertThat(trimmer.drops(N, DELAY + 2 * N, 0, DELAY)).isTrue();
    assertThat(trimmer.owes(N)).isFalse();
  }

  /** The excess is measured against the target when the window ends: a target that fell frees more. */
  @Test
  void slackIsMeasuredAgainstTheTargetAtTheWindowsEnd() {
    for (int i = 0; i < 99; i++) {
      trimmer.played(N, DELAY, DELAY);
    }
    trimmer.played(N, DELAY, N);
    for (int i = 0; i < 2; i++) {
      assertThat(trimmer.owes(N)).isTrue();
      assertThat(trimmer.drops(N, DELAY + N, 0, N)).as("frame %d", i).isTrue();
    }
    assertThat(trimmer.owes(N)).isFalse();
  }

  @Test
  void neverDropsBelowATargetThatRoseSince() {
    window(2000);
    assertThat(trimmer.drops(N, 2000, 0, 2000 - N)).isFalse();
    assertThat(trimmer.owes(N)).isTrue();
  }

  @Test
  void slackIsOwedInWholeFramesDownToTheDelay() {
    window(DELAY + 3 * N + 100);
    for (int i = 0; i < 3; i++) {
      assertThat(trimmer.owes(N)).isTrue();
      assertThat(trimmer.drops(N, 10_000, 0, DELAY)).isTrue();
    }
    assertThat(trimmer.owes(N)).isFalse();
  }

  @Test
  void oneLowMomentInTheWindowMeansNoSlack() {
    for (int i = 0; i < 99; i++) {
      trimmer.played(N, 2000, DELAY);
    }
    trimmer.played(N, DELAY, DELAY);
    assertThat(trimmer.owes(N)).isFalse();
  }

  @Test
  void loudFramesWaitForAQuietOneAWhile() {
    window(2000);
    for (int i = 0; i < DelayTrimmer.LOUD_SPACING; i++) {
      assertThat(trimmer.drops(N, 10_000, LOUD, DELAY)).as("frame %d", i).isFalse();
      trimmer.played(N, 2000, DELAY);
    }
    assertThat(trimmer.drops(N, 10_000, LOUD, DELAY)).isTrue();
    trimmer.played(N, 2000, DELAY);
    assertThat(trimmer.drops(N, 10_000, LOUD, DELAY)).isFalse();
    assertThat(trimmer.drops(N, 10_000, DelayTrimmer.QUIET_PEAK, DELAY)).isTrue();
  }

  @Test
  void neverDropsIntoTheDelay() {
    window(2000);
    assertThat(trimmer.drops(N, DELAY + 2 * N - 1, 0, DELAY)).as("a skip moved the cursor since").isFalse();
    assertThat(trimmer.owes(N)).isTrue();
    assertThat(trimmer.drops(N, DELAY + 2 * N, 0, DELAY)).isTrue();
  }

  @Test
  void restartForgetsTheWindowAndTheDebt() {
    window(2000);
    trimmer.restart();
    assertThat(trimmer.owes(N)).isFalse();
    for (int i = 0; i < 99; i++) {
      trimmer.played(N, 2000, DELAY);
    }
    assertThat(trimmer.owes(N)).as("window not full yet").isFalse();
  }

  /** A whole window played with {@code depth} left after every frame. */
  private void window(int depth) {
    for (int i = 0; i < 100; i++) {
      trimmer.played(N, depth, DELAY);
    }
  }
}
