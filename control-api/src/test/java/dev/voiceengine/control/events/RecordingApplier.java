package dev.voiceengine.control.events;

import dev.voiceengine.proto.control.v1.CallEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * A store stand-in that behaves like a transactional one: {@link #applyAll} commits all events or (when one is
 * refused) none. It records what was committed and the size of every transaction, refuses the events the poison
 * test matches, and can hold its first transaction until released so that events pile up behind it.
 */
final class RecordingApplier implements EventApplier {
  final List<CallEvent> committed = new CopyOnWriteArrayList<>();
  /** Sizes of the transactions that committed (1 for {@link #apply}). */
  final List<Integer> transactions = new CopyOnWriteArrayList<>();
  /** Sizes of the transactions that were tried, committed or not. */
  final List<Integer> attempts = new CopyOnWriteArrayList<>();
  final CountDownLatch busy = new CountDownLatch(1);
  private final CountDownLatch release;
  private volatile Predicate<CallEvent> poison = e -> false;

  /** A store that does not wait. */
  RecordingApplier() {
    this.release = new CountDownLatch(0);
  }

  /** A store whose first transaction waits for {@code release}. */
  RecordingApplier(CountDownLatch release) {
    this.release = release;
  }

  /** From now on, refuse the events this matches (an empty predicate makes the store take everything again). */
  RecordingApplier refusing(Predicate<CallEvent> poison) {
    this.poison = poison;
    return this;
  }

  @Override
  public void apply(CallEvent event) throws Exception {
    applyAll(List.of(event));
  }

  @Override
  public void applyAll(List<CallEvent> events) throws Exception {
    busy.countDown();
    release.await();
    attempts.add(events.size());
    List<CallEvent> staged = new ArrayList<>();
    for (CallEvent event : events) {
      if (poison.test(event)) {
        throw new SQLException("CHECK constraint failed: call " + event.getCallId());
      }
      staged.add(event);
    }
    committed.addAll(staged);
    transactions.add(events.size());
  }

  /** The call ids of the committed events, in commit order. */
  List<String> committedIds() {
    return committed.stream().map(CallEvent::getCallId).toList();
  }
}
