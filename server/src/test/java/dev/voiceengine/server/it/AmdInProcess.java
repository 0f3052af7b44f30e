package dev.voiceengine.server.it;

import dev.voiceengine.conversation.amd.AmdDetector;
import dev.voiceengine.conversation.amd.AmdSettings;
import dev.voiceengine.conversation.vad.SileroModel;
import dev.voiceengine.testsupport.audio.GreetingSet;

/**
 * What the answering-machine detector decides on one clip in this JVM, fed 20 ms frames (silence after the clip, past
 * the timeout), two ways: on energy alone from the clip's first sample, as the detector's accuracy test scores it;
 * and as a call feeds it: {@code leadMs} of digital silence first (the call's clock starts at the answer, and the
 * jitter buffer plays silence until the far end's first packet), gated by the voice activity model's probability of
 * the latest finished window (the call's windows arrive later still, on the call's loop: that delay is not
 * modelled). Times are the detector's, from its first frame.
 *
 * @param verdict    the verdict
 * @param reason     which cue decided
 * @param decisionMs when
 * @param beepAtMs   the beep onset found by the end of the feed, -1 for none
 */
record AmdInProcess(AmdDetector.Verdict verdict, String reason, long decisionMs, long beepAtMs) {
  private static final int FRAME = 160;
  private static final int RATE_KHZ = 8;

  /** Energy alone, from the clip's first sample. */
  static AmdInProcess plain(GreetingSet.Clip clip) {
    return run(clip, null, 0);
  }

  /** After {@code leadMs} of silence, energy gated by the voice activity model: like a call. */
  static AmdInProcess asInACall(GreetingSet.Clip clip, SileroModel model, int leadMs) {
    return run(clip, model, leadMs);
  }

  String result() {
    return verdict.wire();
  }

  private static AmdInProcess run(GreetingSet.Clip clip, SileroModel model, int leadMs) {
    AmdDetector d = new AmdDetector(AmdSettings.DEFAULTS);
    int lead = leadMs * RATE_KHZ;
    int total = lead + Math.max(clip.pcm().length, (AmdSettings.DEFAULTS.timeoutMs() + 100) * RATE_KHZ);
    short[] pcm = new short[total];
    System.arraycopy(clip.pcm(), 0, pcm, lead, clip.pcm().length);
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
