package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.agentTurn;
import static dev.voiceengine.control.TestEvents.offered;
import static dev.voiceengine.control.events.CallEventWriterTest.FAST;
import static dev.voiceengine.control.events.CallEventWriterTest.WAIT;
import static dev.voiceengine.control.events.CallEventWriterTest.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.proto.control.v1.CallEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer takes what is queued as one transaction, and a batch the store refuses is written event by event. */
class CallEventWriterBatchTest {
  @TempDir Path dir;

  PendingEvents pending() {
    return new PendingEvents(dir.resolve("pending.pb"));
  }

  /** Turns of {@code calls} calls, {@code turns} each, interleaved at random but each call's turns in order. */
  static List<CallEvent> interleavedTurns(int calls, int turns, long seed) {
    Random random = new Random(seed);
    int[] next = new int[calls];
    List<Integer> open = new ArrayList<>();
    for (int c = 0; c < calls; c++) {
      open.add(c);
    }
    List<CallEvent> events = new ArrayList<>();
    while (!open.isEmpty()) {
      int slot = random.nextInt(open.size());
      int call = open.get(slot);
      int index = next[call]++;
      events.add(agentTurn(id(call), T0.plusSeconds(index), index, "turn " + index, index * 1000L,
          index * 1000L + 500, false, ""));
      if (next[call] == turns) {
        open.remove(slot);
      }
    }
    return events;
  }

  /** Accepts the first event, waits until the store holds it, then accepts the rest so they queue up. */
  static void acceptBehindAHeldWrite(CallEventWriter writer, RecordingApplier store, List<CallEvent> events)
      throws InterruptedException {
    assertThat(writer.accept(events.get(0))).isTrue();
    assertThat(store.busy.await(10, TimeUnit.SECONDS)).isTrue();
    for (CallEvent event : events.subList(1, events.size())) {
      assertThat(writer.accept(event)).isTrue();
    }
  }

  @Test
  void aBurstFromManyCallsIsWrittenInFarFewerTransactionsThanEvents() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingApplier store = new RecordingApplier(release);
    List<CallEvent> events = interleavedTurns(100, 10, 1);
    try (CallEventWriter writer = new CallEventWriter(store, pending(), 2_000, FAST)) {
      writer.start();
      acceptBehindAHeldWrite(writer, store, events);
      release.countDown();
      assertThat(writer.flush(WAIT)).isTrue();

      assertThat(store.committed).containsExactlyElementsOf(events);
      assertThat(store.transactions).as("the held event alone, then the 999 queued behind it in full batches")
          .containsExactly(1, 256, 256, 256, 231);
      assertThat(writer.written()).isEqualTo(1_000);
      assertThat(writer.kept()).isZero();
    }
  }

  @Test
  void eachCallsEventsStayInOrderWithinAndAcrossBatches() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingApplier store = new RecordingApplier(release);
    List<CallEvent> events = interleavedTurns(300, 5, 2);
    try (CallEventWriter writer = new CallEventWriter(store, pending(), 2_000, FAST)) {
      writer.start();
      acceptBehindAHeldWrite(writer, store, events.subList(0, 700));
      release.countDown();
      assertThat(writer.flush(WAIT)).isTrue(); // a barrier ends a batch: the rest starts a new one
      for (CallEvent event : events.subList(700, events.size())) {
        writer.accept(event);
      }
      assertThat(writer.flush(WAIT)).isTrue();

      assertThat(store.transactions.size()).isGreaterThan(3).isLessThan(events.size() / 10);
      Map<String, Integer> lastIndex = new HashMap<>();
      for (CallEvent event : store.committed) {
        int previous = lastIndex.getOrDefault(event.getCallId(), -1);
        assertThat(event.getTurn().getIndex()).as("call %s", event.getCallId()).isEqualTo(previous + 1);
        lastIndex.put(event.getCallId(), event.getTurn().getIndex());
      }
      assertThat(lastIndex).hasSize(300).allSatisfy((call, last) -> assertThat(last).isEqualTo(4));
    }
  }

  @Test
  void aPoisonEventInABatchDoesNotTakeItsNeighboursWithIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    String poisoned = id(7);
    RecordingApplier store = new RecordingApplier(release).refusing(e -> e.getCallId().equals(poisoned));
    List<CallEvent> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(offered(id(i), T0));
    }
    try (CallEventWriter writer = new CallEventWriter(store, pending(), 100, FAST)) {
      writer.start();
      acceptBehindAHeldWrite(writer, store, events);
      release.countDown();
      assertThat(writer.flush(WAIT)).isTrue();

      List<String> neighbours = events.stream().map(CallEvent::getCallId).filter(id -> !id.equals(poisoned))
          .toList();
      assertThat(store.committedIds()).containsExactlyElementsOf(neighbours);
      List<Integer> expected = expectedAttempts();
      assertThat(store.attempts).as("held event; the batch of 19 refused; then one by one, the poison 3 times")
          .startsWith(expected.toArray(Integer[]::new));
      assertThat(store.attempts.subList(expected.size(), store.attempts.size()))
          .as("then only tries of the kept poison alone (after the batch, and when idle)").containsOnly(1);
      assertThat(writer.written()).isEqualTo(19);
      assertThat(writer.kept()).as("the poison is kept on disk, as a single event that keeps failing").isEqualTo(1);
      assertThat(writer.lost()).isZero();

      store.refusing(e -> false); // whatever made it fail is fixed: the next write brings it in
      writer.accept(offered(id(99), T0));
      assertThat(writer.flush(WAIT)).isTrue();
      for (int i = 0; i < 100 && store.committed.size() < 21; i++) {
        Thread.sleep(50); // a flush barrier behind id(99) may defer the replay to the writer's next idle second
      }
      assertThat(store.committedIds()).endsWith(id(99), poisoned);
      assertThat(pending().isEmpty()).isTrue();
    }
  }

  private static List<Integer> expectedAttempts() {
    List<Integer> attempts = new ArrayList<>(List.of(1, 19));
    for (int i = 1; i < 20; i++) {
      attempts.add(1);
      if (i == 7) {
        attempts.addAll(List.of(1, 1)); // FAST: three attempts in all
      }
    }
    return attempts;
  }

  @Test
  void whenTheStoreIsDownABatchGetsTheRetriesEventByEventAndIsKeptOnDiskInOrder() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingApplier store = new RecordingApplier(release).refusing(e -> true);
    List<CallEvent> events = List.of(offered(id(1), T0), offered(id(2), T0), offered(id(3), T0),
        offered(id(4), T0));
    try (CallEventWriter writer = new CallEventWriter(store, pending(), 100, FAST)) {
      writer.start();
      acceptBehindAHeldWrite(writer, store, events);
      release.countDown();
      assertThat(writer.flush(WAIT)).isTrue();
      assertThat(store.committed).isEmpty();
      assertThat(store.attempts).as("id1 3 times; the batch of 3 once; then id2, id3, id4 3 times each")
          .startsWith(1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
      assertThat(writer.kept()).isEqualTo(4);

      store.refusing(e -> false);
      writer.accept(offered(id(5), T0));
      assertThat(writer.flush(WAIT)).isTrue();
      for (int i = 0; i < 100 && store.committed.size() < 5; i++) {
        Thread.sleep(50);
      }
      assertThat(store.committedIds()).containsExactly(id(5), id(1), id(2), id(3), id(4));
      assertThat(store.transactions).as("the kept events come back as one batch").containsExactly(1, 4);
      assertThat(writer.lost()).isZero();
    }
  }
}
