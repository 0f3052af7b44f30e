package dev.voiceengine.providers.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AudioQueueTest {
  @Test
  void fullQueuePushesBackUntilTheReaderDrainsHalf() {
    AtomicInteger room = new AtomicInteger();
    AudioQueue queue = new AudioQueue(100, 1000, room::incrementAndGet);
    assertThat(queue.offer(new byte[60])).isTrue();
    assertThat(queue.offer(new byte[60])).isFalse(); // 120 held: the writer must wait
    byte[] buf = new byte[60];
    assertThat(queue.read(buf, 0, 60)).isEqualTo(60); // 60 left: not yet below half
    assertThat(room.get()).isZero();
    assertThat(queue.read(buf, 0, 20)).isEqualTo(20); // 40 left: room again, once
    assertThat(room.get()).isEqualTo(1);
    assertThat(queue.read(buf, 0, 20)).isEqualTo(20);
    assertThat(room.get()).isEqualTo(1);
  }

  @Test
  void finishEndsTheStreamAfterTheQueuedBytes() {
    AudioQueue queue = new AudioQueue(100, 1000, () -> { });
    queue.offer(new byte[] {1, 2, 3});
    queue.finish();
    byte[] buf = new byte[10];
    assertThat(queue.read(buf, 0, 10)).isEqualTo(3);
    assertThat(queue.read(buf, 0, 10)).isEqualTo(-1);
    assertThat(queue.timedOut()).isFalse();
  }

  @Test
  void cancelWakesABlockedReader() throws Exception {
    AudioQueue queue = new AudioQueue(100, 60_000, () -> { });
    AtomicInteger result = new AtomicInteger(0);
    Thread reader = new Thread(() -> result.set(queue.read(new byte[4], 0, 4)));
    reader.start();
    Thread.sleep(50);
    queue.cancel();
    reader.join(5000);
    assertThat(reader.isAlive()).isFalse();
    assertThat(result.get()).isEqualTo(-1);
  }

  @Test
  void silentWriterTimesOut() {
    AudioQueue queue = new AudioQueue(100, 50, () -> { });
    assertThat(queue.read(new byte[4], 0, 4)).isEqualTo(-1);
    assertThat(queue.timedOut()).isTrue();
  }
}
