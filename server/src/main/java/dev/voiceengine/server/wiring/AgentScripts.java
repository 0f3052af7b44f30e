package dev.voiceengine.server.wiring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.voiceengine.providers.scripted.AgentScript;
import dev.voiceengine.server.config.AgentConfig;
import dev.voiceengine.server.config.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripted agent's scripts, read from each agent's {@code script} (or the shipped receptionist when it has none),
 * with errors naming the agent and the key, as the rest of the configuration does.
 */
public final class AgentScripts {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private AgentScripts() {}

  public static Map<String, AgentScript> read(List<AgentConfig> agents) throws ConfigException {
    Map<String, AgentScript> scripts = new HashMap<>();
    AgentScript shipped = null;
    for (int i = 0; i < agents.size(); i++) {
      AgentConfig agent = agents.get(i);
      if (agent.script() == null || agent.script().isNull()) {
        shipped = shipped == null ? AgentScript.reception() : shipped;
        scripts.put(agent.id(), shipped);
        continue;
      }
      try {
        scripts.put(agent.id(), MAPPER.treeToValue(agent.script(), AgentScript.class));
      } catch (Exception e) {
        throw new ConfigException("agents[" + i + "].script: " + rootMessage(e), e);
      }
    }
    return scripts;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    int newline = m.indexOf('\n');
    return newline > 0 ? m.substring(0, newline) : m;
  }
}
