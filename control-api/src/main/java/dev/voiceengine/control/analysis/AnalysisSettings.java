package dev.voiceengine.control.analysis;

import java.util.Map;

/**
 * Post-call analysis as configured: on or off, each agent's analysis ({@link AgentAnalysis#DEFAULT} for agents not
 * named), the model client used by agents that name a model, and how many calls are analysed at once.
 */
public record AnalysisSettings(boolean enabled, Map<String, AgentAnalysis> agents, AnalysisModel model,
    int threads) {
  /** On, the heuristic for every agent, one thread. */
  public static final AnalysisSettings DEFAULTS = new AnalysisSettings(true, Map.of(), AnalysisModel.NONE, 1);
  /** Off: calls are not analysed. */
  public static final AnalysisSettings DISABLED = new AnalysisSettings(false, Map.of(), AnalysisModel.NONE, 1);

  public AnalysisSettings {
    agents = agents == null ? Map.of() : Map.copyOf(agents);
    model = model == null ? AnalysisModel.NONE : model;
    if (threads < 1) {
      throw new IllegalArgumentException("analysis threads must be at least 1, not " + threads);
    }
  }

  /** The agent's analysis; the default for an unknown or missing agent. */
  public AgentAnalysis agent(String agentId) {
    return agentId == null ? AgentAnalysis.DEFAULT : agents.getOrDefault(agentId, AgentAnalysis.DEFAULT);
  }
}
