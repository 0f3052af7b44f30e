package dev.voiceengine.control.events;

import dev.voiceengine.proto.control.v1.CallEvent;
import java.util.List;

/**
 * Applies call events to durable state. Throwing means "not applied, may be retried"; returning means the event
 * was handled (including events that were logged and deliberately not stored because they cannot be). Applying an
 * event again changes nothing, so retrying after a failure is always safe.
 */
@FunctionalInterface
public interface EventApplier {
  void apply(CallEvent event) throws Exception;

  /**
   * Applies the events in order, as one unit where the store allows it (one transaction: all or none), which costs
   * one commit instead of one per event. This default applies them one by one, so a failure may leave a prefix
   * applied; that is harmless, as applying an event again changes nothing.
   */
  default void applyAll(List<CallEvent> events) throws Exception {
    for (CallEvent event : events) {
      apply(event);
    }
  }
}
