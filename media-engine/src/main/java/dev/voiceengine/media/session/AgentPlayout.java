package dev.voiceengine.media.session;

import java.util.Arrays;

/**
 * What the agent says, one frame at a time, when no conversation runs: a recording played once, then silence.
 * Silence is still sent: carriers and NATs expect a continuous RTP stream. Only used on the call's event loop.
 */
public final class AgentPlayout implements CallAudio {
  private static final short[] NOTHING = new short[0];

  private short[] audio = NOTHING;
  private int position;

  /** Replaces whatever is playing with {@code pcm} (not copied: do not modify it afterwards). */
  public void play(short[] pcm) {
    audio = pcm == null ? NOTHING : pcm;
    position = 0;
  }

  /** Stops playing at once (barge-in). */
  public void stop() {
    audio = NOTHING;
    position = 0;
  }

  public boolean playing() {
    return position < audio.length;
  }

  @Override
  public void callerFrame(short[] frame) {}

  @Override
  public boolean agentFrame(short[] out) {
    return next(out);
  }

  /** Fills {@code out} with the next frame; past the end, silence. Returns whether any audio was in it. */
  public boolean next(short[] out) {
    int n = Math.min(out.length, audio.length - position);
    if (n <= 0) {
      Arrays.fill(out, (short) 0);
      return false;
    }
    System.arraycopy(audio, position, out, 0, n);
    if (n < out.length) {
      Arrays.fill(out, n, out.length, (short) 0);
    }
    position += n;
    return true;
  }
}
