package dev.voiceengine.control.store;

import java.util.List;

/**
 * One page of a call listing, how many calls matched in all, and whether more follow this page; {@code next} is the
 * position after which the next page starts (null when none follows).
 */
public record CallPage(List<CallRecord> calls, long total, boolean hasMore, CallPosition next) {
  public CallPage {
    calls = List.copyOf(calls);
  }

  public CallPage(List<CallRecord> calls, long total) {
    this(calls, total, false, null);
  }
}
