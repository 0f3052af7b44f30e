package dev.voiceengine.server.config;

/** The REST API's port (default 8080; 0 picks a free one). */
public record HttpConfig(Integer port) {
  public HttpConfig {
    port = port == null ? 8080 : port;
  }
}
