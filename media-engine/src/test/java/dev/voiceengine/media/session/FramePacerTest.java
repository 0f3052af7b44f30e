package dev.voiceengine.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pacer on an EmbeddedChannel's loop with frozen time and a hand-driven clock. */
class FramePacerTest {
  private static final long MS = 1_000_000;

  private final EmbeddedChannel ch = new EmbeddedChannel();
  private final List<String> log = new ArrayList<>();
  private long now = 1_000 * MS;
  private FramePacer pacer;

  @BeforeEach
  void setUp() {
    ch.freezeTime();
    pacer = new FramePacer(ch.eventLoop(), new FramePacer.Frames() {
      @Override
      public void onFrame() {
        log.add("frame");
      }

      @Override
      public void onSkipped(int frames) {
        log.add("skipped " + frames);
      }
    }, 20 * MS, 5, () -> now);
  }

  @AfterEach
  void tearDown() {
    ch.finishAndReleaseAll();
  }

  @Test
  void ticksOnAFixedTimelineWithoutDrift() {
    pacer.start();
    assertThat(log).hasSize(1);
    for (int i = 0; i < 100; i++) {
      // Each wake-up comes 3 ms late; the next deadline is still start + n × 20 ms.
      advance(i == 0 ? 23 : 20);
    }
    assertThat(pacer.ticks()).isEqualTo(101);
    assertThat(pacer.caughtUp()).isZero();
  }

  @Test
  void aLateLoopCatchesUpMissedTicks() {
    pacer.start();
    now += 80 * MS; // the loop was blocked for 80 ms: ticks at 20, 40, 60, 80 are due
    ch.advanceTimeBy(80, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(log).containsOnly("frame").hasSize(5);
    assertThat(pacer.caughtUp()).isEqualTo(3);
  }

  @Test
  void aLongStallSkipsInsteadOfBursting() {
    pacer.start();
    now += 1000 * MS;
    ch.advanceTimeBy(1000, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(log).containsExactly("frame", "skipped 49", "frame");
    assertThat(pacer.ticks()).isEqualTo(51);
    advance(20);
    assertThat(pacer.ticks()).isEqualTo(52);
  }

  @Test
  void stopMeansNoMoreTicks() {
    pacer.start();
    advance(20);
    pacer.stop();
    advance(100);
    assertThat(pacer.ticks()).isEqualTo(2);
    assertThat(pacer.running()).isFalse();
  }

  private void advance(long millis) {
    now += millis * MS;
    ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
  }
}
