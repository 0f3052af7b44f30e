package dev.voiceengine.conversation.vad;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** Runs batches through {@link SileroModel}, keeping each call's recurrent state on the inference thread. */
final class SileroProcessor implements WindowProcessor {
  private final SileroModel model;
  private final float[][] inputs = new float[SileroModel.MAX_BATCH][SileroModel.INPUT];
  private final float[][] states = new float[SileroModel.MAX_BATCH][];
  private final float[] probabilities = new float[SileroModel.MAX_BATCH];
  private final int[] slots = new int[SileroModel.MAX_BATCH];
  private final AtomicLong inferred = new AtomicLong();

  SileroProcessor(SileroModel model) {
    this.model = model;
  }

  @Override
  public void process(VadWindow[] batch, int count, float[] out) {
    int n = 0;
    for (int i = 0; i < count; i++) {
      VadWindow w = batch[i];
      if (w.kind == VadWindow.GATED) {
        out[i] = 0f;
        continue;
      }
      float[] state = (float[]) w.call.modelState;
      if (state == null) {
        state = new float[SileroModel.STATE];
        w.call.modelState = state;
      } else if (w.resetState) {
        Arrays.fill(state, 0f);
      }
      toFloats(w.samples, inputs[n]);
      states[n] = state;
      slots[n++] = i;
    }
    if (n > 0) {
      model.run(inputs, states, n, probabilities);
      inferred.addAndGet(n);
      for (int j = 0; j < n; j++) {
        out[slots[j]] = probabilities[j];
        states[j] = null;
      }
    }
  }

  /** Windows the model ran on so far (primed ones included). Any thread. */
  long inferredWindows() {
    return inferred.get();
  }

  /** PCM16 to the model's [-1, 1) scale. */
  static void toFloats(short[] pcm, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = pcm[i] / 32768f;
    }
  }

  @Override
  public void release(QueuedCallVad call) {
    call.modelState = null;
  }

  @Override
  public void close() {
    model.close();
  }
}
