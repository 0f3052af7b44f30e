package dev.voiceengine.conversation.vad;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Feeds a whole signal to one call of an engine on a call loop of its own and collects what comes back. */
final class VadResults implements CallVad.Listener {
  record Result(long endSample, int samples, float probability, Thread thread) {
    long startSample() {
      return endSample - samples;
    }
  }

  final List<Result> results = new ArrayList<>();

  @Override
  public void onSpeechProbability(long endSample, int samples, float probability) {
    results.add(new Result(endSample, samples, probability, Thread.currentThread()));
  }

  /** Runs the signal through a fresh call in 20 ms frames and waits until every full window has its result. */
  static List<Result> run(VadEngine engine, short[] pcm, int window) throws InterruptedException {
    ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-call-loop"));
    try {
      VadResults listener = new VadResults();
      int expected = pcm.length / window;
      CountDownLatch done = new CountDownLatch(1);
      CallVad vad =
          engine.open(
              "call",
              loop,
              (end, samples, p) -> {
                listener.onSpeechProbability(end, samples, p);
                if (listener.results.size() == expected) {
                  done.countDown();
                }
              });
      for (int off = 0; off < pcm.length; off += 160) {
        int from = off;
        loop.execute(() -> vad.accept(pcm, from, Math.min(160, pcm.length - from)));
      }
      if (!done.await(120, TimeUnit.SECONDS)) {
        throw new AssertionError("only " + listener.results.size() + " of " + expected + " results arrived");
      }
      loop.execute(vad::close);
      return List.copyOf(listener.results);
    } finally {
      loop.shutdown();
      loop.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** Windows judged speech (probability at least 0.5), as sample ranges. */
  static List<long[]> speechWindows(List<Result> results) {
    List<long[]> out = new ArrayList<>();
    for (Result r : results) {
      if (r.probability() >= 0.5f) {
        out.add(new long[] {r.startSample(), r.endSample()});
      }
    }
    return out;
  }
}
