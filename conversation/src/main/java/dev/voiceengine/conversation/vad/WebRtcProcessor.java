package dev.voiceengine.conversation.vad;

import dev.onvoid.webrtc.media.audio.VoiceActivityDetector;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Runs each call's windows through its own native WebRTC voice activity detector. The detector takes 10 ms chunks and
 * updates its probability once per 30 ms, so a window is three chunks and its result is the value after the third.
 */
final class WebRtcProcessor implements WindowProcessor {
  static final int CHUNK = 80;
  static final int CHUNKS = 3;
  static final int WINDOW = CHUNK * CHUNKS;
  private final byte[] chunk = new byte[CHUNK * 2];
  private final Set<VoiceActivityDetector> live = Collections.newSetFromMap(new IdentityHashMap<>());

  @Override
  public void process(VadWindow[] batch, int count, float[] out) {
    for (int i = 0; i < count; i++) {
      VadWindow w = batch[i];
      VoiceActivityDetector detector = (VoiceActivityDetector) w.call.modelState;
      if (detector == null) {
        detector = new VoiceActivityDetector();
        w.call.modelState = detector;
        live.add(detector);
      }
      for (int c = 0; c < CHUNKS; c++) {
        toBytes(w.samples, c * CHUNK, chunk);
        detector.process(chunk, CHUNK, SileroModel.SAMPLE_RATE);
      }
      out[i] = detector.getLastVoiceProbability();
    }
  }

  /** PCM16 little-endian, as the native side reads it. */
  static void toBytes(short[] pcm, int offset, byte[] out) {
    for (int i = 0, j = 0; j < out.length; i++, j += 2) {
      short s = pcm[offset + i];
      out[j] = (byte) s;
      out[j + 1] = (byte) (s >> 8);
    }
  }

  @Override
  public void release(QueuedCallVad call) {
    if (call.modelState instanceof VoiceActivityDetector detector && live.remove(detector)) {
      detector.dispose();
    }
    call.modelState = null;
  }

  @Override
  public void close() {
    live.forEach(VoiceActivityDetector::dispose);
    live.clear();
  }
}
