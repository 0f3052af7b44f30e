package dev.voiceengine.control.store;

import java.util.List;

/** One page of a call listing and how many calls matched in all. */
public record CallPage(List<CallRecord> calls, long total) {
  public CallPage {
    calls = List.copyOf(calls);
  }
}
