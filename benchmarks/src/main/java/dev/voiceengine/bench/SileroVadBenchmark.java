package dev.voiceengine.bench;

import dev.voiceengine.conversation.vad.SileroModel;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Silero VAD inference per 32 ms window (256 samples + 32 of context at 8 kHz): one window alone, and batches of 8,
 * 64 and 256 windows of different calls in one run. Scores are per window.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SileroVadBenchmark {
  private SileroModel model;
  private final float[][] windows = new float[SileroModel.MAX_BATCH][SileroModel.INPUT];
  private final float[][] states = new float[SileroModel.MAX_BATCH][SileroModel.STATE];
  private final float[] probabilities = new float[SileroModel.MAX_BATCH];

  @Setup(Level.Trial)
  public void setUp() {
    model = SileroModel.load();
    Random random = new Random(1);
    for (float[] w : windows) {
      double f = 100 + random.nextInt(300);
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / 8000) + 0.02 * random.nextGaussian());
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    model.close();
  }

  private float[] run(int batch) {
    model.run(windows, states, batch, probabilities);
    return probabilities;
  }

  @Benchmark
  public float[] windowAlone() {
    return run(1);
  }

  @Benchmark
  @OperationsPerInvocation(8)
  public float[] batchOf8() {
    return run(8);
  }

  @Benchmark
  @OperationsPerInvocation(64)
  public float[] batchOf64() {
    return run(64);
  }

  @Benchmark
  @OperationsPerInvocation(256)
  public float[] batchOf256() {
    return run(256);
  }
}
