package dev.voiceengine.conversation.provider;

/** A request in flight that can be abandoned (barge-in, hang-up). Cancelling twice, or after the end, does nothing. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
