package dev.voiceengine.server.config;

/**
 * Post-call analysis for the whole engine (each agent's template and model are in its {@code analysis:}).
 *
 * @param enabled  false: calls are not analysed (default true)
 * @param threads  calls analysed at once (default 1: analysis is background work)
 */
public record AnalysisConfig(Boolean enabled, Integer threads) {
  public AnalysisConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    threads = threads == null ? 1 : threads;
  }
}
