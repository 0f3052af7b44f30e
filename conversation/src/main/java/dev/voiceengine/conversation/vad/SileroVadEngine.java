package dev.voiceengine.conversation.vad;

import java.util.concurrent.Executor;

/**
 * Silero VAD for every call of the engine on one inference thread: windows of 32 ms (256 samples at 8 kHz) from all
 * calls are batched into one model run, so the cost per call falls as calls are added. Optionally gated: an
 * {@link EnergyGate} per call answers clearly silent windows with probability 0 without inference, and the model
 * restarts from a fresh state on the last gated windows before an onset (its recurrent state would otherwise carry a
 * stale past across the gap).
 */
public final class SileroVadEngine implements VadEngine {
  /** Windows that may wait for inference across all calls (about 8 s of audio for 64 calls). */
  public static final int DEFAULT_POOL = 4096;
  /** Gated windows run (results unused) before an onset to warm a fresh state. */
  public static final int PRIME_WINDOWS = 2;

  private final boolean gated;
  private final SileroProcessor processor;
  private final VadWorker worker;

  private SileroVadEngine(boolean gated, int poolSize, int maxBatch) {
    if (maxBatch < 1 || maxBatch > SileroModel.MAX_BATCH) {
      throw new IllegalArgumentException("maxBatch must be 1.." + SileroModel.MAX_BATCH + ", was " + maxBatch);
    }
    this.gated = gated;
    this.processor = new SileroProcessor(SileroModel.load());
    this.worker =
        new VadWorker(
            gated ? "vad-silero-gated" : "vad-silero",
            processor,
            SileroModel.INPUT,
            poolSize,
            maxBatch);
  }

  /** Every window goes to the model. */
  public static SileroVadEngine plain() {
    return new SileroVadEngine(false, DEFAULT_POOL, SileroModel.MAX_BATCH);
  }

  /** Clearly silent windows are answered by the energy gate. */
  public static SileroVadEngine gated() {
    return new SileroVadEngine(true, DEFAULT_POOL, SileroModel.MAX_BATCH);
  }

  /**
   * A chosen size: {@code poolSize} windows may wait for inference across all calls before windows are dropped;
   * {@code maxBatch} (1..256) windows at most go into one model run.
   */
  public static SileroVadEngine create(boolean gated, int poolSize, int maxBatch) {
    return new SileroVadEngine(gated, poolSize, maxBatch);
  }

  @Override
  public CallVad open(String callId, Executor loop, CallVad.Listener listener) {
    return new QueuedCallVad(
        callId,
        loop,
        listener,
        worker,
        SileroModel.WINDOW,
        SileroModel.CONTEXT,
        gated ? new EnergyGate() : null,
        PRIME_WINDOWS);
  }

  @Override
  public String name() {
    return gated ? VadEngines.SILERO_GATED : VadEngines.SILERO;
  }

  /** Windows dropped because inference was too far behind (each call's next window then starts a fresh state). */
  public long droppedWindows() {
    return worker.droppedWindows();
  }

  /** Windows the model ran on (primed ones included; gated ones are not). */
  public long inferredWindows() {
    return processor.inferredWindows();
  }

  /** Batches taken by the inference thread so far. */
  public long batches() {
    return worker.batches();
  }

  @Override
  public VadStats stats() {
    return new VadStats(worker.processedWindows(), processor.inferredWindows(), worker.droppedWindows(),
        worker.batches(), worker.cpuNanos());
  }

  @Override
  public void close() {
    worker.stop();
  }
}
