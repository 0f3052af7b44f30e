package dev.voiceengine.control.webhooks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The events an endpoint can select, by the name receivers see in {@code type}. */
public enum WebhookEvent {
  CALL_STARTED("call.started"),
  CALL_ANSWERED("call.answered"),
  CALL_ENDED("call.ended"),
  CALL_ANALYZED("call.analyzed"),
  /** One per completed turn; chatty, so not selected unless asked for. */
  CALL_TRANSCRIPT("call.transcript"),
  BATCH_COMPLETED("batch.completed");

  /** What an endpoint gets when its configuration names no events: all but the per-turn transcript. */
  public static final Set<WebhookEvent> DEFAULTS =
      Set.of(CALL_STARTED, CALL_ANSWERED, CALL_ENDED, CALL_ANALYZED, BATCH_COMPLETED);

  private final String wire;

  WebhookEvent(String wire) {
    this.wire = wire;
  }

  /** The name on the wire, e.g. {@code call.ended}. */
  public String wire() {
    return wire;
  }

  /** The event with this wire name (case-insensitive), if any. */
  public static Optional<WebhookEvent> of(String wire) {
    String name = wire == null ? "" : wire.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(e -> e.wire.equals(name)).findFirst();
  }

  /** The wire names, for error messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(WebhookEvent::wire).toList());
  }
}
