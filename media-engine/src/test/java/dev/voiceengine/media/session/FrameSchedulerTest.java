package dev.voiceengine.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Named scenarios of the shared beat on an EmbeddedChannel's loop with frozen time and a hand-driven clock. */
class FrameSchedulerTest {
  private static final long MS = 1_000_000;

  private final EmbeddedChannel ch = new EmbeddedChannel();
  private final List<String> log = new ArrayList<>();
  private long now = 1_000 * MS;
  private FrameScheduler scheduler;

  @BeforeEach
  void setUp() {
    ch.freezeTime();
    scheduler = new FrameScheduler(ch.eventLoop(), 20 * MS, 10, 5, () -> now);
  }

  @AfterEach
  void tearDown() {
    ch.finishAndReleaseAll();
  }

  /** Logs each frame as "name@ms" (time since the test began) and each skip as "name skipped n". */
  private FrameScheduler.Frames call(String name) {
    return new FrameScheduler.Frames() {
      @Override
      public void onFrame() {
        log.add(name + "@" + (now / MS - 1000));
      }

      @Override
      public void onSkipped(int frames) {
        log.add(name + " skipped " + frames);
      }
    };
  }

  @Test
  void firstFrameAtOnceThenEveryPeriodWithoutDrift() {
    FrameScheduler.Beat a = scheduler.join(call("a"));
    assertThat(log).containsExactly("a@0");
    for (int i = 0; i < 100; i++) {
      advance(i == 0 ? 23 : 20); // each wake-up comes 3 ms late; deadlines stay at start + n × 20 ms
    }
    assertThat(a.ticks()).isEqualTo(101);
    assertThat(a.caughtUp()).isZero();
    assertThat(log.get(1)).isEqualTo("a@23");
    assertThat(log.get(100)).isEqualTo("a@2003");
  }

  @Test
  void callsJoiningLaterTakeTheSlotNearestOnePeriodOnAndShareOneTimer() {
    scheduler.join(call("a"));
    advance(6); // b joins 6 ms into the period: its second frame is due at 26 ms, on the slot at 26
    scheduler.join(call("b"));
    advance(3); // c at 9 ms: slots are 2 ms apart, the one nearest 29 ms beats at 30 ms
    scheduler.join(call("c"));
    stepTo(60);
    assertThat(log).containsExactly("a@0", "b@6", "c@9", "a@20", "b@26", "c@30", "a@40", "b@46", "c@50", "a@60");
    assertThat(scheduler.members()).isEqualTo(3);
  }

  @Test
  void aLateLoopCatchesUpMissedFramesBackToBack() {
    FrameScheduler.Beat a = scheduler.join(call("a"));
    now += 80 * MS; // the loop was blocked for 80 ms: frames at 20, 40, 60 and 80 are due
    ch.advanceTimeBy(80, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(log).containsExactly("a@0", "a@80", "a@80", "a@80", "a@80");
    assertThat(a.caughtUp()).as("frames run a period or more late").isEqualTo(3);
  }

  @Test
  void aLongStallSkipsInsteadOfBursting() {
    FrameScheduler.Beat a = scheduler.join(call("a"));
    now += 1000 * MS;
    ch.advanceTimeBy(1000, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(log).containsExactly("a@0", "a skipped 49", "a@1000");
    assertThat(a.ticks()).isEqualTo(51);
    assertThat(a.skipped()).isEqualTo(49);
    stepTo(1020);
    assertThat(a.ticks()).isEqualTo(52);
  }

  @Test
  void aStoppedCallRunsNoMoreAndTheLastOneStopsTheTimer() {
    FrameScheduler.Beat a = scheduler.join(call("a"));
    FrameScheduler.Beat b = scheduler.join(call("b"));
    stepTo(20);
    a.stop();
    stepTo(40);
    b.stop();
    b.stop();
    assertThat(scheduler.members()).isZero();
    stepTo(200);
    assertThat(log).containsExactly("a@0", "b@0", "a@20", "b@20", "b@40");
    assertThat(ch.runScheduledPendingTasks()).as("no timer left").isEqualTo(-1);
    scheduler.join(call("c")); // a fresh beat starts from the next joiner
    stepTo(220);
    assertThat(log).endsWith("c@200", "c@220");
  }

  @Test
  void aCallStoppingAnotherDuringItsFrameIsHonouredAtOnce() {
    FrameScheduler.Beat[] victim = new FrameScheduler.Beat[1];
    scheduler.join(new FrameScheduler.Frames() {
      @Override
      public void onFrame() {
        log.add("killer@" + (now / MS - 1000));
        if (victim[0] != null) {
          victim[0].stop();
        }
      }

      @Override
      public void onSkipped(int frames) {}
    });
    victim[0] = scheduler.join(call("victim"));
    stepTo(40);
    assertThat(log).containsExactly("killer@0", "victim@0", "killer@20", "killer@40");
  }

  @Test
  void aCallJoiningAfterTheLastLeftDuringABeatStartsAFreshTimelineWithoutABurst() {
    FrameScheduler.Beat[] first = new FrameScheduler.Beat[1];
    first[0] = scheduler.join(new FrameScheduler.Frames() {
      @Override
      public void onFrame() {
        log.add("a@" + (now / MS - 1000));
        if (now / MS - 1000 >= 60) {
          first[0].stop(); // the last call leaves during its frame, and a new one joins at once
          scheduler.join(call("b"));
        }
      }

      @Override
      public void onSkipped(int frames) {}
    });
    now += 60 * MS; // the loop was 60 ms late: a's frames at 20, 40 and 60 are due
    ch.advanceTimeBy(60, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    stepTo(100);
    assertThat(log).containsExactly("a@0", "a@60", "b@60", "b@80", "b@100");
  }

  @Test
  void aThrowingCallDoesNotStopTheOthers() {
    scheduler.join(new FrameScheduler.Frames() {
      @Override
      public void onFrame() {
        throw new IllegalStateException("broken call");
      }

      @Override
      public void onSkipped(int frames) {}
    });
    scheduler.join(call("b"));
    stepTo(40);
    assertThat(log).containsExactly("b@0", "b@20", "b@40");
  }

  /** Moves time in 1 ms steps to {@code ms} after the test began, running due tasks at each step. */
  private void stepTo(long ms) {
    while (now / MS - 1000 < ms) {
      advance(1);
    }
  }

  private void advance(long millis) {
    now += millis * MS;
    ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
  }
}
