package dev.voiceengine.control.analysis;

import java.util.List;
import java.util.Map;

/**
 * How one agent's calls are analysed (its {@code analysis:} configuration).
 *
 * @param fields   the custom template
 * @param tags     tag to the words that give it, added to (or replacing) {@link KeywordTags#DEFAULTS}
 * @param success  when a call counts as a success
 * @param model    the model that analyses the calls (its name as the provider knows it); null: the heuristic
 */
public record AgentAnalysis(List<AnalysisField> fields, Map<String, List<String>> tags, SuccessRule success,
    String model) {
  /** No template, the default tags and success rule, the heuristic. */
  public static final AgentAnalysis DEFAULT = new AgentAnalysis(List.of(), Map.of(), SuccessRule.DEFAULT, null);

  public AgentAnalysis {
    fields = fields == null ? List.of() : List.copyOf(fields);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    success = success == null ? SuccessRule.DEFAULT : success;
    model = model == null || model.isBlank() ? null : model;
  }
}
