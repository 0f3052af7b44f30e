package dev.voiceengine.control.analysis;

/** Analyses one ended call for one agent's configuration. Must not throw for any transcript. */
@FunctionalInterface
public interface CallAnalyzer {
  CallAnalysisResult analyze(AnalysisInput input, AgentAnalysis agent);
}
