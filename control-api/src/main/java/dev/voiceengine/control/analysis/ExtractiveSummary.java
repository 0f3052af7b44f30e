package dev.voiceengine.control.analysis;

import dev.voiceengine.control.store.TurnRole;
import java.util.List;

/**
 * A summary made only of what was said: the caller's first request and the agent's last reply (its resolution),
 * each cut to a bounded length. Nothing is invented; a call without caller speech says so.
 */
final class ExtractiveSummary {
  /** Longest quoted part, characters. */
  static final int MAX_PART = 200;

  private ExtractiveSummary() {}

  static String of(AnalysisInput input, String endedReason) {
    List<String> caller = input.texts(TurnRole.CALLER);
    List<String> agent = input.texts(TurnRole.AGENT);
    if (caller.isEmpty()) {
      return "The caller did not speak; the call ended (" + endedReason + ").";
    }
    String request = "Caller: \"" + cut(caller.get(0)) + "\"";
    if (agent.isEmpty()) {
      return request + ". The agent did not reply; the call ended (" + endedReason + ").";
    }
    return request + ". Agent: \"" + cut(agent.get(agent.size() - 1)) + "\". Ended: " + endedReason + ".";
  }

  /** The text up to MAX_PART characters, cut at a word boundary when it is longer. */
  static String cut(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    if (t.length() <= MAX_PART) {
      return t;
    }
    int space = t.lastIndexOf(' ', MAX_PART - 1);
    return t.substring(0, space > MAX_PART / 2 ? space : MAX_PART - 1) + "…";
  }
}
