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

class CallEventWriterTest {
  static final CallEventWriter.RetryPolicy FAST = new CallEventWriter.RetryPolicy(3, Duration.ofMillis(1));
  static final Duration WAIT = Duration.ofSeconds(10);

  static String id(int i) {
    return String.format("00000000-0000-0000-0000-%012d", i);
  }

  @Test
  void writesInAcceptOrderAndFlushWaitsForEverything() throws Exception {
    List<String> applied = new CopyOnWriteArrayList<>();
    try (CallEventWriter writer = new CallEventWriter(e -> applied.add(e.getCallId()), 1_000, FAST)) {
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
    }, 10, FAST)) {
      writer.start();
      writer.accept(offered(id(1), T0));
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(attempts).hasValue(3);
      assertThat(writer.written()).isEqualTo(1);
      assertThat(writer.lost()).isZero();
    }
  }

  @Test
  void aWriteThatKeepsFailingIsGivenUpOnAfterTheBoundAndCountedAndLaterEventsStillGetWritten() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    List<String> applied = new CopyOnWriteArrayList<>();
    try (CallEventWriter writer = new CallEventWriter(e -> {
      if (e.getCallId().equals(id(1))) {
        attempts.incrementAndGet();
        throw new SQLException("disk I/O error");
      }
      applied.add(e.getCallId());
    }, 10, FAST)) {
      writer.start();
      writer.accept(offered(id(1), T0));
      writer.accept(offered(id(2), T0));
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(attempts).hasValue(3);
      assertThat(writer.lost()).isEqualTo(1);
      assertThat(applied).containsExactly(id(2));
    }
  }

  @Test
  void acceptNeverBlocksAndRefusesLoudlyWhenTheQueueIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    try (CallEventWriter writer = new CallEventWriter(e -> {
      busy.countDown();
      release.await();
    }, 2, FAST)) {
      writer.start();
      writer.accept(offered(id(0), T0));
      assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(writer.accept(offered(id(1), T0))).isTrue();
      assertThat(writer.accept(offered(id(2), T0))).isTrue();
      assertThat(writer.accept(offered(id(3), T0))).as("queue full").isFalse();
      assertThat(writer.lost()).isEqualTo(1);
      release.countDown();
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(writer.written()).isEqualTo(3);
    }
  }

  @Test
  void closeDrainsTheQueueAndLaterEventsAreRefused() throws Exception {
    List<CallEvent> applied = new CopyOnWriteArrayList<>();
    CallEventWriter writer = new CallEventWriter(applied::add, 100, FAST);
    writer.start();
    for (int i = 0; i < 50; i++) {
      writer.accept(offered(id(i), T0));
    }
    writer.close(WAIT);
    assertThat(applied).hasSize(50);
    assertThat(writer.accept(offered(id(99), T0))).isFalse();
    assertThat(writer.lost()).isEqualTo(1);
    writer.close(WAIT);
  }
}
