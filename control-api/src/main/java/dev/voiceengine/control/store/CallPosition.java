package dev.voiceengine.control.store;

import java.util.Objects;

/**
 * Where a page of calls ends: the sort key and id of its last call. The next page starts strictly after it, so calls
 * added meanwhile never shift or repeat the calls already seen (unlike an offset).
 *
 * @param key the last call's sort key ({@link CallOrder#keyOf}): text, or a Double for the duration
 * @param id the last call's id, the tie-break
 */
public record CallPosition(Object key, String id) {
  public CallPosition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
  }

  /** The position of this call in this order. */
  public static CallPosition of(CallOrder order, CallRecord call) {
    return new CallPosition(order.keyOf(call), call.id());
  }
}
