package dev.voiceengine.control.events;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.voiceengine.control.store.LoggedEvent;
import dev.voiceengine.proto.control.v1.CallEvent;

/**
 * A stored call event as watchers get it: its log id (increasing), type, call, organization (null until calls have
 * one) and the event (with the call id as stored).
 */
public record LiveEvent(long id, String type, String callId, String orgId, CallEvent event) {

  /** Whether this event ends its call's stream. */
  public boolean endsCall() {
    return EventTypes.CALL_ENDED.equals(type);
  }

  /** The event a log row holds. */
  public static LiveEvent of(LoggedEvent row) {
    try {
      return new LiveEvent(row.id(), row.type(), row.callId(), row.orgId(), CallEvent.parseFrom(row.payload()));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("call event log row " + row.id() + " does not hold a call event", e);
    }
  }
}
