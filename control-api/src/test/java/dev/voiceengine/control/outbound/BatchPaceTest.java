package dev.voiceengine.control.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A paced batch keeps its rate through late passes and does not burst after a stall. */
class BatchPaceTest {
  private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

  @Test
  void theFirstDialPacesFromNow() {
    assertThat(BatchPace.next(null, T0, 5)).isEqualTo(T0.plusMillis(200));
  }

  @Test
  void lateDialsDoNotLowerTheRate() {
    Instant due = T0;
    for (int i = 0; i < 100; i++) {
      Instant now = due.plusMillis(5); // every pass 5 ms late (a slow claim), less than the 10 ms gap
      due = BatchPace.next(due, now, 100);
    }
    assertThat(due).as("100 dials at 100/s take 1 s, not 1.5 s").isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void afterAStallLongerThanAGapThePaceRestartsFromNowWithoutABurst() {
    Instant due = T0.plusMillis(100);
    Instant now = T0.plusSeconds(3); // the host stalled for seconds
    assertThat(BatchPace.next(due, now, 10)).isEqualTo(now.plusMillis(100));
  }

  @Test
  void aDialOnTimeIsFollowedOneGapLater() {
    assertThat(BatchPace.next(T0, T0, 2)).isEqualTo(T0.plusMillis(500));
  }
}
