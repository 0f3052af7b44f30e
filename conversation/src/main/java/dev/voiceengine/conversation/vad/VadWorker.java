package dev.voiceengine.conversation.vad;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one inference thread of a VAD engine. Calls hand it windows from their event loops; it drains everything pending
 * into one batch (at most one window per call, so a call's next window always sees the state its previous window
 * produced), runs it, and posts the results back to the calls' own executors, one task per executor and batch.
 *
 * <p>Windows come from a fixed pool: when inference falls that far behind, a call's window is dropped and counted
 * instead of queueing without bound.
 */
final class VadWorker {
  private static final Logger log = LoggerFactory.getLogger(VadWorker.class);
  /**
   * A batch waits for more windows until it holds this many (past it, a bigger batch barely lowers the cost per
   * window: about 56 µs at 8, 43 µs at 64, 41 µs at 256)...
   */
  static final int LINGER_WINDOWS = 64;
  /** ...or until its first window has waited this long (a few ms on 32 ms windows; many calls fill it sooner). */
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** About a second of empty polls before blocking. */
  static final int IDLE_POLLS = 1000;

  private final WindowProcessor processor;
  private final int maxBatch;
  private final ArrayBlockingQueue<VadWindow> pool;
  private final ArrayBlockingQueue<VadWindow> queue;
  private final ConcurrentLinkedQueue<QueuedCallVad> closedCalls = new ConcurrentLinkedQueue<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong inferred = new AtomicLong();
  private final AtomicLong cpuNanos = new AtomicLong();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  /** Inference thread only. */
  private int idlePolls;

  VadWorker(String name, WindowProcessor processor, int windowLength, int poolSize, int maxBatch) {
    this.processor = processor;
    this.maxBatch = maxBatch;
    this.pool = new ArrayBlockingQueue<>(poolSize);
    this.queue = new ArrayBlockingQueue<>(poolSize);
    for (int i = 0; i < poolSize; i++) {
      pool.add(new VadWindow(windowLength));
    }
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** A free window, or null (counted as dropped) when inference is too far behind. Any thread. */
  VadWindow acquire() {
    VadWindow w = running ? pool.poll() : null;
    if (w == null) {
      long n = dropped.incrementAndGet();
      if (Long.bitCount(n) == 1) {
        log.warn("VAD inference is behind: {} windows dropped so far", n);
      }
    }
    return w;
  }

  /** Queues a filled window; never blocks (the queue holds every window of the pool). */
  void submit(VadWindow w) {
    queue.add(w);
  }

  /** Returns a window that will not be submitted. */
  void recycle(VadWindow w) {
    w.clear();
    pool.add(w);
  }

  void closed(QueuedCallVad call) {
    closedCalls.add(call);
  }

  long droppedWindows() {
    return dropped.get();
  }

  long batches() {
    return batches.get();
  }

  /** Windows that went through the processor (gated ones included; primed ones too). */
  long processedWindows() {
    return inferred.get();
  }

  /** CPU time the inference thread spent on batches (model runs and posting results). */
  long cpuNanos() {
    return cpuNanos.get();
  }

  boolean onWorkerThread() {
    return Thread.currentThread() == thread;
  }

  /** Stops the thread (waiting for a batch in progress), then frees the processor. */
  void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.error("VAD thread {} did not stop within 10 s; its model is left open", thread.getName());
      return;
    }
    processor.close();
  }

  private void loop() {
    ArrayDeque<VadWindow> pending = new ArrayDeque<>();
    VadWindow[] batch = new VadWindow[maxBatch];
    float[] probabilities = new float[maxBatch];
    int mark = 0;
    while (running) {
      try {
        if (pending.isEmpty()) {
          if (!awaitWindows(pending)) {
            releaseClosed();
            continue;
          }
        } else {
          queue.drainTo(pending); // windows left from the last batch have waited already
        }
        mark++;
        int count = select(pending, batch, mark);
        if (count > 0) {
          long cpuBefore = threadCpuNanos();
          processor.process(batch, count, probabilities);
          batches.incrementAndGet();
          inferred.addAndGet(count);
          Map<Executor, LoopResults> byLoop = new IdentityHashMap<>();
          for (int i = 0; i < count; i++) {
            VadWindow w = batch[i];
            if (w.kind != VadWindow.PRIME) {
              Executor loop = w.call.loop();
              byLoop.computeIfAbsent(loop, l -> new LoopResults(l, count)).add(w.call, w.endSample, probabilities[i]);
            }
            batch[i] = null;
            recycle(w);
          }
          byLoop.values().forEach(LoopResults::post);
          cpuNanos.addAndGet(Math.max(0, threadCpuNanos() - cpuBefore));
        }
        releaseClosed();
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        log.error("VAD batch failed; its windows are lost", e);
        for (int i = 0; i < batch.length && batch[i] != null; i++) {
          recycle(batch[i]);
          batch[i] = null;
        }
      }
    }
    releaseClosed();
  }

  private long threadCpuNanos() {
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  /**
   * Gathers a batch: polls the queue every {@link #POLL_NANOS} (producers never wake this thread: a wake-up per window
   * would cost more than the window's inference) until {@link #LINGER_WINDOWS} are pending or the first has waited
   * {@link #LINGER_NANOS}. After {@link #IDLE_POLLS} empty polls it blocks until a window comes instead.
   *
   * @return whether windows are pending
   */
  private boolean awaitWindows(ArrayDeque<VadWindow> pending) throws InterruptedException {
    queue.drainTo(pending);
    if (pending.isEmpty()) {
      if (++idlePolls < IDLE_POLLS) {
        LockSupport.parkNanos(POLL_NANOS);
        return false;
      }
      VadWindow first = queue.poll(100, TimeUnit.MILLISECONDS);
      if (first == null) {
        return false;
      }
      pending.add(first);
    }
    idlePolls = 0;
    long deadline = System.nanoTime() + LINGER_NANOS;
    while (pending.size() < LINGER_WINDOWS && running) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      LockSupport.parkNanos(Math.min(left, POLL_NANOS));
      queue.drainTo(pending);
    }
    return true;
  }

  /** Moves the first pending window of each call (up to a full batch) into {@code batch}, keeping the rest in order. */
  private int select(ArrayDeque<VadWindow> pending, VadWindow[] batch, int mark) {
    int count = 0;
    for (Iterator<VadWindow> it = pending.iterator(); it.hasNext() && count < maxBatch; ) {
      VadWindow w = it.next();
      QueuedCallVad call = w.call;
      if (call.isClosed()) {
        it.remove();
        recycle(w);
      } else if (call.batchMark != mark) {
        call.batchMark = mark;
        it.remove();
        batch[count++] = w;
      }
    }
    return count;
  }

  private void releaseClosed() {
    QueuedCallVad call;
    while ((call = closedCalls.poll()) != null) {
      try {
        processor.release(call);
      } catch (RuntimeException e) {
        log.warn("cannot release VAD state of call {}", call.callId(), e);
      }
    }
  }
}
