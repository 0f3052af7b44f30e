package dev.voiceengine.server.config;

/** Whether calls are recorded to data_dir/recordings (default true). */
public record RecordingConfig(Boolean enabled) {
  public RecordingConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
  }
}
