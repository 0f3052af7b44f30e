package dev.voiceengine.control.events;

import dev.voiceengine.control.store.CallStore.Added;
import dev.voiceengine.control.store.CallTransitions.Transition;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told of each call event inside the transaction that stored it, so what it writes (the webhook outbox) commits or
 * rolls back with the event: a stored event is never without its consequences, and a failed one leaves none.
 * Throwing rolls the event back (the writer retries it).
 */
public interface StoredEventHook {
  /** Does nothing. */
  StoredEventHook NONE = new StoredEventHook() {
    @Override
    public void lifecycle(Connection transaction, CallEvent.KindCase kind, Transition transition) {}

    @Override
    public void turn(Connection transaction, String callId, CallTurn turn, Added added) {}
  };

  /** An offered, answered or ended event was applied to the call record as {@code transition} says. */
  void lifecycle(Connection transaction, CallEvent.KindCase kind, Transition transition) throws SQLException;

  /** A turn of the call's conversation was stored ({@code added}: whether it was new). */
  void turn(Connection transaction, String callId, CallTurn turn, Added added) throws SQLException;
}
