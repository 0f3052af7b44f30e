package dev.voiceengine.media;

import dev.voiceengine.proto.control.v1.CallEvent;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/** What a conversation needs from its call: its loop, its clock, where events go and how to hang up. */
public interface CallContext {
  String callId();

  /** The call's event loop: every conversation step runs here; provider callbacks are posted here. */
  Executor loop();

  /** Monotonic nanoseconds. */
  LongSupplier clock();

  /** Emits an event of this call (TurnCompleted, ProviderFailed). */
  void emit(CallEvent event);

  /** Asks signalling to end the call from our side with {@code outcome}. */
  void hangup(String outcome);

  /** About the call, for the language model: from_number, to_number, direction… */
  Map<String, String> details();

  /** How long caller audio waits in the engine before it is heard (the jitter buffer's delay), milliseconds. */
  int inputDelayMs();
}
