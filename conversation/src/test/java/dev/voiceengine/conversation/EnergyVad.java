package dev.voiceengine.conversation;

import dev.voiceengine.conversation.vad.CallVad;
import dev.voiceengine.conversation.vad.VadEngine;
import java.util.concurrent.Executor;

/** A stand-in VAD for conversation tests: 256-sample windows, speech when the window's RMS is above 500. */
final class EnergyVad implements VadEngine {
  @Override
  public CallVad open(String callId, Executor loop, CallVad.Listener listener) {
    return new CallVad() {
      final short[] window = new short[256];
      int filled;
      long position;
      boolean closed;

      @Override
      public void accept(short[] pcm, int offset, int length) {
        for (int i = 0; i < length; i++) {
          window[filled++] = pcm[offset + i];
          position++;
          if (filled == window.length) {
            filled = 0;
            double sum = 0;
            for (short s : window) {
              sum += (double) s * s;
            }
            float p = Math.sqrt(sum / window.length) > 500 ? 0.95f : 0.02f;
            long end = position;
            loop.execute(() -> {
              if (!closed) {
                listener.onSpeechProbability(end, 256, p);
              }
            });
          }
        }
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  @Override
  public String name() {
    return "energy";
  }

  @Override
  public void close() {}
}
