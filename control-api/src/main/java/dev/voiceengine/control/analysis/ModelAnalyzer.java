package dev.voiceengine.control.analysis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analysis by the agent's language model: the transcript and the template go to the model, its JSON answer is
 * checked field by field, and the result is labelled with the model's name. The ended reason always comes from the
 * record. When the model fails, answers late or answers something invalid, the heuristic's result is stored instead,
 * labelled "heuristic", with the reason kept ({@link CallAnalysisResult#modelError}). Agents without a model get the
 * heuristic directly.
 */
public final class ModelAnalyzer implements CallAnalyzer {
  private static final Logger log = LoggerFactory.getLogger(ModelAnalyzer.class);
  /** Longest failure reason kept. */
  static final int MAX_REASON = 300;

  private final AnalysisModel model;
  private final CallAnalyzer heuristic;

  public ModelAnalyzer(AnalysisModel model, CallAnalyzer heuristic) {
    this.model = model;
    this.heuristic = heuristic;
  }

  @Override
  public CallAnalysisResult analyze(AnalysisInput input, AgentAnalysis agent) {
    CallAnalysisResult rules = heuristic.analyze(input, agent);
    if (agent.model() == null) {
      return rules;
    }
    String reason;
    try {
      String answer = model.complete(agent.model(), AnalysisPrompt.INSTRUCTIONS, AnalysisPrompt.of(input, agent));
      ModelReply.Parsed parsed = ModelReply.parse(answer, agent.fields());
      return new CallAnalysisResult(parsed.summary(), parsed.sentiment(), parsed.tags(), parsed.callSuccess(),
          rules.endedReason(), parsed.fields(), agent.model(), null);
    } catch (ModelReply.Invalid e) {
      reason = "invalid answer: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = "interrupted";
    } catch (Exception e) {
      reason = "model failed: " + e;
    }
    String kept = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    log.warn("Call {}: analysis by model {} failed ({}); storing the heuristic analysis", input.call().id(),
        agent.model(), kept);
    return rules.withModelError(agent.model() + ": " + kept);
  }
}
