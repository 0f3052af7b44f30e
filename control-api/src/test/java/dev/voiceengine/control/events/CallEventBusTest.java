package dev.voiceengine.control.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.TestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Publishing never waits for a watcher: a full queue drops that watcher, others go on. */
class CallEventBusTest {

  static LiveEvent event(long id) {
    return new LiveEvent(id, "call.offered", "c", null, TestEvents.offered("c", TestEvents.T0));
  }

  @Test
  void aSlowSubscriberIsDroppedAndTheWriterNeverWaits() throws Exception {
    CallEventBus bus = new CallEventBus();
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The slow watcher's signal hands off to a thread that blocks: it never drains.
    CallEventBus.Subscription slow = bus.subscribe(e -> true, 2, () -> {
      Thread t = new Thread(() -> {
        stuck.countDown();
        try {
          release.await();
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      });
      t.setDaemon(true);
      t.start();
    });
    List<LiveEvent> fast = new ArrayList<>();
    CallEventBus.Subscription[] quick = new CallEventBus.Subscription[1];
    quick[0] = bus.subscribe(e -> true, 2, () -> {
      LiveEvent e;
      while ((e = quick[0].poll()) != null) {
        fast.add(e);
      }
    });

    CountDownLatch published = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      for (long id = 1; id <= 10; id++) {
        bus.publish(List.of(event(id)));
      }
      published.countDown();
    });
    writer.start();
    assertThat(published.await(10, TimeUnit.SECONDS)).as("the writer published everything").isTrue();
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
    release.countDown();

    assertThat(slow.dropped()).isTrue();
    assertThat(bus.droppedCount()).isEqualTo(1);
    assertThat(bus.subscribers()).isEqualTo(1);
    assertThat(slow.poll().id()).isEqualTo(1);
    assertThat(slow.poll().id()).isEqualTo(2);
    assertThat(slow.poll()).as("nothing after the overflow").isNull();
    assertThat(fast).extracting(LiveEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    quick[0].close();
    assertThat(bus.subscribers()).isZero();
  }

  @Test
  void aFilterChoosesTheEvents() {
    CallEventBus bus = new CallEventBus();
    List<Long> got = new ArrayList<>();
    CallEventBus.Subscription[] s = new CallEventBus.Subscription[1];
    s[0] = bus.subscribe(e -> e.id() % 2 == 0, 8, () -> got.add(s[0].poll().id()));
    bus.publish(List.of(event(1), event(2), event(3), event(4)));
    assertThat(got).containsExactly(2L);
    assertThat(s[0].poll().id()).isEqualTo(4);
  }
}
