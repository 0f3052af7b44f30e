package dev.voiceengine.bench;

import dev.voiceengine.conversation.vad.CallVad;
import dev.voiceengine.conversation.vad.SileroModel;
import dev.voiceengine.conversation.vad.SileroVadEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole engine on the speech test set (~14 s; 4 utterances, about 60 % silence), 32 calls at once: plain Silero
 * against Silero behind the energy gate. The score is the time to get every result for all 32 calls; divide by
 * 32 x the signal's seconds for the cost per call-second. The engine's thread CPU time is printed at tear-down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GatedVadBenchmark {
  static final int CALLS = 32;

  @Param({"false", "true"})
  public boolean gated;

  private short[] speech;
  private SileroVadEngine engine;
  private ExecutorService loop;
  private long invocations;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    speech = VadSpeech.make();
    engine = SileroVadEngine.create(gated, 32768, SileroModel.MAX_BATCH);
    loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-call-loop"));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("vad-silero")) {
        cpu += threads.getThreadCpuTime(t.getId());
      }
    }
    double callSeconds = invocations * CALLS * (speech.length / 8000.0);
    System.out.printf(
        "%n[vad] gated=%s inference-thread CPU %.3f ms per call-second; %d of %d windows inferred%n",
        gated, cpu / 1e6 / callSeconds, engine.inferredWindows(), invocations * CALLS * (speech.length / 256));
    engine.close();
    loop.shutdown();
    loop.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public void allCalls() throws InterruptedException {
    invocations++;
    int windows = speech.length / SileroModel.WINDOW;
    CountDownLatch done = new CountDownLatch(CALLS);
    CallVad[] vads = new CallVad[CALLS];
    for (int c = 0; c < CALLS; c++) {
      int[] seen = new int[1];
      vads[c] = engine.open("call-" + c, loop, (end, n, p) -> {
        if (++seen[0] == windows) {
          done.countDown();
        }
      });
    }
    for (int off = 0; off < speech.length; off += 160) {
      int from = off;
      loop.execute(() -> {
        for (CallVad vad : vads) {
          vad.accept(speech, from, Math.min(160, speech.length - from));
        }
      });
    }
    if (!done.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("results missing; dropped " + engine.droppedWindows());
    }
    loop.execute(() -> {
      for (CallVad vad : vads) {
        vad.close();
      }
    });
  }
}
