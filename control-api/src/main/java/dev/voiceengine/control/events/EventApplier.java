package dev.voiceengine.control.events;

import dev.voiceengine.proto.control.v1.CallEvent;

/**
 * Applies one call event to durable state. Throwing means "not applied, may be retried"; returning means the event
 * was handled (including events that were logged and deliberately not stored because they cannot be).
 */
@FunctionalInterface
public interface EventApplier {
  void apply(CallEvent event) throws Exception;
}
