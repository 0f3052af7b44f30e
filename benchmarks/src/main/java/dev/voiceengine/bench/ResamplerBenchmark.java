package dev.voiceengine.bench;

import dev.voiceengine.providers.audio.Resampler;
import java.util.Random;
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

/**
 * The providers' windowed-sinc {@link Resampler} on a stream, one chunk per operation: synthesised speech at 16 kHz
 * or 24 kHz down to the 8 kHz telephone rate, and the caller's 8 kHz audio up to 16 kHz for a wide-band recogniser.
 * Chunks of 20 ms (one frame) and 1 s (a synthesiser's burst). Divide the score by the chunk's length for the cost
 * per second of audio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResamplerBenchmark {
  /** "from-to" in Hz. */
  @Param({"16000-8000", "24000-8000", "8000-16000"})
  public String rates;

  @Param({"20", "1000"})
  public int chunkMillis;

  private Resampler resampler;
  private short[] chunk;

  @Setup(Level.Trial)
  public void setUp() {
    String[] fromTo = rates.split("-");
    int from = Integer.parseInt(fromTo[0]);
    int to = Integer.parseInt(fromTo[1]);
    resampler = new Resampler(from, to);
    chunk = new short[from * chunkMillis / 1000];
    Random random = new Random(1);
    for (int i = 0; i < chunk.length; i++) {
      double t = (double) i / from;
      chunk[i] = (short) (6000 * Math.sin(2 * Math.PI * 220 * t) + 3000 * Math.sin(2 * Math.PI * 1870 * t)
          + 400 * random.nextGaussian());
    }
  }

  @Benchmark
  public short[] chunk() {
    return resampler.process(chunk);
  }
}
