package dev.voiceengine.control.analysis;

import dev.voiceengine.control.store.CallTurn;
import java.util.stream.Collectors;

/** What the model is asked: the instructions fix the JSON shape; the prompt holds the transcript and the fields. */
final class AnalysisPrompt {
  /** Longest transcript sent, characters (the start is kept: the request comes first). */
  static final int MAX_TRANSCRIPT = 24_000;

  static final String INSTRUCTIONS = """
      You analyse a finished phone call between a caller and a voice agent. Answer with one JSON object and nothing \
      else, with these keys: "summary" (two or three sentences: what the caller wanted and how it ended), \
      "sentiment" (one of "positive", "neutral", "negative": the caller's mood), "tags" (an array of short lower-case \
      topic words), "call_success" (true when the caller got what they called for), "fields" (an object with one key \
      per requested field; use null when the call does not say).""";

  private AnalysisPrompt() {}

  static String of(AnalysisInput input, AgentAnalysis agent) {
    StringBuilder prompt = new StringBuilder("Transcript:\n");
    String transcript = input.turns().stream().filter(t -> t.text() != null && !t.text().isBlank())
        .map(AnalysisPrompt::line).collect(Collectors.joining("\n"));
    prompt.append(transcript.length() > MAX_TRANSCRIPT ? transcript.substring(0, MAX_TRANSCRIPT) : transcript);
    prompt.append("\n\nFields:\n");
    if (agent.fields().isEmpty()) {
      prompt.append("(none: return \"fields\": {})\n");
    }
    for (AnalysisField field : agent.fields()) {
      prompt.append("- ").append(field.name()).append(" (").append(field.type().wire());
      if (field.type() == FieldType.ENUM) {
        prompt.append(", one of ").append(String.join(", ", field.values()));
      }
      prompt.append("): ").append(field.instructions()).append('\n');
    }
    if (!agent.success().phrases().isEmpty() || !agent.success().fields().isEmpty()) {
      prompt.append("\nThe call is a success when the agent reached: ")
          .append(String.join("; ", agent.success().phrases()))
          .append(agent.success().fields().isEmpty() ? "" : " or filled " + String.join(", ",
              agent.success().fields()))
          .append('\n');
    }
    return prompt.toString();
  }

  private static String line(CallTurn turn) {
    String who = turn.role() == null ? "unknown" : turn.role().wire();
    return who + ": " + turn.text().strip().replaceAll("\\s+", " ");
  }
}
