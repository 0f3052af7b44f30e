package dev.voiceengine.conversation.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Delivery, ordering, closing, concurrency and overload of the batched Silero engine. */
class SileroVadEngineTest {
  static VadTestSet speech;
  static float[] reference;
  private final List<ExecutorService> loops = new ArrayList<>();

  @BeforeAll
  static void makeReference() throws Exception {
    speech = VadTestSet.speech();
    try (SileroModel model = SileroModel.load()) {
      int windows = speech.pcm.length / SileroModel.WINDOW;
      reference = new float[windows];
      float[] state = new float[SileroModel.STATE];
      for (int k = 0; k < windows; k++) {
        reference[k] = model.runOne(SileroModelTest.window(speech.pcm, 0, k), state);
      }
    }
  }

  @AfterEach
  void stopLoops() throws InterruptedException {
    for (ExecutorService loop : loops) {
      loop.shutdownNow();
      loop.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private ExecutorService loop(String name) {
    ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
    loops.add(loop);
    return loop;
  }

  @Test
  void resultsArriveOnTheCallLoopInOrderAndMatchTheModelAlone() throws Exception {
    try (SileroVadEngine engine = SileroVadEngine.plain()) {
      List<VadResults.Result> results = VadResults.run(engine, speech.pcm, SileroModel.WINDOW);
      assertThat(results).hasSize(reference.length);
      for (int k = 0; k < results.size(); k++) {
        VadResults.Result r = results.get(k);
        assertThat(r.thread().getName()).isEqualTo("test-call-loop");
        assertThat(r.endSample()).isEqualTo((long) (k + 1) * SileroModel.WINDOW);
        assertThat(r.samples()).isEqualTo(SileroModel.WINDOW);
        assertThat(r.probability()).as("window %d", k).isCloseTo(reference[k], within(1e-4f));
      }
    }
  }

  @Test
  void fiftyCallsFedAtOnceFromFourLoopsEachGetTheirOwnResultsInOrder() throws Exception {
    int calls = 50;
    int windows = 120;
    int samples = windows * SileroModel.WINDOW;
    ExecutorService[] callLoops = new ExecutorService[4];
    for (int i = 0; i < callLoops.length; i++) {
      callLoops[i] = loop("call-loop-" + i);
    }
    try (SileroVadEngine engine = SileroVadEngine.plain()) {
      List<List<VadResults.Result>> got = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(calls);
      List<CallVad> vads = new ArrayList<>();
      for (int c = 0; c < calls; c++) {
        List<VadResults.Result> mine = new ArrayList<>();
        got.add(mine);
        vads.add(
            engine.open(
                "call-" + c,
                callLoops[c % callLoops.length],
                (end, n, p) -> {
                  mine.add(new VadResults.Result(end, n, p, Thread.currentThread()));
                  if (mine.size() == windows) {
                    done.countDown();
                  }
                }));
      }
      // interleave the calls frame by frame, as real traffic arrives; odd calls are fed 2.5 frames at a time;
      // about a second of every call is queued at once (many windows per call wait for their predecessors), then
      // the feeder waits for the backlog to shrink, as real time would, so the pool never runs out
      for (int off = 0; off < samples; off += 400) {
        if (off % 8000 == 0) {
          long fedWindows = (long) calls * (off / SileroModel.WINDOW);
          waitUntil(() -> engine.inferredWindows() >= fedWindows - 1000);
        }
        for (int c = 0; c < calls; c++) {
          int from = off;
          CallVad vad = vads.get(c);
          int step = c % 2 == 0 ? 160 : 400;
          callLoops[c % callLoops.length].execute(
              () -> {
                int to = Math.min(from + 400, samples);
                for (int o = from; o < to; o += step) {
                  vad.accept(speech.pcm, o, Math.min(step, to - o));
                }
              });
        }
      }
      assertThat(done.await(120, TimeUnit.SECONDS)).as("all calls complete").isTrue();
      for (int c = 0; c < calls; c++) {
        List<VadResults.Result> mine = got.get(c);
        for (int k = 0; k < windows; k++) {
          VadResults.Result r = mine.get(k);
          assertThat(r.thread().getName()).isEqualTo("call-loop-" + c % callLoops.length);
          assertThat(r.endSample()).as("call %d result %d", c, k).isEqualTo((long) (k + 1) * SileroModel.WINDOW);
          assertThat(r.probability()).as("call %d window %d", c, k).isCloseTo(reference[k], within(1e-4f));
        }
      }
      assertThat(engine.droppedWindows()).isZero();
      assertThat(engine.inferredWindows()).isEqualTo((long) calls * windows);
      assertThat(engine.batches()).as("windows of different calls shared runs").isLessThan((long) calls * windows);
      VadStats stats = engine.stats();
      assertThat(stats.windows()).isEqualTo((long) calls * windows);
      assertThat(stats.inferred()).isEqualTo(engine.inferredWindows());
      assertThat(stats.batches()).isEqualTo(engine.batches());
      assertThat(stats.cpuNanos()).as("the inference thread's CPU is measured").isPositive();
    }
  }

  @Test
  void closeStopsDeliveryAndOtherCallsCarryOn() throws Exception {
    ExecutorService loop = loop("call-loop");
    try (SileroVadEngine engine = SileroVadEngine.plain()) {
      AtomicBoolean closed = new AtomicBoolean();
      AtomicBoolean afterClose = new AtomicBoolean();
      CountDownLatch first = new CountDownLatch(1);
      CallVad a =
          engine.open(
              "a",
              loop,
              (end, n, p) -> {
                if (closed.get()) {
                  afterClose.set(true);
                }
                first.countDown();
              });
      // a's whole signal is queued at once, so most of its windows are still waiting when it closes
      loop.execute(() -> a.accept(speech.pcm, 0, speech.pcm.length));
      assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
      loop.execute(
          () -> {
            a.close();
            closed.set(true);
            a.accept(speech.pcm, 0, 2560); // ignored after close
          });
      // a second call's results come after everything a had queued: a barrier for a's leftovers
      CountDownLatch bDone = new CountDownLatch(10);
      CallVad b = engine.open("b", loop, (end, n, p) -> bDone.countDown());
      loop.execute(() -> b.accept(speech.pcm, 0, 10 * SileroModel.WINDOW));
      assertThat(bDone.await(60, TimeUnit.SECONDS)).isTrue();
      loop.submit(() -> null).get(10, TimeUnit.SECONDS);
      assertThat(closed).isTrue();
      assertThat(afterClose).as("a result delivered after close()").isFalse();
      assertThat(engine.inferredWindows())
          .as("a's queued windows were dropped, not run")
          .isLessThan(reference.length + 10L);
    }
  }

  @Test
  void aFullQueueDropsAndCountsWindowsInsteadOfGrowing() throws Exception {
    ExecutorService loop = loop("call-loop");
    try (SileroVadEngine engine = SileroVadEngine.create(false, 4, 256)) {
      List<Long> ends = new ArrayList<>();
      CallVad vad = engine.open("flood", loop, (end, n, p) -> ends.add(end));
      int windows = 200;
      loop.execute(() -> vad.accept(speech.pcm, 0, windows * SileroModel.WINDOW));
      // the last window is fed when the queue has drained, so its result marks the end
      long lastEnd = windows * SileroModel.WINDOW + SileroModel.WINDOW;
      waitUntil(() -> engine.inferredWindows() + engine.droppedWindows() >= windows);
      loop.submit(() -> vad.accept(speech.pcm, 0, SileroModel.WINDOW)).get(10, TimeUnit.SECONDS);
      waitUntil(() -> loop.submit(() -> !ends.isEmpty() && ends.get(ends.size() - 1) == lastEnd).get());
      List<Long> seen = loop.submit(() -> List.copyOf(ends)).get();
      assertThat(engine.droppedWindows()).isPositive();
      assertThat(seen.size() + engine.droppedWindows()).isEqualTo(windows + 1L);
      assertThat(seen).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void gatedEngineSkipsSilenceButNotSpeech() throws Exception {
    try (SileroVadEngine engine = SileroVadEngine.gated()) {
      List<VadResults.Result> results = VadResults.run(engine, speech.pcm, SileroModel.WINDOW);
      assertThat(results).hasSize(reference.length);
      assertThat(engine.inferredWindows()).as("silence between utterances was not run").isLessThan(reference.length * 3L / 4);
      for (VadTestSet.Segment s : speech.speech) {
        int k = s.start() / SileroModel.WINDOW + 2;
        assertThat(results.get(k).probability()).as("speech window after the onset at %d ms", s.start() / 8).isPositive();
      }
    }
    try (SileroVadEngine engine = SileroVadEngine.gated()) {
      VadResults.run(engine, VadTestSet.silence(5).pcm, SileroModel.WINDOW);
      assertThat(engine.inferredWindows()).as("only the hangover is run in digital silence").isEqualTo(EnergyGate.HANGOVER);
    }
  }

  @Test
  void enginesAreChosenByName() {
    for (String name : VadEngines.NAMES) {
      try (VadEngine engine = VadEngines.create(name)) {
        assertThat(engine.name()).isEqualTo(name);
      }
    }
    try (VadEngine engine = VadEngines.create(null)) {
      assertThat(engine.name()).isEqualTo(VadEngines.SILERO);
    }
    assertThatThrownBy(() -> VadEngines.create("rnnoise"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown VAD engine 'rnnoise'")
        .hasMessageContaining("silero+gate");
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitUntil(Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 60 s");
      }
      Thread.sleep(5);
    }
  }
}
