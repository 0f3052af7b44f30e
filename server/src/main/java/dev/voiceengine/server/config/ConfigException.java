package dev.voiceengine.server.config;

/** A configuration the engine refuses to start with. The message names the file, the key and what was expected. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
