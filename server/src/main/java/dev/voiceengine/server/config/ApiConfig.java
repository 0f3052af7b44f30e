package dev.voiceengine.server.config;

import java.util.List;

/**
 * API keys given in configuration (use ${ENV_VAR} rather than writing a key into the file). With none, the first start
 * generates a key and writes it to data_dir/api-key.
 */
public record ApiConfig(List<String> keys) {
  public ApiConfig {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }
}
