package dev.voiceengine.providers.scripted;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads and writes scripts as YAML the way the engine's configuration does: snake_case keys, unknown keys rejected
 * (a misspelt key is an error, not a silently ignored line).
 */
public final class ScriptYaml {
  private ScriptYaml() {}

  /** A YAML mapper configured like the engine's configuration loader. */
  public static ObjectMapper mapper() {
    return new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
  }

  /** Parses a script; a YAML or validation error becomes an IllegalArgumentException with the mapper's message. */
  public static AgentScript read(String yaml) {
    try {
      return mapper().readValue(yaml, AgentScript.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid agent script: " + rootMessage(e), e);
    }
  }

  /** Writes a script as YAML that {@link #read} reads back to an equal script. */
  public static String write(AgentScript script) {
    try {
      return mapper().writeValueAsString(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AgentScript readResource(String resource) {
    try (InputStream in = ScriptYaml.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the class path");
      }
      return read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t instanceof IllegalArgumentException ? t.getMessage() : e.getMessage();
  }
}
