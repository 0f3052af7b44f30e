package dev.voiceengine.control.analysis;

import java.util.List;

/**
 * When an agent's call counts as a success. With neither list, the default: the call was answered, the caller
 * spoke, and it did not end as abandoned or failed. Otherwise the call succeeds when every named field was filled (a
 * boolean one true) or the agent said one of the phrases (its goal intent was reached), e.g. "you are booked".
 *
 * @param fields  custom fields that must all be filled
 * @param phrases words of the agent that show the goal was reached (case-insensitive)
 */
public record SuccessRule(List<String> fields, List<String> phrases) {
  public static final SuccessRule DEFAULT = new SuccessRule(List.of(), List.of());

  public SuccessRule {
    fields = fields == null ? List.of() : List.copyOf(fields);
    phrases = phrases == null ? List.of() : List.copyOf(phrases);
  }

  /** Whether this is the default rule. */
  public boolean isDefault() {
    return fields.isEmpty() && phrases.isEmpty();
  }
}
