package dev.voiceengine.server.config;

/**
 * An agent: who answers the calls routed to it.
 *
 * @param id        referenced by trunks' number maps and stored on every call
 * @param name      a display name
 * @param greeting  a WAV (PCM16 mono 8 kHz) played at answer, relative to the config file; default the shipped one
 */
public record AgentConfig(String id, String name, String greeting) {
  public static AgentConfig demo() {
    return new AgentConfig(EngineConfig.DEFAULT_AGENT, "Reception", null);
  }
}
