package dev.voiceengine.bench;

import dev.voiceengine.conversation.vad.EnergyGate;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The energy gate's decision for one 32 ms window (256 samples), as each call's loop makes it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnergyGateBenchmark {
  private final EnergyGate gate = new EnergyGate();
  private final short[] window = new short[256];

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(1);
    for (int i = 0; i < window.length; i++) {
      window[i] = (short) Math.round(random.nextGaussian() * 100);
    }
  }

  @Benchmark
  public boolean window() {
    return gate.quiet(window, 0, window.length);
  }
}
