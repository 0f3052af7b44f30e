package dev.voiceengine.control.api;

import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.store.OutboundStore;
import java.time.Clock;

/**
 * What the API needs to place and steer calls: the queue in the store, the engine, a way to wake the dialer when
 * something was queued or resumed, and the most calls that may wait in the queue (beyond it: 429).
 */
public record Outbound(OutboundStore store, CallCommands commands, Runnable wakeDialer, long maxQueued, Clock clock) {
  /** Calls that may wait in the queue by default. */
  public static final long DEFAULT_MAX_QUEUED = 10_000;
}
