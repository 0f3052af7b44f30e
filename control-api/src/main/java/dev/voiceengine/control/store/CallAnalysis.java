package dev.voiceengine.control.store;

import java.time.Instant;
import java.util.List;

/**
 * What post-call analysis made of the call: a summary, the caller's sentiment (positive, neutral, negative), tags,
 * whether the call reached its goal, who ended it and why, and the agent's own template fields as a JSON object.
 * {@code method} says what did it ("heuristic" or the model's name) so nobody mistakes one for the other.
 */
public record CallAnalysis(
    String summary,
    String sentiment,
    List<String> tags,
    Boolean callSuccess,
    String endedReason,
    String customJson,
    String method,
    Instant analyzedAt) {
  public CallAnalysis {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
