package dev.voiceengine.control.analysis;

import dev.voiceengine.control.store.TurnRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded analyzer: rules over the transcript, no model. Its results are labelled {@code "heuristic"} so no
 * reader mistakes them for a model's judgement: an extractive summary, lexicon sentiment, keyword tags, template
 * fields by keyword, pattern and slot shape, the ended reason from the record, and call success by the agent's rule.
 */
public final class HeuristicAnalyzer implements CallAnalyzer {
  @Override
  public CallAnalysisResult analyze(AnalysisInput input, AgentAnalysis agent) {
    List<String> caller = input.texts(TurnRole.CALLER);
    List<String> agentSaid = input.texts(TurnRole.AGENT);
    String endedReason = EndedReasons.of(input.call());
    List<String> callerWords = Words.of(String.join("\n", caller));
    List<String> allWords = new ArrayList<>(callerWords);
    allWords.addAll(Words.of(String.join("\n", agentSaid)));
    Map<String, Object> fields = TemplateFiller.fill(agent.fields(), caller, agentSaid);
    return new CallAnalysisResult(ExtractiveSummary.of(input, endedReason), LexiconSentiment.of(callerWords),
        KeywordTags.of(allWords, agent.tags()), success(input, agent.success(), endedReason, caller, agentSaid,
        fields), endedReason, fields, CallAnalysisResult.HEURISTIC, null);
  }

  /** The agent's success rule; see {@link SuccessRule}. */
  static boolean success(AnalysisInput input, SuccessRule rule, String endedReason, List<String> caller,
      List<String> agentSaid, Map<String, Object> fields) {
    if (rule.isDefault()) {
      return input.call().answeredAt() != null && !caller.isEmpty()
          && !EndedReasons.UNSUCCESSFUL.contains(endedReason);
    }
    boolean filled = !rule.fields().isEmpty() && rule.fields().stream().allMatch(name -> {
      Object value = fields.get(name);
      return value != null && !Boolean.FALSE.equals(value);
    });
    List<String> agentWords = Words.of(String.join("\n", agentSaid));
    boolean reached = rule.phrases().stream().anyMatch(p -> Words.contains(agentWords, p));
    return filled || reached;
  }
}
