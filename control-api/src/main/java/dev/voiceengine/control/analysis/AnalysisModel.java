package dev.voiceengine.control.analysis;

/**
 * A language model that analyses calls: given instructions and a prompt, it answers with text (a JSON object is
 * asked for). The server implements it with the engine's language-model provider (the gRPC contract), so the control
 * plane needs no client of its own.
 */
public interface AnalysisModel {
  /**
   * The model's answer to one request; throws when the provider fails or takes too long.
   *
   * @param model        the model name configured for the agent
   * @param instructions the system instructions
   * @param prompt       the transcript and the fields to fill
   */
  String complete(String model, String instructions, String prompt) throws Exception;

  /** No model reachable: every request fails, so the heuristic is used. */
  AnalysisModel NONE = (model, instructions, prompt) -> {
    throw new IllegalStateException("no language model is available for analysis");
  };
}
