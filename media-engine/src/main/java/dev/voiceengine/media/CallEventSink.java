package dev.voiceengine.media;

import dev.voiceengine.proto.control.v1.CallEvent;

/**
 * Where the media engine sends what happens to calls. Implementations must not block: they are called from event
 * loops and SIP threads, so a consumer that writes to disk queues the event and returns.
 */
@FunctionalInterface
public interface CallEventSink {
  void accept(CallEvent event);
}
