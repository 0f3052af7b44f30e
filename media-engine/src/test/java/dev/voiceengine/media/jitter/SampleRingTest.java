package dev.voiceengine.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The jitter buffer's storage alone: received audio is told from gaps, and is taken or cleared only once. */
class SampleRingTest {
  private final SampleRing ring = new SampleRing(256);

  @Test
  void takesWhatWasWrittenAndSilenceForGaps() {
    ring.write(1000, new short[] {5, -7, 9}, 1, 3); // the first sample was late: not stored
    short[] out = new short[4];
    assertThat(ring.take(1000, out)).isEqualTo(2);
    assertThat(out).containsExactly(0, -7, 9, 0);
    assertThat(ring.take(1000, out)).as("taken once").isZero();
    assertThat(ring.filled()).isZero();
  }

  @Test
  void positionsWrapAroundTheRing() {
    ring.write(250, new short[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, 10);
    assertThat(ring.countFilled(250, 260)).isEqualTo(10);
    assertThat(ring.isFilled(256)).isTrue();
    assertThat(ring.isFilled(249)).isFalse();
    assertThat(ring.peak(250, 10)).isEqualTo(10);
    short[] out = new short[10];
    assertThat(ring.take(250, out)).isEqualTo(10);
    assertThat(out).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void silenceThatWasSentCountsAsReceived() {
    ring.write(0, new short[8], 0, 8);
    assertThat(ring.filled()).isEqualTo(8);
    assertThat(ring.peak(0, 8)).isZero();
  }

  @Test
  void clearForgetsARangeOrEverything() {
    ring.write(0, new short[] {1, 2, 3, 4}, 0, 4);
    ring.clear(1, 3);
    assertThat(ring.countFilled(0, 4)).isEqualTo(2);
    ring.write(100, new short[] {1}, 0, 1);
    ring.clear(0, 10_000);
    assertThat(ring.filled()).isZero();
  }

  @Test
  void capacityIsAPowerOfTwo() {
    assertThat(ring.capacity()).isEqualTo(256);
    assertThatThrownBy(() -> new SampleRing(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SampleRing(32)).isInstanceOf(IllegalArgumentException.class);
  }
}
