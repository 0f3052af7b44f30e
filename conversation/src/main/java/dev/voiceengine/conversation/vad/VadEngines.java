package dev.voiceengine.conversation.vad;

import java.util.List;
import java.util.Locale;

/** Picks a VAD engine by its configured name. */
public final class VadEngines {
  public static final String SILERO = "silero";
  public static final String WEBRTC = "webrtc";
  public static final String SILERO_GATED = "silero+gate";
  public static final List<String> NAMES = List.of(SILERO, WEBRTC, SILERO_GATED);

  private VadEngines() {}

  /** "silero" (also for null or blank), "webrtc" or "silero+gate"; loads the model and starts its thread. */
  public static VadEngine create(String name) {
    String key = name == null || name.isBlank() ? SILERO : name.strip().toLowerCase(Locale.ROOT);
    return switch (key) {
      case SILERO -> SileroVadEngine.plain();
      case SILERO_GATED -> SileroVadEngine.gated();
      case WEBRTC -> new WebRtcVadEngine();
      default -> throw new IllegalArgumentException("unknown VAD engine '" + name + "'; known: " + NAMES);
    };
  }
}
