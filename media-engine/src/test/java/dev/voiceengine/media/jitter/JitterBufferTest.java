package dev.voiceengine.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Named jitter-buffer scenarios. Every sample carries its own timeline position (a ramp), so the played output
 * shows exactly which audio came out where, and silence (0) shows gaps.
 */
class JitterBufferTest {
  private static final int RATE = 8000;
  private static final int FRAME = 160;
  private static final int DELAY = 480; // 60 ms
  private static final int SSRC = 0x5EED;
  private static final long NANOS_PER_SAMPLE = 125_000;

  private final JitterBuffer jb = new JitterBuffer(RATE, DELAY, DELAY + 1600);
  private final Recorder played = new Recorder();

  @Test
  void inOrder() {
    for (int i = 0; i < 5; i++) {
      assertThat(push(i, i * FRAME, FRAME)).isEqualTo(PushResult.ACCEPTED);
    }
    played.pop(jb, 8);
    played.assertSilence(0, DELAY);
    played.assertRamp(DELAY, 5 * FRAME, 0);
    played.assertSilence(DELAY + 5 * FRAME, 8 * FRAME);
    JitterStats s = jb.stats();
    assertThat(s.received()).isEqualTo(5);
    assertThat(s.lost()).isZero();
    assertThat(s.late()).isZero();
    assertThat(s.duplicate()).isZero();
    assertThat(s.jitterMillis()).isZero();
  }

  @Test
  void beforeTheFirstPacketEverythingIsSilenceAndTheCursorWaits() {
    played.pop(jb, 3);
    played.assertSilence(0, 3 * FRAME);
    push(0, 0, FRAME);
    assertThat(jb.bufferedSamples()).isEqualTo(DELAY + FRAME);
  }

  @Test
  void reorder() {
    push(0, 0, FRAME);
    push(2, 2 * FRAME, FRAME);
    push(1, FRAME, FRAME);
    push(3, 3 * FRAME, FRAME);
    played.pop(jb, 7);
    played.assertRamp(DELAY, 4 * FRAME, 0);
    assertThat(jb.stats().lost()).isZero();
  }

  @Test
  void lossPlaysSilenceAndIsCounted() {
    push(0, 0, FRAME);
    push(1, FRAME, FRAME);
    push(3, 3 * FRAME, FRAME);
    push(4, 4 * FRAME, FRAME);
    played.pop(jb, 8);
    played.assertRamp(DELAY, 2 * FRAME, 0);
    played.assertSilence(DELAY + 2 * FRAME, DELAY + 3 * FRAME);
    played.assertRamp(DELAY + 3 * FRAME, 2 * FRAME, 3 * FRAME);
    assertThat(jb.stats().lost()).isEqualTo(1);
    assertThat(jb.stats().concealedSamples()).isEqualTo(8 * FRAME - 4 * FRAME);
  }

  @Test
  void observedEventPacketsAreNotLossButPlayAsSilence() {
    push(0, 0, FRAME);
    jb.observe(SSRC, 1); // a telephone-event: it takes a sequence number, not a place in the playout
    jb.observe(SSRC, 2);
    jb.observe(SSRC, 2); // its final packet again, unchanged (RFC 4733 §2.5.1.4)
    push(3, 3 * FRAME, FRAME);
    jb.observe(SSRC, 5); // comfort noise after a lost packet
    push(6, 6 * FRAME, FRAME);
    played.pop(jb, 10);
    played.assertRamp(DELAY, FRAME, 0);
    played.assertSilence(DELAY + FRAME, DELAY + 3 * FRAME);
    played.assertRamp(DELAY + 3 * FRAME, FRAME, 3 * FRAME);
    played.assertSilence(DELAY + 4 * FRAME, DELAY + 6 * FRAME);
    played.assertRamp(DELAY + 6 * FRAME, FRAME, 6 * FRAME);
    JitterStats s = jb.stats();
    assertThat(s.lost()).isEqualTo(1);
    assertThat(s.duplicate()).isZero();
    assertThat(s.received()).isEqualTo(3);
    assertThat(s.jitterMillis()).isZero();
  }

  @Test
  void duplicatesAreDroppedAndCounted() {
    push(0, 0, FRAME);
    push(1, FRAME, FRAME);
    assertThat(push(1, FRAME, FRAME)).isEqualTo(PushResult.DUPLICATE);
    push(2, 2 * FRAME, FRAME);
    assertThat(push(0, 0, FRAME)).isEqualTo(PushResult.DUPLICATE);
    played.pop(jb, 6);
    played.assertRamp(DELAY, 3 * FRAME, 0);
    assertThat(jb.stats().duplicate()).isEqualTo(2);
    assertThat(jb.stats().received()).isEqualTo(5);
  }

  @Test
  void latePacketsAreDroppedNotLost() {
    push(0, 0, FRAME);
    push(1, FRAME, FRAME);
    push(3, 3 * FRAME, FRAME);
    played.pop(jb, 6); // 3 frames of delay, packet 0, packet 1, and packet 2's slot as silence
    assertThat(push(2, 2 * FRAME, FRAME)).isEqualTo(PushResult.LATE);
    played.pop(jb, 1);
    played.assertSilence(DELAY + 2 * FRAME, DELAY + 3 * FRAME);
    played.assertRamp(DELAY + 3 * FRAME, FRAME, 3 * FRAME);
    JitterStats s = jb.stats();
    assertThat(s.late()).isEqualTo(1);
    assertThat(s.lost()).isZero();
  }

  @Test
  void aPartlyLatePacketPlaysItsTimelyPart() {
    push(0, 0, FRAME);
    push(2, 400, FRAME); // overtakes packet 1
    played.pop(jb, 5); // cursor at DELAY + 320: packet 1 (30 ms from DELAY + 160) is 20 ms late, 10 ms on time
    assertThat(push(1, FRAME, 240)).isEqualTo(PushResult.ACCEPTED);
    played.pop(jb, 1);
    played.assertRamp(DELAY + 2 * FRAME, 80, FRAME + 160);
    played.assertRamp(DELAY + 2 * FRAME + 80, 80, 400);
  }

  /** Overtaken packets, late however many in a row, are only late: re-anchoring on them would replay the past. */
  @Test
  void aRunOfLateOvertakenPacketsIsDroppedNotReanchored() {
    push(0, 0, FRAME);
    push(4, 4 * FRAME, FRAME);
    push(5, 5 * FRAME, FRAME);
    played.pop(jb, 7); // 3 frames of delay, packet 0, and the slots of 1 to 3 as silence
    assertThat(push(1, FRAME, FRAME)).isEqualTo(PushResult.LATE);
    assertThat(push(2, 2 * FRAME, FRAME)).isEqualTo(PushResult.LATE);
    assertThat(push(3, 3 * FRAME, FRAME)).isEqualTo(PushResult.LATE);
    played.pop(jb, 2);
    played.assertRamp(DELAY + 4 * FRAME, 2 * FRAME, 4 * FRAME);
    assertThat(jb.stats().late()).isEqualTo(3);
    assertThat(jb.stats().resyncs()).isZero();
    assertThat(jb.stats().lost()).isZero();
  }

  /** Late packets, newest each, while audio is still buffered: the sender's timeline moved back. */
  @Test
  void aRunOfLatePacketsReanchorsTheStream() {
    for (int i = 0; i < 6; i++) {
      push(i, i * FRAME, FRAME);
    }
    played.pop(jb, 6); // packets 3 to 5 still buffered
    assertThat(push(6, 0, FRAME)).isEqualTo(PushResult.LATE); // timestamps start again 6 frames back
    assertThat(push(7, FRAME, FRAME)).isEqualTo(PushResult.LATE);
    assertThat(push(8, 2 * FRAME, FRAME)).isEqualTo(PushResult.RESYNCED);
    assertThat(push(9, 3 * FRAME, FRAME)).isEqualTo(PushResult.ACCEPTED);
    played.pop(jb, 5);
    played.assertRamp(DELAY, 6 * FRAME, 0);
    played.assertRamp(DELAY + 6 * FRAME, 2 * FRAME, 2 * FRAME); // right after what was buffered
    assertThat(jb.stats().late()).isEqualTo(2);
    assertThat(jb.stats().resyncs()).isEqualTo(1);
  }

  /**
   * One packet of the stream's SSRC far off in sequence number and timestamp (an ancient duplicate, a forged packet)
   * neither re-anchors nor silences the stream: re-anchoring on it would leave every later packet of the real stream
   * older than the sequence window, late, and never the newest, so nothing could bring it back (RFC 3550 A.1).
   */
  @Test
  void aLoneStrayPacketDoesNotSilenceTheStream() {
    push(0, 0, FRAME);
    push(1, FRAME, FRAME);
    played.pop(jb, 2);
    PushResult stray = push(1 + 20_000, 100 * RATE, FRAME);
    for (int i = 2; i < 8; i++) {
      assertThat(push(i, i * FRAME, FRAME)).as("packet %d", i).isEqualTo(PushResult.ACCEPTED);
      played.pop(jb, 1);
    }
    played.assertRamp(DELAY, 8 * FRAME - DELAY, 0);
    assertThat(stray).as("the stray is dropped").isEqualTo(PushResult.LATE);
    assertThat(jb.stats().resyncs()).isZero();
    assertThat(jb.stats().lost()).isZero();
  }

  /** A sender that starts counting afresh (the next packet follows the jump) is followed, from that next packet. */
  @Test
  void aSequenceRestartIsFollowedOnceConfirmed() {
    push(0, 0, FRAME);
    push(1, FRAME, FRAME);
    assertThat(push(30_000, 2 * FRAME, FRAME)).isEqualTo(PushResult.LATE);
    assertThat(push(30_001, 3 * FRAME, FRAME)).isEqualTo(PushResult.ACCEPTED);
    assertThat(push(30_002, 4 * FRAME, FRAME)).isEqualTo(PushResult.ACCEPTED);
    played.pop(jb, 8);
    played.assertRamp(DELAY, 2 * FRAME, 0);
    played.assertSilence(DELAY + 2 * FRAME, DELAY + 3 * FRAME);
    played.assertRamp(DELAY + 3 * FRAME, 2 * FRAME, 3 * FRAME);
  }

  @Test
  void newSsrcIsADiscontinuityPlayedRightAfterWhatIsBuffered() {
    push(0, 0, FRAME);
    push(1, FRAME, FRAME);
    assertThat(jb.push(0xBEEF, 9000, 123_456, 0, ramp(50_000, FRAME), FRAME)).isEqualTo(PushResult.RESYNCED);
    jb.push(0xBEEF, 9001, 123_456 + FRAME, 0, ramp(50_000 + FRAME, FRAME), FRAME);
    played.pop(jb, 7);
    played.assertRamp(DELAY, 2 * FRAME, 0);
    played.assertRamp(DELAY + 2 * FRAME, 2 * FRAME, 50_000);
    assertThat(jb.stats().resyncs()).isEqualTo(1);
    assertThat(jb.stats().lost()).isZero();
  }

  @Test
  void timestampJumpsOfMoreThanASecondEitherWayReanchor() {
    push(0, 0, FRAME);
    assertThat(push(1, 5 * RATE, FRAME)).isEqualTo(PushResult.RESYNCED); // +5 s
    push(2, 5 * RATE + FRAME, FRAME);
    assertThat(push(3, -2 * RATE, FRAME)).isEqualTo(PushResult.RESYNCED); // -2 s
    played.pop(jb, 7);
    played.assertRamp(DELAY, FRAME, 0);
    played.assertRamp(DELAY + FRAME, 2 * FRAME, 5 * RATE);
    played.assertRamp(DELAY + 3 * FRAME, FRAME, -2 * RATE);
    assertThat(jb.stats().resyncs()).isEqualTo(2);
  }

  @Test
  void sequenceNumbersWrap() {
    int seq = 65533;
    for (int i = 0; i < 6; i++) {
      if (i != 3) { // drop seq 0, right after the wrap
        push((seq + i) & 0xFFFF, i * FRAME, FRAME);
      }
    }
    played.pop(jb, 9);
    played.assertRamp(DELAY, 3 * FRAME, 0);
    played.assertSilence(DELAY + 3 * FRAME, DELAY + 4 * FRAME);
    played.assertRamp(DELAY + 4 * FRAME, 2 * FRAME, 4 * FRAME);
    assertThat(jb.stats().lost()).isEqualTo(1);
    assertThat(jb.stats().resyncs()).isZero();
  }

  @Test
  void timestampsWrap() {
    int base = (int) 0xFFFF_FD80L; // 640 samples before 2^32
    for (int i = 0; i < 8; i++) {
      assertThat(jb.push(SSRC, i, base + i * FRAME, i * FRAME * NANOS_PER_SAMPLE, ramp(i * FRAME, FRAME), FRAME))
          .isEqualTo(PushResult.ACCEPTED);
    }
    played.pop(jb, 11);
    played.assertRamp(DELAY, 8 * FRAME, 0);
    assertThat(jb.stats().resyncs()).isZero();
    assertThat(jb.stats().jitterMillis()).isZero();
  }

  @Test
  void thirtyMillisecondPacketsPlayAsTwentyMillisecondFrames() {
    for (int i = 0; i < 8; i++) {
      push(i, i * 240, 240);
      if (i % 2 == 1) {
        played.pop(jb, 3); // two 30 ms packets arrive per three 20 ms frames played
      }
    }
    played.pop(jb, 3);
    played.assertRamp(DELAY, 8 * 240, 0);
    assertThat(jb.stats().skippedSamples()).isZero();
  }

  @Test
  void tenMillisecondPacketsPlayAsTwentyMillisecondFrames() {
    for (int i = 0; i < 12; i++) {
      push(i, i * 80, 80);
    }
    played.pop(jb, 3 + 6);
    played.assertRamp(DELAY, 12 * 80, 0);
  }

  @Test
  void fastRemoteClockSkipsAheadInsteadOfGrowing() {
    // The remote sends 21 frames for every 20 we play: 5 % fast.
    int seq = 0;
    long ts = 0;
    for (int tick = 0; tick < 2000; tick++) {
      int packets = tick % 20 == 0 ? 2 : 1;
      for (int p = 0; p < packets; p++) {
        push(seq++, ts, FRAME);
        ts += FRAME;
      }
      played.pop(jb, 1);
      assertThat(jb.bufferedSamples()).isLessThanOrEqualTo(DELAY + 1600);
    }
    JitterStats s = jb.stats();
    assertThat(s.skippedSamples()).isGreaterThan(0);
    assertThat(s.lost()).isZero();
    assertThat(s.late()).isZero();
  }

  @Test
  void packetsBeforePlayoutStartsAreTrimmedToTheDelay() {
    for (int i = 0; i < 50; i++) {
      push(i, i * FRAME, FRAME);
      assertThat(jb.bufferedSamples()).isLessThanOrEqualTo(DELAY + 1600);
    }
    jb.startPlayout();
    assertThat(jb.bufferedSamples()).isEqualTo(DELAY);
    played.pop(jb, 3);
    played.assertRamp(0, DELAY, 47 * FRAME);
  }

  @Test
  void interarrivalJitterFollowsRfc3550() {
    // Packets every 20 ms of media, arriving alternately on time and 10 ms late: |D| is 10 ms for every pair.
    for (int i = 0; i < 300; i++) {
      long arrival = i * 20_000_000L + (i % 2 == 1 ? 10_000_000L : 0);
      jb.push(SSRC, i, i * FRAME, arrival, ramp(i * FRAME, FRAME), FRAME);
      played.pop(jb, 1);
    }
    assertThat(jb.stats().jitterMillis()).isBetween(9.9, 10.0);
    assertThat(jb.stats().maxJitterMillis()).isGreaterThanOrEqualTo(jb.stats().jitterMillis());
  }

  @Test
  void oversizedPacketsAreCut() {
    short[] big = ramp(0, 5000);
    jb.push(SSRC, 0, 0, 0, big, big.length);
    assertThat(jb.bufferedSamples()).isLessThanOrEqualTo(DELAY + JitterBuffer.MAX_PACKET_SAMPLES);
  }

  private PushResult push(int seq, long tsRelative, int samples) {
    return jb.push(SSRC, seq, (int) (1000 + tsRelative), tsRelative * NANOS_PER_SAMPLE,
        ramp(tsRelative, samples), samples);
  }

  /** Sample values that name their timeline position; never 0 (silence). */
  static short[] ramp(long from, int n) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = value(from + i);
    }
    return s;
  }

  static short value(long position) {
    return (short) (1 + Math.floorMod(position, 30_000));
  }

  /** Everything popped, concatenated. */
  static final class Recorder {
    private short[] out = new short[0];

    void pop(JitterBuffer jb, int frames) {
      for (int f = 0; f < frames; f++) {
        short[] frame = new short[FRAME];
        jb.pop(frame);
        int n = out.length;
        out = Arrays.copyOf(out, n + FRAME);
        System.arraycopy(frame, 0, out, n, FRAME);
      }
    }

    void assertSilence(int from, int to) {
      for (int i = from; i < to; i++) {
        assertThat(out[i]).as("sample %d", i).isZero();
      }
    }

    /** {@code length} samples from output index {@code at} are the ramp starting at {@code position}. */
    void assertRamp(int at, int length, long position) {
      assertThat(out.length).isGreaterThanOrEqualTo(at + length);
      for (int i = 0; i < length; i++) {
        assertThat(out[at + i]).as("sample %d", at + i).isEqualTo(value(position + i));
      }
    }
  }
}
