package dev.voiceengine.conversation.vad;

import java.util.concurrent.Executor;

/** Engine-wide voice activity detection: one model, shared by every call, closed with the engine. */
public interface VadEngine extends AutoCloseable {
  /**
   * A detector for one call's 8 kHz audio. {@code loop} is the call's event loop: results are delivered there.
   */
  CallVad open(String callId, Executor loop, CallVad.Listener listener);

  /** Counters for metrics; engines that run on the calls' loops report what they can. */
  default VadStats stats() {
    return VadStats.NONE;
  }

  /** A name for logs and configuration, e.g. "silero", "webrtc", "silero+gate". */
  String name();

  @Override
  void close();
}
