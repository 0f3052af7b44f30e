package dev.voiceengine.providers;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded thread pools providers do their blocking work on (decoding, synthesis), never gRPC's transport
 * threads: a fixed number of workers, a bounded wait queue (a full one rejects, which providers answer with
 * RESOURCE_EXHAUSTED), daemon threads that go away when idle.
 */
public final class Workers {
  private Workers() {}

  public static ThreadPoolExecutor bounded(String namePrefix, int workers, int waiting) {
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(Math.max(1, waiting)), r -> {
          Thread t = new Thread(r, namePrefix + "-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Interrupts the work in progress and waits a bounded time for it to stop. */
  public static void stop(ExecutorService executor) {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
