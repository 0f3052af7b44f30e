package dev.voiceengine.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.jitter.SequenceTracker.Result;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
  private final SequenceTracker tracker = new SequenceTracker();

  @Test
  void classifiesAroundTheWrap() {
    assertThat(tracker.track(65535)).isEqualTo(Result.FIRST);
    assertThat(tracker.track(2)).isEqualTo(Result.IN_ORDER); // 0 and 1 missing
    assertThat(tracker.lost()).isEqualTo(2);
    assertThat(tracker.track(0)).isEqualTo(Result.REORDERED);
    assertThat(tracker.lost()).isEqualTo(1);
    assertThat(tracker.track(0)).isEqualTo(Result.DUPLICATE);
    assertThat(tracker.track(2)).isEqualTo(Result.DUPLICATE);
    assertThat(tracker.track(65534)).isEqualTo(Result.REORDERED); // just before the first: the stream starts there
    assertThat(tracker.lost()).as("1 is still missing").isEqualTo(1);
  }

  @Test
  void packetsBeforeTheFirstWidenTheStreamRatherThanMakeLossNegative() {
    tracker.track(100);
    assertThat(tracker.track(97)).isEqualTo(Result.REORDERED);
    assertThat(tracker.lost()).as("98 and 99").isEqualTo(2);
    tracker.track(99);
    tracker.track(98);
    assertThat(tracker.lost()).isZero();
    assertThat(tracker.track(97)).isEqualTo(Result.DUPLICATE);
    tracker.track(96);
    assertThat(tracker.lost()).isZero();
  }

  @Test
  void bigJumpRestartsOnceTheNextPacketFollowsItWithoutCountingLoss() {
    tracker.track(100);
    int jump = 100 + SequenceTracker.MAX_DROPOUT + 1;
    assertThat(tracker.track(jump)).isEqualTo(Result.JUMP);
    assertThat(tracker.track(jump + 1)).isEqualTo(Result.RESTART); // RFC 3550 A.1: two in a row
    assertThat(tracker.lost()).isZero();
    assertThat(tracker.track(jump + 2)).isEqualTo(Result.IN_ORDER);
  }

  /** RFC 3550 A.1: a single packet far from the stream is not believed, so the stream goes on as before. */
  @Test
  void aLoneStrayFarAheadOrBehindChangesNothing() {
    tracker.track(65000);
    tracker.track(65001);
    assertThat(tracker.track(65001 + 20_000)).as("ahead, past the wrap").isEqualTo(Result.JUMP);
    assertThat(tracker.track(65002)).isEqualTo(Result.IN_ORDER);
    assertThat(tracker.track(65002 - 20_000)).as("behind").isEqualTo(Result.JUMP);
    assertThat(tracker.track(65004)).isEqualTo(Result.IN_ORDER);
    assertThat(tracker.track(65003)).isEqualTo(Result.REORDERED);
    assertThat(tracker.lost()).isZero();
  }

  @Test
  void olderThanTheWindowIsAJump() {
    for (int s = 0; s <= SequenceTracker.WINDOW + 10; s++) {
      tracker.track(s);
    }
    assertThat(tracker.track(5)).isEqualTo(Result.JUMP);
    assertThat(tracker.track(SequenceTracker.WINDOW)).isEqualTo(Result.DUPLICATE);
    assertThat(tracker.track(6)).as("a sender counting again from further back").isEqualTo(Result.RESTART);
  }

  @Test
  void windowForgetsOldBitsAsItSlides() {
    tracker.track(0);
    tracker.track(1);
    tracker.track(SequenceTracker.WINDOW + 1); // the slot of 1 is reused and must read as unseen
    assertThat(tracker.track(SequenceTracker.WINDOW)).isEqualTo(Result.REORDERED);
  }
}
