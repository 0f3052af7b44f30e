package dev.voiceengine.server.wiring;

import dev.voiceengine.media.WavFiles;
import dev.voiceengine.server.config.AgentConfig;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ConfigValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured agents with what they need at answer time, loaded once at start (a bad greeting file fails the
 * start, not a call).
 */
public final class AgentDirectory {
  static final String DEFAULT_GREETING = "/greeting.wav";

  private final Map<String, short[]> greetings = new HashMap<>();

  public AgentDirectory(List<AgentConfig> agents, ConfigValidator paths) throws ConfigException {
    short[] shipped = null;
    for (int i = 0; i < agents.size(); i++) {
      AgentConfig agent = agents.get(i);
      if (agent.greeting() == null) {
        shipped = shipped == null ? shippedGreeting() : shipped;
        greetings.put(agent.id(), shipped);
        continue;
      }
      Path file = paths.resolve(agent.greeting());
      try {
        greetings.put(agent.id(), WavFiles.readMono8k(file));
      } catch (IOException e) {
        throw new ConfigException("agents[" + i + "].greeting: " + e.getMessage(), e);
      }
    }
  }

  /** The greeting samples (8 kHz mono PCM16) of an agent; empty for an unknown id. */
  public short[] greeting(String agentId) {
    return greetings.getOrDefault(agentId, new short[0]);
  }

  private static short[] shippedGreeting() throws ConfigException {
    try (InputStream in = AgentDirectory.class.getResourceAsStream(DEFAULT_GREETING)) {
      if (in == null) {
        throw new ConfigException("the shipped greeting " + DEFAULT_GREETING + " is missing from the build");
      }
      Path tmp = Files.createTempFile("voice-engine-greeting", ".wav");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        return WavFiles.readMono8k(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ConfigException("cannot read the shipped greeting: " + e.getMessage(), e);
    }
  }
}
