package dev.voiceengine.server.it;

import dev.voiceengine.conversation.amd.AmdDetector;
import dev.voiceengine.conversation.amd.AmdSettings;
import dev.voiceengine.conversation.vad.SileroModel;
import dev.voiceengine.testsupport.audio.GreetingSet;
import java.util.Arrays;

/**
 * What the answering-machine detector decides on one clip in this JVM, fed 20 ms frames from the answer on (silence
 * after the clip, past the timeout), twice: on energy alone, as the detector's accuracy test scores it, and gated by
 * the voice activity model's probability of the latest finished window, as a call gates it (the call's windows
 * arrive later still, on the call's loop: that delay is not modelled).
 *
 * @param verdict    the verdict
 * @param reason     which cue decided
 * @param decisionMs when
 * @param beepAtMs   the beep onset found by the end of the feed, -1 for none
 */
record AmdInProcess(AmdDetector.Verdict verdict, String reason, long decisionMs, long beepAtMs) {
  private static final int FRAME = 160;
  private static final int RATE_KHZ = 8;

  /** Energy alone. */
  static AmdInProcess plain(GreetingSet.Clip clip) {
    return run(clip, null);
  }

  /** Energy gated by the voice activity model, like a call. */
  static AmdInProcess gated(GreetingSet.Clip clip, SileroModel model) {
    return run(clip, model);
  }

  String result() {
    return verdict.wire();
  }

  private static AmdInProcess run(GreetingSet.Clip clip, SileroModel model) {
    AmdDetector d = new AmdDetector(AmdSettings.DEFAULTS);
    int total = Math.max(clip.pcm().length, (AmdSettings.DEFAULTS.timeoutMs() + 100) * RATE_KHZ);
    short[] pcm = Arrays.copyOf(clip.pcm(), total);
    short[] frame = new short[FRAME];
    float[] state = new float[SileroModel.STATE];
    float[] window = new float[SileroModel.INPUT];
    int windowEnd = SileroModel.WINDOW;
    for (int at = 0; at + FRAME <= total; at += FRAME) {
      System.arraycopy(pcm, at, frame, 0, FRAME);
      d.accept(frame, 0, FRAME);
      while (model != null && windowEnd <= at + FRAME) { // windows this frame completed, known from the next frame
        for (int i = 0; i < window.length; i++) {
          int s = windowEnd - window.length + i;
          window[i] = s < 0 ? 0f : pcm[s] / 32768f;
        }
        d.voiceActivity(model.runOne(window, state));
        windowEnd += SileroModel.WINDOW;
      }
    }
    long beep = d.beep().beepStart();
    return new AmdInProcess(d.verdict(), d.reason(), d.decisionMs(), beep < 0 ? -1 : beep / RATE_KHZ);
  }
}
