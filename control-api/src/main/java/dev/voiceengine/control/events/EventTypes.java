package dev.voiceengine.control.events;

import dev.voiceengine.proto.control.v1.CallEvent;

/** The names watchers see for call events ({@code call.answered}, {@code turn.completed}, …): one per kind. */
public final class EventTypes {
  /** The type of the event that ends a call's stream. */
  public static final String CALL_ENDED = "call.ended";

  private EventTypes() {}

  /** The event's type, or null for an event without a kind. */
  public static String of(CallEvent event) {
    return switch (event.getKindCase()) {
      case OFFERED -> "call.offered";
      case RINGING -> "call.ringing";
      case ANSWERED -> "call.answered";
      case ENDED -> CALL_ENDED;
      case TURN -> "turn.completed";
      case PROVIDER_FAILED -> "provider.failed";
      case DTMF -> "dtmf.received";
      case AMD -> "amd.completed";
      case TRANSFER -> "transfer.progress";
      case ANALYZED -> "call.analyzed";
      case KIND_NOT_SET -> null;
    };
  }
}
