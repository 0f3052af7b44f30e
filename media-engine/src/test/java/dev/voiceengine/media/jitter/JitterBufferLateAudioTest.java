package dev.voiceengine.media.jitter;

import static dev.voiceengine.media.jitter.JitterBufferTest.ramp;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Named scenarios of audio that comes late with nothing buffered (the network or the event loop stalled): it is
 * played late, from the cursor, rather than dropped. Samples name their timeline position, as in
 * {@link JitterBufferTest}; silence is 0.
 */
class JitterBufferLateAudioTest {
  private static final int FRAME = 160;
  private static final int DELAY = 480; // 60 ms
  private static final int SSRC = 0x5EED;
  private static final long NANOS_PER_SAMPLE = 125_000;

  private final JitterBuffer jb = new JitterBuffer(8000, DELAY, DELAY + 1600);
  private final JitterBufferTest.Recorder played = new JitterBufferTest.Recorder();

  /** With nothing buffered the late packet is the stream's present: it plays whole, from the cursor, not cut. */
  @Test
  void aPartlyLatePacketAfterRunningDryPlaysWhole() {
    push(0, 0, FRAME);
    played.pop(jb, 5); // cursor at DELAY + 320: packet 1 (30 ms from DELAY + 160) is 20 ms late
    assertThat(push(1, FRAME, 240)).isEqualTo(PushResult.RESYNCED);
    played.pop(jb, 2);
    played.assertRamp(DELAY + 2 * FRAME, 240, FRAME);
    assertThat(jb.stats().late()).isZero();
  }

  /**
   * The sender (or the network) stalls, the cursor runs dry, and then the held-up packets come: the first of them,
   * late, is played from the cursor on with the rest after it. Nothing is dropped; the delay grew by the lateness.
   */
  @Test
  void theNewestPacketLateAfterRunningDryIsDeliveredLateNotDropped() {
    push(0, 0, FRAME);
    push(1, FRAME, FRAME);
    push(2, 2 * FRAME, FRAME);
    played.pop(jb, 10);
    assertThat(push(3, 3 * FRAME, FRAME)).isEqualTo(PushResult.RESYNCED);
    assertThat(push(4, 4 * FRAME, FRAME)).isEqualTo(PushResult.ACCEPTED);
    assertThat(push(5, 5 * FRAME, FRAME)).isEqualTo(PushResult.ACCEPTED);
    played.pop(jb, 3);
    played.assertRamp(DELAY, 3 * FRAME, 0);
    played.assertSilence(DELAY + 3 * FRAME, 10 * FRAME);
    played.assertRamp(10 * FRAME, 3 * FRAME, 3 * FRAME);
    assertThat(jb.stats().late()).isZero();
    assertThat(jb.stats().resyncs()).isEqualTo(1);
  }

  /** A stalled pacer's skipped frames pass over what never arrived, but received audio waits to be played late. */
  @Test
  void skipPassesOverGapsButKeepsReceivedAudio() {
    push(0, 0, FRAME);
    push(1, FRAME, FRAME);
    push(3, 3 * FRAME, FRAME);
    jb.skip(DELAY + FRAME);
    played.pop(jb, 2);
    played.assertRamp(0, 2 * FRAME, 0);
    jb.skip(2 * FRAME); // the gap where packet 2 is missing, then packet 3
    played.pop(jb, 1);
    played.assertRamp(2 * FRAME, FRAME, 3 * FRAME);
    jb.skip(5 * FRAME); // nothing buffered: the cursor moves on
    assertThat(jb.bufferedSamples()).isZero();
    assertThat(push(4, 4 * FRAME, FRAME)).as("late after running dry: delivered late").isEqualTo(PushResult.RESYNCED);
    played.pop(jb, 1);
    played.assertRamp(3 * FRAME, FRAME, 4 * FRAME);
    assertThat(jb.stats().skippedSamples()).isZero();
  }

  private PushResult push(int seq, long tsRelative, int samples) {
    return jb.push(SSRC, seq, (int) (1000 + tsRelative), tsRelative * NANOS_PER_SAMPLE,
        ramp(tsRelative, samples), samples);
  }
}
