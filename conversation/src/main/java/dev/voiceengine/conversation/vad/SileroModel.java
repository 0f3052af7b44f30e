package dev.voiceengine.conversation.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The Silero VAD v5 network at 8 kHz, loaded once, run over a batch of windows from many calls in one inference: the
 * batch dimension is what makes one model thread serve many calls (one window alone costs about four times as much
 * per window as a batch of 64).
 *
 * <p>A window is {@link #WINDOW} new samples with the previous {@link #CONTEXT} samples in front ({@link #INPUT}
 * floats in [-1, 1)); a call's recurrent state is {@link #STATE} floats (the model's [2, 128] per batch entry), zero at
 * the start of a stream. Tensors wrap direct buffers cached per batch size, so a run allocates nothing but what
 * onnxruntime's result bookkeeping needs. Not thread-safe: one thread runs it.
 */
public final class SileroModel implements AutoCloseable {
  public static final int SAMPLE_RATE = 8000;
  public static final int WINDOW = 256;
  public static final int CONTEXT = 32;
  public static final int INPUT = WINDOW + CONTEXT;
  public static final int STATE = 2 * 128;
  public static final int MAX_BATCH = 256;
  static final String RESOURCE = "/vad/silero_vad_v5.onnx";

  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final OnnxTensor sampleRate;
  private final FloatBuffer input = directFloats(MAX_BATCH * INPUT);
  private final FloatBuffer state = directFloats(MAX_BATCH * STATE);
  private final FloatBuffer output = directFloats(MAX_BATCH);
  private final FloatBuffer stateOut = directFloats(MAX_BATCH * STATE);
  private final Tensors[] byBatch = new Tensors[MAX_BATCH + 1];

  private SileroModel(byte[] model) throws OrtException {
    env = OrtEnvironment.getEnvironment();
    options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    session = env.createSession(model, options);
    sampleRate = OnnxTensor.createTensor(env, (long) SAMPLE_RATE);
  }

  /** Loads the model shipped in this module's resources. */
  public static SileroModel load() {
    try (InputStream in = SileroModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Silero VAD model missing from the class path: " + RESOURCE);
      }
      return new SileroModel(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    } catch (OrtException e) {
      throw new IllegalStateException("onnxruntime cannot load " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * One inference over {@code batch} windows: {@code windows[i]} ({@link #INPUT} floats) with {@code states[i]}
   * ({@link #STATE} floats, replaced by the new state). Writes speech probabilities to {@code probabilities[0..batch)}.
   */
  public void run(float[][] windows, float[][] states, int batch, float[] probabilities) {
    if (batch < 1 || batch > MAX_BATCH) {
      throw new IllegalArgumentException("batch must be 1.." + MAX_BATCH + ", was " + batch);
    }
    int plane = batch * 128;
    for (int i = 0; i < batch; i++) {
      input.put(i * INPUT, windows[i], 0, INPUT);
      state.put(i * 128, states[i], 0, 128);
      state.put(plane + i * 128, states[i], 128, 128);
    }
    Tensors t = tensors(batch);
    try (OrtSession.Result ignored = session.run(t.inputs, t.outputs)) {
      // outputs were written into the pinned direct buffers
    } catch (OrtException e) {
      throw new IllegalStateException("Silero inference failed for a batch of " + batch + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < batch; i++) {
      probabilities[i] = output.get(i);
      stateOut.get(i * 128, states[i], 0, 128);
      stateOut.get(plane + i * 128, states[i], 128, 128);
    }
  }

  /** One window alone: returns its probability and replaces {@code state} with the new state. */
  public float runOne(float[] window, float[] state) {
    float[] p = new float[1];
    run(new float[][] {window}, new float[][] {state}, 1, p);
    return p[0];
  }

  private Tensors tensors(int batch) {
    Tensors t = byBatch[batch];
    if (t == null) {
      try {
        t = new Tensors(batch);
      } catch (OrtException e) {
        throw new IllegalStateException("cannot create tensors for a batch of " + batch + ": " + e.getMessage(), e);
      }
      byBatch[batch] = t;
    }
    return t;
  }

  @Override
  public void close() {
    for (Tensors t : byBatch) {
      if (t != null) {
        t.close();
      }
    }
    sampleRate.close();
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the Silero session: " + e.getMessage(), e);
    } finally {
      options.close();
    }
  }

  private static FloatBuffer directFloats(int count) {
    return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private static FloatBuffer head(FloatBuffer buffer, int count) {
    return buffer.duplicate().position(0).limit(count).slice();
  }

  /** The four tensors of one batch size, wrapping the leading part of the shared direct buffers. */
  private final class Tensors implements AutoCloseable {
    final Map<String, OnnxTensor> inputs = new HashMap<>();
    final Map<String, OnnxTensor> outputs = new HashMap<>();

    Tensors(int batch) throws OrtException {
      inputs.put("input", OnnxTensor.createTensor(env, head(input, batch * INPUT), new long[] {batch, INPUT}));
      inputs.put("state", OnnxTensor.createTensor(env, head(state, batch * STATE), new long[] {2, batch, 128}));
      inputs.put("sr", sampleRate);
      outputs.put("output", OnnxTensor.createTensor(env, head(output, batch), new long[] {batch, 1}));
      outputs.put("stateN", OnnxTensor.createTensor(env, head(stateOut, batch * STATE), new long[] {2, batch, 128}));
    }

    @Override
    public void close() {
      inputs.get("input").close();
      inputs.get("state").close();
      outputs.values().forEach(OnnxTensor::close);
    }
  }
}
