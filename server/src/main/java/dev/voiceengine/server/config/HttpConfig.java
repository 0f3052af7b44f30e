package dev.voiceengine.server.config;

import java.util.List;

/**
 * The REST API.
 *
 * @param port         default 8080; 0 picks a free one
 * @param corsOrigins  web origins ({@code https://host[:port]}) whose pages may call the API from a browser; default
 *                     none (cross-origin preflights are refused)
 */
public record HttpConfig(Integer port, List<String> corsOrigins) {
  public HttpConfig {
    port = port == null ? 8080 : port;
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }

  /** On this port, no cross-origin use. */
  public HttpConfig(Integer port) {
    this(port, null);
  }
}
