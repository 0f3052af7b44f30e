package dev.voiceengine.control.analysis;

import java.util.List;
import java.util.Map;

/**
 * What the analysis of one call found, as it is stored on the record.
 *
 * @param summary      what the caller asked and how the agent answered
 * @param sentiment    positive | neutral | negative
 * @param tags         lower-case topic tags, sorted
 * @param callSuccess  whether the call reached its goal
 * @param endedReason  who ended the call and why
 * @param fields       the custom template's values by field name (null where nothing was found), in template order
 * @param method       "heuristic" or the model's name
 * @param modelError   why the configured model's answer was not used (the heuristic's was); null otherwise
 */
public record CallAnalysisResult(String summary, String sentiment, List<String> tags, boolean callSuccess,
    String endedReason, Map<String, Object> fields, String method, String modelError) {
  public static final String HEURISTIC = "heuristic";

  public CallAnalysisResult {
    tags = List.copyOf(tags);
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  /** This result, labelled as the heuristic's because the model failed for this reason. */
  public CallAnalysisResult withModelError(String reason) {
    return new CallAnalysisResult(summary, sentiment, tags, callSuccess, endedReason, fields, method, reason);
  }
}
