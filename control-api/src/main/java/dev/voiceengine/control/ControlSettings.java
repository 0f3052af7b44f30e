package dev.voiceengine.control;

import dev.voiceengine.control.api.RateLimit;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.NoCommands;
import dev.voiceengine.control.store.BatchListener;
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
 * @param commands     the engine that places and steers calls; by default none ({@link NoCommands}: every dial
 *                     refused)
 * @param batchListener told (in the store transaction) when a batch of calls completes; by default nobody
 * @param rateLimit    requests each API key may make on the HTTP API (429 beyond it); by default
 *                     {@link RateLimit#OFF} here, the engine's configuration defaults to {@link RateLimit#DEFAULT}
 */
public record ControlSettings(Path dataDir, String jdbcUrl, String bindAddress, int httpPort, List<String> apiKeys,
    Supplier<String> metrics, List<String> corsOrigins, CallCommands commands, BatchListener batchListener,
    RateLimit rateLimit) {
  public ControlSettings {
    rateLimit = rateLimit == null ? RateLimit.OFF : rateLimit;
    apiKeys = List.copyOf(apiKeys);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    commands = commands == null ? new NoCommands() : commands;
    batchListener = batchListener == null ? BatchListener.NONE : batchListener;
  }

  /** Without a rate limit (see {@link #withRateLimit}). */
  public ControlSettings(Path dataDir, String jdbcUrl, String bindAddress, int httpPort, List<String> apiKeys,
      Supplier<String> metrics, List<String> corsOrigins, CallCommands commands, BatchListener batchListener) {
    this(dataDir, jdbcUrl, bindAddress, httpPort, apiKeys, metrics, corsOrigins, commands, batchListener, null);
  }

  /**
   * These settings with each API key limited to {@code perSecond} requests a second on average and bursts of
   * {@code burst}; a rate of 0 turns the limit off.
   */
  public ControlSettings withRateLimit(double perSecond, int burst) {
    return new ControlSettings(dataDir, jdbcUrl, bindAddress, httpPort, apiKeys, metrics, corsOrigins, commands,
        batchListener, RateLimit.of(perSecond, burst));
  }

  /** Without an engine to place calls (see {@link #withCommands}). */
  public ControlSettings(Path dataDir, String jdbcUrl, String bindAddress, int httpPort, List<String> apiKeys,
      Supplier<String> metrics, List<String> corsOrigins) {
    this(dataDir, jdbcUrl, bindAddress, httpPort, apiKeys, metrics, corsOrigins, null, null);
  }

  /** These settings with the engine that places and steers calls. */
  public ControlSettings withCommands(CallCommands engine) {
    return new ControlSettings(dataDir, jdbcUrl, bindAddress, httpPort, apiKeys, metrics, corsOrigins, engine,
        batchListener, rateLimit);
  }

  /** These settings with a listener for completed batches. */
  public ControlSettings withBatchListener(BatchListener listener) {
    return new ControlSettings(dataDir, jdbcUrl, bindAddress, httpPort, apiKeys, metrics, corsOrigins, commands,
        listener, rateLimit);
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
