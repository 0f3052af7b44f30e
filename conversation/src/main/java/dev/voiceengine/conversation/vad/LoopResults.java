package dev.voiceengine.conversation.vad;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The results of one batch for the calls of one event loop, delivered by one task on that loop: a task per result
 * would wake the loop once per window (tens of thousands of times a second with many calls).
 */
final class LoopResults implements Runnable {
  private final Executor loop;
  private final QueuedCallVad[] calls;
  private final long[] ends;
  private final float[] probabilities;
  private int size;

  LoopResults(Executor loop, int capacity) {
    this.loop = loop;
    this.calls = new QueuedCallVad[capacity];
    this.ends = new long[capacity];
    this.probabilities = new float[capacity];
  }

  void add(QueuedCallVad call, long endSample, float probability) {
    calls[size] = call;
    ends[size] = endSample;
    probabilities[size] = probability;
    size++;
  }

  /** Inference thread: hands the results to the loop; a loop that is gone closes its calls. */
  void post() {
    try {
      loop.execute(this);
    } catch (RejectedExecutionException e) {
      for (int i = 0; i < size; i++) {
        calls[i].close();
      }
    }
  }

  @Override
  public void run() {
    for (int i = 0; i < size; i++) {
      calls[i].deliver(ends[i], probabilities[i]);
    }
  }
}
