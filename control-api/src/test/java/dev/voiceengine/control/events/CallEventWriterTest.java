package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.proto.control.v1.CallEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallEventWriterTest {
  static final CallEventWriter.RetryPolicy FAST = new CallEventWriter.RetryPolicy(3, Duration.ofMillis(1));
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir java.nio.file.Path dir;

  PendingEvents pending() {
    return new PendingEvents(dir.resolve("pending.pb"));
  }

  static String id(int i) {
    return String.format("00000000-0000-0000-0000-%012d", i);
  }

  @Test
  void writesInAcceptOrderAndFlushWaitsForEverything() throws Exception {
    List<String> applied = new CopyOnWriteArrayList<>();
    try (CallEventWriter writer = new CallEventWriter(e -> applied.add(e.getCallId()), pending(), 1_000, FAST)) {
      writer.start();
      for (int i = 0; i < 500; i++) {
        assertThat(writer.accept(offered(id(i), T0))).isTrue();
      }
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(applied).hasSize(500);
      assertThat(applied).isEqualTo(java.util.stream.IntStream.range(0, 500).mapToObj(CallEventWriterTest::id)
          .toList());
      assertThat(writer.written()).isEqualTo(500);
    }
  }

  @Test
  void aFailingWriteIsRetriedThenSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (CallEventWriter writer = new CallEventWriter(e -> {
      if (attempts.incrementAndGet() < 3) {
        throw new SQLException("database is locked");
      }
    }, pending(), 10, FAST)) {
      writer.start();
      writer.accept(offered(id(1), T0));
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(attempts).hasValue(3);
      assertThat(writer.written()).isEqualTo(1);
      assertThat(writer.lost()).isZero();
    }
  }

  @Test
  void aWriteThatKeepsFailingIsKeptOnDiskAndStoredAfterTheNextSuccessfulWrite() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean storeDown = new java.util.concurrent.atomic.AtomicBoolean(true);
    List<String> applied = new CopyOnWriteArrayList<>();
    try (CallEventWriter writer = new CallEventWriter(e -> {
      if (storeDown.get()) {
        attempts.incrementAndGet();
        throw new SQLException("disk I/O error");
      }
      applied.add(e.getCallId());
    }, pending(), 10, FAST)) {
      writer.start();
      writer.accept(offered(id(1), T0));
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(attempts).hasValue(3);
      assertThat(writer.kept()).isEqualTo(1);
      assertThat(pending().isEmpty()).isFalse();
      assertThat(applied).isEmpty();

      storeDown.set(false);
      writer.accept(offered(id(2), T0)); // the store works again: the kept event follows this one
      assertThat(writer.flush(WAIT)).isTrue();
      for (int i = 0; i < 100 && applied.size() < 2; i++) {
        Thread.sleep(50); // a flush barrier behind id(2) may defer the replay to the writer's next idle second
      }
      assertThat(applied).containsExactly(id(2), id(1));
      assertThat(pending().isEmpty()).isTrue();
      assertThat(writer.written()).isEqualTo(2);
      assertThat(writer.lost()).isZero();
    }
  }

  @Test
  void eventsKeptAtCloseAreStoredByTheNextWriter() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    CallEventWriter stuck = new CallEventWriter(e -> {
      busy.countDown();
      never.await(); // a store that hangs until the writer is interrupted
    }, pending(), 10, FAST);
    stuck.start();
    stuck.accept(offered(id(0), T0));
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
    stuck.accept(offered(id(1), T0));
    stuck.close(Duration.ofMillis(200));
    assertThat(stuck.accept(offered(id(2), T0))).as("after close: kept").isTrue();
    assertThat(stuck.kept()).isEqualTo(3);
    assertThat(stuck.lost()).isZero();

    List<String> applied = new CopyOnWriteArrayList<>();
    assertThat(pending().replay(e -> applied.add(e.getCallId()))).isEqualTo(3);
    assertThat(applied).containsExactly(id(0), id(1), id(2));
  }

  @Test
  void acceptNeverWaitsForTheStoreAndKeepsWhatDoesNotFitInTheQueue() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    List<String> applied = new CopyOnWriteArrayList<>();
    try (CallEventWriter writer = new CallEventWriter(e -> {
      busy.countDown();
      release.await();
      applied.add(e.getCallId());
    }, pending(), 2, FAST)) {
      writer.start();
      writer.accept(offered(id(0), T0));
      assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(writer.accept(offered(id(1), T0))).isTrue();
      assertThat(writer.accept(offered(id(2), T0))).isTrue();
      assertThat(writer.accept(offered(id(3), T0))).as("queue full: kept on disk").isTrue();
      assertThat(writer.kept()).isEqualTo(1);
      release.countDown();
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(applied).containsExactly(id(0), id(1), id(2), id(3));
      assertThat(writer.lost()).isZero();
    }
  }

  @Test
  void closeDrainsTheQueueAndLaterEventsAreKeptForTheNextStart() throws Exception {
    List<CallEvent> applied = new CopyOnWriteArrayList<>();
    CallEventWriter writer = new CallEventWriter(applied::add, pending(), 100, FAST);
    writer.start();
    for (int i = 0; i < 50; i++) {
      writer.accept(offered(id(i), T0));
    }
    writer.close(WAIT);
    assertThat(applied).hasSize(50);
    assertThat(writer.accept(offered(id(99), T0))).isTrue();
    assertThat(writer.kept()).isEqualTo(1);
    assertThat(writer.lost()).isZero();
    assertThat(pending().isEmpty()).isFalse();
    writer.close(WAIT);
  }
}
