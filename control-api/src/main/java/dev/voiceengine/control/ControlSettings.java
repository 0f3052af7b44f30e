package dev.voiceengine.control;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * How the control plane stores calls and serves the API.
 *
 * @param dataDir      holds calls.db (SQLite), recordings/ and the generated api-key file
 * @param jdbcUrl      the call store; null means jdbc:sqlite:&lt;dataDir&gt;/calls.db
 * @param bindAddress  HTTP listen address
 * @param httpPort     HTTP port; 0 picks a free one
 * @param apiKeys      keys given in configuration (plain text, hashed at start); when empty and the store holds no
 *                     key, the first start generates one and writes it to dataDir/api-key (mode 0600)
 * @param metrics      the engine's metrics in the Prometheus text format, served at {@code /metrics} behind the
 *                     API keys; null serves none
 * @param corsOrigins  web origins (e.g. {@code https://ops.example.com}) whose pages may call the API; empty
 *                     allows none
 */
public record ControlSettings(Path dataDir, String jdbcUrl, String bindAddress, int httpPort, List<String> apiKeys,
    Supplier<String> metrics, List<String> corsOrigins) {
  public ControlSettings {
    apiKeys = List.copyOf(apiKeys);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }

  /** No cross-origin use. */
  public ControlSettings(Path dataDir, String jdbcUrl, String bindAddress, int httpPort, List<String> apiKeys,
      Supplier<String> metrics) {
    this(dataDir, jdbcUrl, bindAddress, httpPort, apiKeys, metrics, List.of());
  }

  /** Without a metrics endpoint. */
  public ControlSettings(Path dataDir, String jdbcUrl, String bindAddress, int httpPort, List<String> apiKeys) {
    this(dataDir, jdbcUrl, bindAddress, httpPort, apiKeys, null);
  }
}
