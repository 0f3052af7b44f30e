package dev.voiceengine.conversation.vad;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A call's detector in front of an engine's inference thread. On the call's loop it cuts the audio into windows (each
 * with the few samples before it as context), optionally lets an {@link EnergyGate} answer clearly silent windows
 * itself, and queues the rest; results come back through the call's executor in the order of the audio.
 *
 * <p>Fields are split by thread: the accumulator, gate and outstanding count belong to the call's loop;
 * {@link #modelState} and {@link #batchMark} belong to the inference thread (the model's recurrent state stays there,
 * so a window queued before its predecessor's result returned still continues from the right state).
 */
final class QueuedCallVad implements CallVad {
  private final String callId;
  private final Executor loop;
  private final Listener listener;
  private final VadWorker worker;
  private final int window;
  private final int context;
  private final short[] acc;
  private final EnergyGate gate;
  private final short[][] recent;
  private int filled;
  private long fed;
  private int outstanding;
  private int gatedRun;
  private boolean resetNext;
  private volatile boolean closed;

  /** Inference thread only: the model's per-call state (e.g. Silero's recurrent state, a native detector). */
  Object modelState;
  /** Inference thread only: the batch this call last had a window in. */
  int batchMark;

  /**
   * @param gate null for none
   * @param primeWindows how many of the gated windows before an onset are run (results unused) to warm the model
   */
  QueuedCallVad(
      String callId,
      Executor loop,
      Listener listener,
      VadWorker worker,
      int window,
      int context,
      EnergyGate gate,
      int primeWindows) {
    this.callId = Objects.requireNonNull(callId, "callId");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.worker = worker;
    this.window = window;
    this.context = context;
    this.acc = new short[context + window];
    this.gate = gate;
    this.recent = new short[gate == null ? 0 : primeWindows][context + window];
    this.filled = context;
  }

  String callId() {
    return callId;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void accept(short[] pcm, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, pcm.length);
    if (closed) {
      return;
    }
    int end = offset + length;
    while (offset < end) {
      int n = Math.min(end - offset, acc.length - filled);
      System.arraycopy(pcm, offset, acc, filled, n);
      filled += n;
      offset += n;
      fed += n;
      if (filled == acc.length) {
        windowComplete();
        System.arraycopy(acc, window, acc, 0, context);
        filled = context;
      }
    }
  }

  private void windowComplete() {
    if (gate != null && gate.quiet(acc, context, window)) {
      if (recent.length > 0) {
        System.arraycopy(acc, 0, recent[gatedRun % recent.length], 0, acc.length);
      }
      gatedRun++;
      deliverGated();
      return;
    }
    if (gatedRun > 0) {
      primeAfterGatedRun();
    }
    VadWindow w = fill(acc, VadWindow.DELIVER);
    if (w != null) {
      outstanding++;
      worker.submit(w);
    }
  }

  private void deliverGated() {
    long end = fed;
    if (outstanding == 0) {
      outstanding++;
      execute(() -> deliver(end, 0f));
      return;
    }
    VadWindow w = fill(acc, VadWindow.GATED);
    if (w != null) {
      outstanding++;
      worker.submit(w);
    }
  }

  /** The model's state is stale after a gated stretch: restart it on the last few gated windows. */
  private void primeAfterGatedRun() {
    int n = Math.min(gatedRun, recent.length);
    resetNext = true; // the first window that makes it into the queue starts from a fresh state
    for (int i = gatedRun - n; i < gatedRun; i++) {
      VadWindow w = fill(recent[i % recent.length], VadWindow.PRIME);
      if (w != null) {
        worker.submit(w);
      }
    }
    gatedRun = 0;
  }

  private VadWindow fill(short[] samples, byte kind) {
    VadWindow w = worker.acquire();
    if (w == null) {
      resetNext = true;
      return null;
    }
    System.arraycopy(samples, 0, w.samples, 0, samples.length);
    w.call = this;
    w.endSample = fed;
    w.kind = kind;
    w.resetState = resetNext;
    resetNext = false;
    return w;
  }

  /** The call's loop, where its results are delivered. */
  Executor loop() {
    return loop;
  }

  /** On the call's loop: one result, in the order of the audio. */
  void deliver(long endSample, float probability) {
    outstanding--;
    if (!closed) {
      listener.onSpeechProbability(endSample, window, probability);
    }
  }

  private void execute(Runnable r) {
    try {
      loop.execute(r);
    } catch (RejectedExecutionException e) {
      close(); // the call's loop is gone, and so is the call
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      worker.closed(this);
    }
  }
}
