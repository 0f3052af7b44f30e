package dev.voiceengine.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmallPartsTest {

  @Test
  void agentPlayoutPlaysOnceThenSilence() {
    AgentPlayout playout = new AgentPlayout();
    short[] frame = new short[4];
    assertThat(playout.next(frame)).isFalse();
    playout.play(new short[] {1, 2, 3, 4, 5, 6});
    assertThat(playout.next(frame)).isTrue();
    assertThat(frame).containsExactly(1, 2, 3, 4);
    assertThat(playout.next(frame)).isTrue();
    assertThat(frame).containsExactly(5, 6, 0, 0);
    assertThat(playout.playing()).isFalse();
    assertThat(playout.next(frame)).isFalse();
    assertThat(frame).containsExactly(0, 0, 0, 0);
    playout.play(new short[] {9, 9, 9, 9, 9});
    playout.stop();
    assertThat(playout.next(frame)).isFalse();
  }

  @Test
  void watchdogFiresOnceAfterSilence() {
    NoMediaWatchdog watchdog = new NoMediaWatchdog(100);
    assertThat(watchdog.expired(1_000, 0, false)).isFalse(); // not armed
    watchdog.arm(1_000);
    assertThat(watchdog.expired(1_099, 0, false)).isFalse();
    assertThat(watchdog.expired(1_050, 1_080, true)).isFalse();
    assertThat(watchdog.expired(1_150, 1_080, true)).isFalse(); // a packet at 1080 restarted the wait
    assertThat(watchdog.expired(1_180, 1_080, true)).isTrue();
    assertThat(watchdog.expired(5_000, 1_080, true)).isFalse(); // once
  }

  @Test
  void packetsBeforeArmingDoNotCount() {
    NoMediaWatchdog watchdog = new NoMediaWatchdog(100);
    watchdog.arm(1_000);
    assertThat(watchdog.expired(1_100, 500, true)).isTrue();
  }

  @Test
  void watchdogWaitsWhileTheRemoteHoldsAndRestartsOnResume() {
    NoMediaWatchdog watchdog = new NoMediaWatchdog(100);
    watchdog.pause(); // the call starts on hold (a=inactive offer)
    watchdog.arm(1_000);
    assertThat(watchdog.expired(1_500, 0, false)).isFalse();
    watchdog.resume(2_000);
    assertThat(watchdog.expired(2_099, 0, false)).isFalse();
    watchdog.pause();
    assertThat(watchdog.expired(9_000, 2_050, true)).isFalse();
    watchdog.resume(10_000);
    watchdog.resume(10_050); // not paused: the wait does not restart
    assertThat(watchdog.expired(10_099, 2_050, true)).as("packets from before the resume do not count").isFalse();
    assertThat(watchdog.expired(10_100, 2_050, true)).isTrue();
  }

  @Test
  void disabledWatchdogNeverFires() {
    NoMediaWatchdog watchdog = new NoMediaWatchdog(0);
    watchdog.arm(0);
    assertThat(watchdog.expired(Long.MAX_VALUE / 2, 0, false)).isFalse();
  }
}
