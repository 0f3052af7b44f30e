package dev.voiceengine.media.jitter;

import static dev.voiceengine.media.jitter.JitterBufferTest.ramp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Named jitter-buffer scenarios about depth over time: a delay spike is worn off afterwards, an ordinary stream is
 * never trimmed. Samples are ramps naming their timeline position, as in {@link JitterBufferTest}; silence is 0.
 */
class JitterBufferCatchUpTest {
  private static final int FRAME = 160;
  private static final int DELAY = 480; // 60 ms
  private static final int SSRC = 0x5EED;
  private static final long NANOS_PER_SAMPLE = 125_000;

  private final JitterBuffer jb = new JitterBuffer(8000, DELAY, DELAY + 1600);
  private final short[] frame = new short[FRAME];
  private long realPlayed;
  private long loudPlayed;

  @Test
  void delaySpikeIsWornOffAfterwards() {
    int seq = steadyThenDelaySpike();
    assertThat(jb.bufferedSamples()).as("the spike, still buffered").isEqualTo(DELAY + 7 * FRAME);
    int ticks = 0;
    for (; jb.bufferedSamples() > DELAY && ticks < 250; ticks++) {
      tick(seq++, false);
      assertThat(jb.bufferedSamples()).isGreaterThanOrEqualTo(DELAY);
    }
    assertThat(jb.bufferedSamples()).as("depth 5 s after the spike").isEqualTo(DELAY);
    for (int i = 0; i < 500; i++) { // and it stays there
      tick(seq++, false);
      assertThat(jb.bufferedSamples()).isEqualTo(DELAY);
    }
    play(5);
    JitterStats s = jb.stats();
    assertThat(s.caughtUpSamples()).isEqualTo(7 * FRAME);
    assertThat(s.skippedSamples()).as("all of it received audio").isEqualTo(7 * FRAME);
    assertThat(s.late()).as("delivered late, not dropped").isZero();
    assertThat(s.resyncs()).isEqualTo(1);
    assertThat(s.lost()).isZero();
    assertThat(realPlayed + s.skippedSamples()).as("every received sample accounted for")
        .isEqualTo((long) seq * FRAME);
  }

  @Test
  void catchingUpDropsQuietFramesRatherThanSpeech() {
    int seq = steadyThenDelaySpike();
    long loudPushed = (long) seq * FRAME; // all so far: none was late
    for (int i = 0; i < 500; i++, seq++) {
      boolean quiet = seq % 4 == 0;
      tick(seq, quiet);
      loudPushed += quiet ? 0 : FRAME;
    }
    play(5);
    assertThat(jb.bufferedSamples()).isZero();
    assertThat(jb.stats().caughtUpSamples()).isEqualTo(7 * FRAME);
    assertThat(loudPlayed).isEqualTo(loudPushed);
  }

  /**
   * The event loop stalls 160 ms: nothing is read, nothing played. The pacer then reports the frames it skipped and
   * the eight packets held up are read: the caller's audio is played late, none of it dropped but pauses, and the
   * depth is worn back to the delay. (Up to the maximum depth, here 200 ms over the delay; a call's has 500 ms.)
   */
  @Test
  void eventLoopStallDeliversTheCallersAudioLate() {
    int seq = 0;
    long loudPushed = 0;
    for (; seq < 100; seq++) {
      tick(seq, seq % 4 == 0);
      loudPushed += seq % 4 == 0 ? 0 : FRAME;
    }
    jb.skip(8 * FRAME);
    for (; seq < 108; seq++) {
      long ts = (long) seq * FRAME;
      boolean quiet = seq % 4 == 0;
      jb.push(SSRC, seq, (int) (1000 + ts), 108 * FRAME * NANOS_PER_SAMPLE, quiet ? new short[FRAME] : ramp(ts, FRAME),
          FRAME);
      loudPushed += quiet ? 0 : FRAME;
    }
    assertThat(jb.bufferedSamples()).as("nothing dropped").isEqualTo(DELAY + 8 * FRAME);
    for (int i = 0; i < 250; i++, seq++) {
      tick(seq, seq % 4 == 0);
      loudPushed += seq % 4 == 0 ? 0 : FRAME;
    }
    assertThat(jb.bufferedSamples()).as("worn back to the delay").isEqualTo(DELAY);
    play(3);
    JitterStats s = jb.stats();
    assertThat(loudPlayed).isEqualTo(loudPushed);
    assertThat(s.late()).isZero();
    assertThat(s.caughtUpSamples()).isEqualTo(8 * FRAME);
    assertThat(s.skippedSamples()).as("pauses only").isEqualTo(8 * FRAME);
    assertThat(realPlayed + s.skippedSamples()).isEqualTo((long) seq * FRAME);
  }

  @Test
  void steadyStreamNeverDropsAudio() {
    // 60 s of 20 ms packets, each arriving up to 10 ms early or late (so some overtake others); a frame every 20 ms.
    int packets = 3000;
    Random random = new Random(20);
    long[] arrivalMicros = new long[packets];
    Integer[] order = new Integer[packets];
    for (int i = 0; i < packets; i++) {
      arrivalMicros[i] = 10_000 + i * 20_000L + random.nextInt(20_001) - 10_000;
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong(i -> arrivalMicros[i]));
    int next = 0;
    for (long tick = 0; next < packets || tick < (packets + 5) * 20_000L; tick += 20_000) {
      for (; next < packets && arrivalMicros[order[next]] <= tick; next++) {
        int i = order[next];
        assertThat(jb.push(SSRC, i, 1000 + i * FRAME, arrivalMicros[i] * 1000, ramp(i * FRAME, FRAME), FRAME))
            .isEqualTo(PushResult.ACCEPTED);
      }
      play(1);
    }
    JitterStats s = jb.stats();
    assertThat(realPlayed).isEqualTo((long) packets * FRAME);
    assertThat(s.caughtUpSamples()).isZero();
    assertThat(s.skippedSamples()).isZero();
    assertThat(s.late()).isZero();
    assertThat(s.lost()).isZero();
    assertThat(s.jitterMillis()).isBetween(3.0, 10.0);
  }

  /**
   * 2 s of a steady stream at the delay, then 200 ms in which nothing arrives (the cursor runs dry after the 60 ms
   * buffered), then packets 100-110 all at once, late: played from the cursor on, none dropped; and one frame played.
   * Returns the next sequence number.
   */
  private int steadyThenDelaySpike() {
    int seq = 0;
    for (; seq < 100; seq++) {
      tick(seq, false);
    }
    assertThat(jb.bufferedSamples()).isEqualTo(DELAY);
    play(10);
    assertThat(push(100, 100 * FRAME, FRAME)).isEqualTo(PushResult.RESYNCED);
    for (seq = 101; seq <= 110; seq++) {
      assertThat(push(seq, seq * FRAME, FRAME)).isEqualTo(PushResult.ACCEPTED);
    }
    play(1);
    return seq;
  }

  /** One 20 ms tick of a steady stream: packet {@code seq} (a ramp, or silence) arrives, then a frame plays. */
  private void tick(int seq, boolean quiet) {
    long ts = (long) seq * FRAME;
    short[] pcm = quiet ? new short[FRAME] : ramp(ts, FRAME);
    jb.push(SSRC, seq, (int) (1000 + ts), ts * NANOS_PER_SAMPLE, pcm, FRAME);
    play(1);
  }

  /** Pops {@code frames} frames, counting received and non-silent samples but keeping none. */
  private void play(int frames) {
    for (int f = 0; f < frames; f++) {
      realPlayed += jb.pop(frame);
      for (short v : frame) {
        loudPlayed += v != 0 ? 1 : 0;
      }
    }
  }

  private PushResult push(int seq, long tsRelative, int samples) {
    return jb.push(SSRC, seq, (int) (1000 + tsRelative), tsRelative * NANOS_PER_SAMPLE,
        ramp(tsRelative, samples), samples);
  }
}
