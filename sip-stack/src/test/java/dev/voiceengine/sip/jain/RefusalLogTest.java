package dev.voiceengine.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final RefusalLog log = new RefusalLog(now::get);

  private static InetAddress ip(int i) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
  }

  @Test
  void eachSourceIsLoudOnceThenQuiet() throws Exception {
    assertThat(log.loud(ip(1))).isZero();
    assertThat(log.loud(ip(1))).isEqualTo(-1);
    assertThat(log.loud(ip(2))).isZero();
    assertThat(log.loud(ip(1))).isEqualTo(-1);
  }

  @Test
  void aScanOfManySourcesIsLoudAtMostBurstTimesPerWindowAndTheRestIsCounted() throws Exception {
    int loud = 0;
    for (int i = 0; i < 500; i++) {
      if (log.loud(ip(i)) >= 0) {
        loud++;
      }
    }
    assertThat(loud).isEqualTo(RefusalLog.BURST);
    now.addAndGet(RefusalLog.WINDOW_SECONDS * 1_000_000_000L);
    assertThat(log.loud(ip(600))).as("held back in the last window").isEqualTo(500 - RefusalLog.BURST);
    assertThat(log.loud(ip(601))).isZero();
  }

  @Test
  void forgottenSourcesAreLoudAgain() throws Exception {
    assertThat(log.loud(ip(0))).isZero();
    for (int i = 1; i <= RefusalLog.REMEMBERED; i++) {
      log.loud(ip(i));
      now.addAndGet(RefusalLog.WINDOW_SECONDS * 1_000_000_000L); // a new window each time: nothing held back
    }
    assertThat(log.loud(ip(0))).as("pushed out by %s newer sources", RefusalLog.REMEMBERED).isZero();
    assertThat(log.loud(ip(RefusalLog.REMEMBERED))).as("still remembered").isEqualTo(-1);
  }
}
