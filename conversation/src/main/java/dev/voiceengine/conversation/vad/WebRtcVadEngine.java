package dev.voiceengine.conversation.vad;

import dev.onvoid.webrtc.media.audio.AudioProcessing;
import java.util.concurrent.Executor;

/**
 * WebRTC's pitch- and GMM-based voice activity detector (native, no model file): cheaper and cruder than Silero,
 * reporting once per 30 ms window. Each call has its own native detector, used only on the engine's one VAD thread,
 * so event loops never run native detection.
 */
public final class WebRtcVadEngine implements VadEngine {
  /** Windows that may wait across all calls. */
  public static final int DEFAULT_POOL = 4096;

  private final VadWorker worker;

  public WebRtcVadEngine() {
    loadNativeLibrary();
    worker = new VadWorker("vad-webrtc", new WebRtcProcessor(), WebRtcProcessor.WINDOW, DEFAULT_POOL, 256);
  }

  /** The detector class does not load the native library itself; the audio processing class does. */
  private static void loadNativeLibrary() {
    new AudioProcessing().dispose();
  }

  @Override
  public CallVad open(String callId, Executor loop, CallVad.Listener listener) {
    return new QueuedCallVad(callId, loop, listener, worker, WebRtcProcessor.WINDOW, 0, null, 0);
  }

  @Override
  public String name() {
    return VadEngines.WEBRTC;
  }

  /** Windows dropped because detection was too far behind. */
  public long droppedWindows() {
    return worker.droppedWindows();
  }

  @Override
  public void close() {
    worker.stop();
  }
}
