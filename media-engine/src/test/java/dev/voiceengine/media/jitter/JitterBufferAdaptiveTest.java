package dev.voiceengine.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Named scenarios of the adaptive playout delay: 20 to 60 ms, as a call's buffer with {@code rtp.jitter_ms: 60} is
 * made. Packet {@code k} is sent at tick {@code k} (20 ms) and reaches the buffer in some later tick; every tick its
 * packets are pushed, then a frame is popped, as the media loop does. Speech is every frame but each fourth, which is
 * silence (a pause the catching up may drop); a speech frame is packet {@code k}'s marker in all its samples, so the
 * frames played say which packets played, in which order.
 */
class JitterBufferAdaptiveTest {
  private static final int RATE = 8000;
  private static final int FRAME = 160;
  private static final int MAX = 3 * FRAME;
  private static final int CEILING = MAX + RATE / 2;
  private static final int SSRC = 0x5EED;
  private static final long TICK_NANOS = 20_000_000L;

  private final JitterBuffer jb = new JitterBuffer(RATE, FRAME, MAX, CEILING);
  private final TreeMap<Integer, List<Integer>> arrivals = new TreeMap<>();
  private final List<Integer> playedSpeech = new ArrayList<>();
  private final List<Double> delayPerTick = new ArrayList<>();
  private final short[] out = new short[FRAME];
  private int tick;
  private int sent;

  @Test
  void cleanPathConvergesToOneFrame() {
    send(500, 0); // 10 s
    run(500);
    assertThat(jb.currentDelayMs()).isEqualTo(20.0);
    assertThat(delayPerTick.subList(101, 500)).as("from the end of the first window").containsOnly(20.0);
    assertThat(jb.bufferedSamples()).as("one frame ahead of the cursor after a pop").isEqualTo(FRAME);
    JitterStats s = jb.stats();
    assertThat(s.caughtUpSamples()).as("60 ms down to 20: two frames").isEqualTo(2 * FRAME);
    assertThat(s.delayMillis()).isEqualTo(20.0);
    assertAllSpeechPlayedInOrder();
  }

  /** Every half second the network holds two packets back and releases them with the third: 40 ms late. */
  @Test
  void jitterBurstsRaiseTheDelayWithinOnePacket() {
    send(250, 0);
    run(250);
    assertThat(jb.currentDelayMs()).isEqualTo(20.0);
    bursts(10, 2);
    int firstLate = delayPerTick.subList(250, delayPerTick.size()).indexOf(60.0);
    assertThat(firstLate).as("the tick the first held packet arrived").isEqualTo(2);
    assertThat(delayPerTick.subList(252, delayPerTick.size())).containsOnly(60.0);
    assertThat(jb.stats().late()).as("the first burst is delivered late, the others in time").isZero();
    assertThat(jb.stats().resyncs()).isEqualTo(1);
    assertThat(jb.bufferedSamples()).as("grown by the 40 ms").isGreaterThanOrEqualTo(2 * FRAME);
    assertAllSpeechPlayedInOrder();
  }

  @Test
  void afterJitterEndsTheDelayDecaysSlowly() {
    send(250, 0);
    run(250);
    bursts(10, 2);
    int lastBurst = tick;
    send(sent + 750, 0); // 15 s clean
    run(tick + 750);
    List<Double> after = delayPerTick.subList(lastBurst, delayPerTick.size());
    assertThat(after.subList(0, 100)).as("held for a window at least").containsOnly(60.0);
    List<Integer> steps = new ArrayList<>();
    for (int i = 1; i < after.size(); i++) {
      double change = after.get(i) - after.get(i - 1);
      if (change != 0) {
        assertThat(change).as("tick %d after the last burst", i).isEqualTo(-20.0);
        steps.add(i);
      }
    }
    assertThat(steps).hasSize(2);
    assertThat(steps.get(1) - steps.get(0)).as("a window between steps").isGreaterThanOrEqualTo(99);
    assertThat(jb.currentDelayMs()).isEqualTo(20.0);
    assertThat(jb.bufferedSamples()).as("the buffer followed the target down").isEqualTo(FRAME);
    assertThat(jb.stats().late()).isZero();
    assertAllSpeechPlayedInOrder();
  }

  /** 60 s of packets each up to 10 ms early or late (some overtake others): 40 ms covers it, and nothing is late. */
  @Test
  void jitterOfTenMillisecondsEitherWaySettlesAtFortyMilliseconds() {
    java.util.Random random = new java.util.Random(20);
    int packets = 3000;
    long[] arrivalMicros = new long[packets];
    Integer[] order = new Integer[packets];
    for (int k = 0; k < packets; k++) {
      arrivalMicros[k] = 10_000 + k * 20_000L + random.nextInt(20_001) - 10_000;
      order[k] = k;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingLong(k -> arrivalMicros[k]));
    int next = 0;
    for (; next < packets || jb.bufferedSamples() > 0 && tick < packets + 50; tick++) {
      for (; next < packets && arrivalMicros[order[next]] <= tick * 20_000L; next++) {
        push(order[next], arrivalMicros[order[next]] * 1000);
      }
      jb.pop(out);
      if (out[0] != 0) {
        playedSpeech.add(out[0] - 1000);
      }
      delayPerTick.add(jb.currentDelayMs());
    }
    sent = packets;
    JitterStats s = jb.stats();
    assertThat(delayPerTick.subList(150, delayPerTick.size() - 50)).containsOnly(40.0);
    assertThat(s.late()).isZero();
    assertThat(s.caughtUpSamples()).as("60 ms down to 40: a pause").isEqualTo(FRAME);
    assertThat(playedSpeech).isEqualTo(speechUpTo(packets));
  }

  /** 120 ms bursts: more than the maximum of 60 ms calls for. */
  @Test
  void theMaximumBoundsTheTarget() {
    send(250, 0);
    run(250);
    bursts(10, 6);
    send(sent + 250, 0);
    run(tick + 250);
    assertThat(delayPerTick).allSatisfy(d -> assertThat(d).isBetween(20.0, 60.0));
    assertThat(delayPerTick).contains(60.0);
    assertThat(jb.stats().late()).isZero();
    assertAllSpeechPlayedInOrder();
  }

  /**
   * Packets overtaken (each fourth 40 ms late, after the next two): the first is late, as the delay was one frame;
   * it raises the target, and the next find the cursor held for them until the delay covers them.
   */
  @Test
  void overtakenPacketsGrowTheDelayByHoldingTheCursor() {
    send(250, 0);
    run(250);
    for (int i = 0; i < 50; i++) {
      int k = sent;
      send(k + 4, 0);
      arrivals.get(k).remove(Integer.valueOf(k));
      arrivals.get(k + 2).add(k);
    }
    send(sent + 10, 0);
    run(sent);
    drain();
    JitterStats s = jb.stats();
    assertThat(s.late()).as("only the first").isEqualTo(1);
    assertThat(s.heldSamples()).isPositive();
    assertThat(jb.currentDelayMs()).isEqualTo(60.0);
    List<Integer> expected = speechUpTo(sent);
    expected.remove(Integer.valueOf(250));
    assertThat(playedSpeech).isEqualTo(expected);
    assertThat(s.skippedSamples()).as("the two pauses dropped coming down to 20 ms at the start").isEqualTo(2 * FRAME);
  }

  /**
   * The event loop stalls 200 ms: nothing is read or played. Then the pacer reports the frames it skipped and the
   * held-up packets are read (either order): the caller's audio is played late, none dropped, and the buffer
   * catches up to its target afterwards by dropping pauses.
   */
  @Test
  void eventLoopStallDeliversCallerAudioLateThenCatchesUp() {
    for (boolean skipFirst : new boolean[] {true, false}) {
      JitterBufferAdaptiveTest t = new JitterBufferAdaptiveTest();
      t.stall(skipFirst);
    }
  }

  private void stall(boolean skipFirst) {
    send(250, 0);
    run(250);
    assertThat(jb.bufferedSamples()).isEqualTo(FRAME);
    send(260, 0); // packets 250 to 259 sent during the stall
    arrivals.clear();
    tick = 260;
    if (skipFirst) {
      jb.skip(10 * FRAME);
    }
    for (int k = 250; k < 260; k++) {
      push(k, 260);
    }
    if (!skipFirst) {
      jb.skip(10 * FRAME);
    }
    assertThat(jb.bufferedSamples()).as("stall %s: all held", skipFirst).isEqualTo(11 * FRAME);
    send(sent + 600, 0);
    run(sent);
    JitterStats s = jb.stats();
    assertThat(s.late()).isZero();
    assertThat(s.skippedSamples()).as("only pauses dropped").isEqualTo(s.caughtUpSamples());
    assertThat(jb.bufferedSamples()).as("back to the target").isEqualTo(FRAME);
    assertThat(jb.currentDelayMs()).isEqualTo(20.0);
    assertAllSpeechPlayedInOrder();
  }

  /** From the next packet on, {@code count} bursts half a second apart, each holding {@code held} packets back. */
  private void bursts(int count, int held) {
    for (int b = 0; b < count; b++) {
      int k = sent;
      send(k + 25, 0);
      for (int i = 0; i < held; i++) {
        arrivals.get(k + i).remove(Integer.valueOf(k + i));
        arrivals.get(k + held).add(i, k + i);
      }
      run(k + 25);
    }
  }

  /** Sends packets up to {@code upTo} (exclusive), each arriving {@code lateTicks} after it is sent. */
  private void send(int upTo, int lateTicks) {
    for (; sent < upTo; sent++) {
      arrivals.computeIfAbsent(sent + lateTicks, t -> new ArrayList<>()).add(sent);
    }
  }

  /** Runs ticks up to {@code until} (exclusive). */
  private void run(int until) {
    for (; tick < until; tick++) {
      List<Integer> now = arrivals.remove(tick);
      if (now != null) {
        for (int k : now) {
          push(k, tick);
        }
      }
      jb.pop(out);
      if (out[0] != 0) {
        for (short v : out) {
          assertThat(v).as("tick %d: one packet per frame", tick).isEqualTo(out[0]);
        }
        playedSpeech.add(out[0] - 1000);
      }
      delayPerTick.add(jb.currentDelayMs());
      assertThat(jb.bufferedSamples()).isLessThanOrEqualTo(CEILING);
    }
  }

  private void push(int k, int atTick) {
    push(k, atTick * TICK_NANOS);
  }

  private void push(int k, long arrivalNanos) {
    short[] pcm = new short[FRAME];
    if (speech(k)) {
      java.util.Arrays.fill(pcm, (short) (1000 + k));
    }
    jb.push(SSRC, k, 7000 + k * FRAME, arrivalNanos, pcm, FRAME);
  }

  private static boolean speech(int k) {
    return k % 4 != 3;
  }

  private static List<Integer> speechUpTo(int upTo) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < upTo; k++) {
      if (speech(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /** Plays out what is buffered (nothing more arrives). */
  private void drain() {
    assertThat(arrivals).isEmpty();
    for (int i = 0; i < CEILING / FRAME && jb.bufferedSamples() > 0; i++) {
      run(tick + 1);
    }
    assertThat(jb.bufferedSamples()).isZero();
  }

  /** Every speech frame sent was played, once each, in order (after playing out what is buffered). */
  private void assertAllSpeechPlayedInOrder() {
    drain();
    assertThat(playedSpeech).isEqualTo(speechUpTo(sent));
  }
}
