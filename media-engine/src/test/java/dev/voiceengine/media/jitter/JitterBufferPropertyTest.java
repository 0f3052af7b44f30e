package dev.voiceengine.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The jitter buffer against randomised networks: a stream of 20 ms packets delivered in any order, with loss and
 * duplication, played out a frame every 20 ms as the media loop does. Every packet carries its own index in all of its
 * samples, so each played frame says which packet it was (0 is silence). Plain seeded loops; a failure names its seed.
 *
 * <ul>
 *   <li>Packets no later than the buffer's delay: each arriving frame plays exactly once, at its own time, in order;
 *       the lost ones play as silence; and the statistics count exactly what happened.
 *   <li>Packets arbitrarily late, first packet anywhere: no frame plays twice, the frames played come out in
 *       stream order, and the counts of packets, duplicates, loss, late packets and resyncs agree with the deliveries.
 *       The same with the adaptive delay (one frame up to the maximum) as a call's buffer has it, whose cursor
 *       holds and catches up as the lateness it measures calls for.
 * </ul>
 */
class JitterBufferPropertyTest {
  private static final int SEEDS = 300;
  private static final int RATE = 8000;
  private static final int FRAME = 160;
  private static final int DELAY_FRAMES = 3;
  private static final int DELAY = DELAY_FRAMES * FRAME;
  private static final int MAX_DELAY = DELAY + RATE / 5; // as a call's buffer is made
  private static final int SSRC = 0x7E57;
  private static final long TICK_NANOS = 20_000_000;

  @Test
  void packetsWithinTheDelayPlayOnceEachAtTheirTimeInOrder() {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      int packets = 50 + random.nextInt(300);
      List<Delivery> deliveries = new ArrayList<>();
      deliveries.add(new Delivery(0, 0)); // the stream starts with its first packet
      for (int i = 1; i < packets; i++) {
        if (random.nextInt(10) != 0) {
          deliveries.add(new Delivery(i, i + random.nextInt(DELAY_FRAMES + 1)));
        }
        if (random.nextInt(20) == 0) {
          deliveries.add(new Delivery(i, i + random.nextInt(DELAY_FRAMES + 1))); // a copy
        }
      }
      Run run = Run.of(new JitterBuffer(RATE, DELAY, MAX_DELAY), random, deliveries, packets + DELAY_FRAMES + 25);
      String context = "seed " + seed;

      Set<Integer> arrived = run.distinct();
      int highest = Collections.max(arrived);
      for (int tick = 0; tick < run.frames.size(); tick++) {
        int i = tick - DELAY_FRAMES;
        int expected = i >= 0 && arrived.contains(i) ? marker(i) : 0;
        assertThat(run.frames.get(tick)).as("%s: frame played at tick %d", context, tick).isEqualTo(expected);
      }
      JitterStats stats = run.buffer.stats();
      assertThat(stats.received()).as(context).isEqualTo(deliveries.size());
      assertThat(stats.duplicate()).as(context).isEqualTo(deliveries.size() - arrived.size());
      assertThat(stats.lost()).as(context).isEqualTo(highest + 1 - arrived.size());
      assertThat(stats.late()).as(context).isZero();
      assertThat(stats.resyncs()).as(context).isZero();
      assertThat(stats.skippedSamples()).as(context).isZero();
      assertThat(stats.concealedSamples()).as(context)
          .isEqualTo((long) run.frames.size() * FRAME - (long) arrived.size() * FRAME);
    }
  }

  @Test
  void packetsInAnyOrderNeverPlayTwiceNorOutOfOrderAndAreAllAccountedFor() {
    anyOrder(() -> new JitterBuffer(RATE, DELAY, MAX_DELAY));
  }

  @Test
  void withAnAdaptiveDelayPacketsInAnyOrderNeverPlayTwiceNorOutOfOrderAndAreAllAccountedFor() {
    anyOrder(() -> new JitterBuffer(RATE, FRAME, DELAY, MAX_DELAY));
  }

  private static void anyOrder(Supplier<JitterBuffer> buffers) {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      int packets = 20 + random.nextInt(300);
      int lateness = List.of(2, 6, 20, 80).get(random.nextInt(4)); // in frames, up to beyond the maximum delay
      List<Delivery> deliveries = new ArrayList<>();
      for (int i = 0; i < packets; i++) {
        for (int copies = random.nextInt(8) == 0 ? 0 : random.nextInt(10) == 0 ? 2 : 1; copies > 0; copies--) {
          deliveries.add(new Delivery(i, i + random.nextInt(lateness)));
        }
      }
      if (deliveries.isEmpty()) {
        continue;
      }
      Run run = Run.of(buffers.get(), random, deliveries, packets + lateness + MAX_DELAY / FRAME + 25);
      String context = "seed " + seed + ", lateness " + lateness + " frames";

      List<Integer> played = run.played();
      assertThat(new HashSet<>(played)).as("%s: played twice in %s", context, played).hasSize(played.size());
      assertThat(played).as("%s: stream order", context).isSorted();
      Set<Integer> arrived = run.distinct();
      assertThat(arrived).as(context).containsAll(played);

      JitterStats stats = run.buffer.stats();
      assertThat(stats.received()).as(context).isEqualTo(deliveries.size());
      assertThat(stats.duplicate()).as(context).isEqualTo(deliveries.size() - arrived.size());
      assertThat(stats.duplicate()).as(context).isEqualTo(run.count(PushResult.DUPLICATE));
      assertThat(stats.lost()).as(context)
          .isEqualTo(Collections.max(arrived) - Collections.min(arrived) + 1 - arrived.size());
      assertThat(stats.late()).as(context).isEqualTo(run.count(PushResult.LATE));
      assertThat(stats.resyncs()).as(context).isEqualTo(run.count(PushResult.RESYNCED));
      long stored = (long) FRAME * (run.count(PushResult.ACCEPTED) + run.count(PushResult.RESYNCED));
      assertThat((long) played.size() * FRAME + stats.skippedSamples()).as("%s: played and skipped samples", context)
          .isLessThanOrEqualTo(stored);
    }
  }

  /** What packet {@code i}'s samples are: never 0, and loud, as speech (so catching up prefers not to drop it). */
  private static int marker(int i) {
    return 1000 + i;
  }

  /** Packet {@code index} reaches the buffer during 20 ms tick {@code tick}. */
  private record Delivery(int index, int tick) {}

  /** One stream played through a fresh buffer: the frames played per tick (a marker or 0) and each push's result. */
  private static final class Run {
    final JitterBuffer buffer;
    final List<Integer> frames = new ArrayList<>();
    final List<PushResult> results = new ArrayList<>();
    final List<Delivery> deliveries;

    private Run(JitterBuffer buffer, List<Delivery> deliveries) {
      this.buffer = buffer;
      this.deliveries = deliveries;
    }

    /**
     * Pushes each delivery in its tick (those of one tick in random order) and pops a frame after every tick; then
     * plays out what is left. Half the runs start anywhere; the other half start so near the end of the numbering
     * that the sequence numbers (16 bit) and the timestamps (32 bit) both wrap during the stream.
     */
    static Run of(JitterBuffer buffer, Random random, List<Delivery> deliveries, int ticks) {
      List<Delivery> order = new ArrayList<>(deliveries);
      Collections.shuffle(order, random);
      order.sort(Comparator.comparingInt(Delivery::tick));
      Run run = new Run(buffer, order);
      int span = order.stream().mapToInt(Delivery::index).max().orElse(0) + 1;
      boolean wrap = random.nextBoolean();
      int firstSequence = wrap ? (1 << 16) - 1 - random.nextInt(span) : random.nextInt(1 << 16);
      int firstTimestamp = wrap ? -FRAME * (1 + random.nextInt(span)) : random.nextInt();
      short[] pcm = new short[FRAME];
      short[] out = new short[FRAME];
      int next = 0;
      for (int tick = 0; tick < ticks || run.buffer.bufferedSamples() > 0 && tick < ticks + 200; tick++) {
        for (; next < order.size() && order.get(next).tick() == tick; next++) {
          int i = order.get(next).index();
          java.util.Arrays.fill(pcm, (short) marker(i));
          run.results.add(run.buffer.push(SSRC, firstSequence + i, firstTimestamp + i * FRAME, tick * TICK_NANOS,
              pcm, FRAME));
        }
        run.buffer.pop(out);
        run.frames.add(frameMarker(out, tick));
      }
      return run;
    }

    /** The marker all samples of a played frame share: a frame is one whole packet or silence. */
    private static int frameMarker(short[] out, int tick) {
      for (short s : out) {
        assertThat((int) s).as("frame at tick %d is one packet", tick).isEqualTo((int) out[0]);
      }
      return out[0];
    }

    Set<Integer> distinct() {
      Set<Integer> out = new HashSet<>();
      deliveries.forEach(d -> out.add(d.index()));
      return out;
    }

    /** Indices of the packets played, in playout order. */
    List<Integer> played() {
      List<Integer> out = new ArrayList<>();
      for (int m : frames) {
        if (m != 0) {
          out.add(m - marker(0));
        }
      }
      return out;
    }

    int count(PushResult result) {
      return Collections.frequency(results, result);
    }
  }
}
