package dev.voiceengine.bench;

import dev.voiceengine.media.record.CallRecorder;
import dev.voiceengine.media.record.PcmOutput;
import dev.voiceengine.media.record.RecordingBudget;
import dev.voiceengine.media.record.RecordingContext;
import dev.voiceengine.media.record.RecordingResult;
import dev.voiceengine.media.record.WavFormat;
import dev.voiceengine.media.record.WavWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Recording a call, in the engine's units. {@code append20ms}: what the call's event loop pays per 20 ms frame,
 * {@link CallRecorder#append} interleaving caller and agent into the stereo chunk and, every 25th frame, handing the
 * 0.5 s chunk to the recorder pool (chunk allocation, budget, serial executor, pool wake-up). Its output discards
 * the bytes: the loop produces audio far faster than real time here, and a real file would fall behind and turn
 * the run into one of the drop path. Even so, a busy machine may starve the pool thread: the tear-down prints the
 * share of chunks dropped (each skips the hand-over) and fails above 10 %. {@code writeChunk}: what the
 * recorder pool pays per 0.5 s chunk (16,000 bytes), {@link WavWriter} appending it to a file in a temporary
 * directory and patching the header, with the file's creation and closing spread over a one-minute call (120
 * chunks per file); bytes per second = 16,000 / score. No fsync (the engine does not force the file either), so
 * this is the page cache's speed, not the disk's.
 */
@BenchmarkMode(Mode.AverageTime)
public class WavWriterBenchmark {
  static final int FRAME_SAMPLES = 160;
  static final int FRAMES_PER_CHUNK = 25;
  static final int CHUNKS_PER_CALL = 120;

  /** One call's recorder, as the media engine sets it up, with an output that only counts. */
  @State(Scope.Thread)
  public static class Recorder {
    final short[] caller = new short[FRAME_SAMPLES];
    final short[] agent = new short[FRAME_SAMPLES];
    ExecutorService pool;
    CallRecorder recorder;

    @Setup(Level.Trial)
    public void setUp() {
      Random random = new Random(1);
      for (int i = 0; i < FRAME_SAMPLES; i++) {
        caller[i] = (short) (Math.sin(i * 0.3) * 12000 + random.nextGaussian() * 800);
        agent[i] = (short) (Math.sin(i * 0.1) * 9000);
      }
      pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-recorder");
        t.setDaemon(true);
        return t;
      });
      RecordingContext context = new RecordingContext(pool, new RecordingBudget(64L << 20), file -> new Discard(),
          FRAME_SAMPLES, FRAMES_PER_CHUNK, Duration.ofSeconds(30));
      recorder = new CallRecorder(Path.of("discarded.wav"), "discarded.wav", context);
    }

    /** Reports the chunks the pool did not take in time; fails when so many that the score is the drop path's. */
    @TearDown(Level.Trial)
    public void tearDown() {
      RecordingResult result = recorder.finish().join();
      pool.shutdownNow();
      double chunks = result.seconds() * 1000 / (FRAMES_PER_CHUNK * 20);
      double dropped = recorder.droppedChunks() / chunks;
      System.out.printf("%n[recorder] %.0f chunks handed over, %.2f %% dropped (pool thread behind)%n",
          chunks, dropped * 100);
      if (chunks == 0 || dropped > 0.1) {
        throw new IllegalStateException("the recorder wrote nothing or fell behind: " + result);
      }
    }
  }

  /** Counts and drops what it is given. */
  static final class Discard implements PcmOutput {
    private long bytes;

    @Override
    public boolean append(ByteBuffer pcm) {
      bytes += pcm.remaining();
      pcm.position(pcm.limit());
      return true;
    }

    @Override
    public boolean appendSilence(long silence) {
      bytes += silence;
      return true;
    }

    @Override
    public long dataBytes() {
      return bytes;
    }

    @Override
    public void close() {}
  }

  /** A temporary directory for the files, and one 0.5 s stereo chunk. */
  @State(Scope.Thread)
  public static class Disk {
    final ByteBuffer chunk = ByteBuffer.wrap(new byte[FRAME_SAMPLES * FRAMES_PER_CHUNK * 4]);
    Path dir;
    Path file;
    int calls;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("wav-bench");
      new Random(1).nextBytes(chunk.array());
    }

    @TearDown(Level.Invocation)
    public void deleteCall() throws IOException {
      Files.deleteIfExists(file);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
      if (calls == 0) {
        throw new IllegalStateException("no file was written");
      }
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public void append20ms(Recorder r) {
    r.recorder.append(r.caller, r.agent);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS_PER_CALL)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long writeChunk(Disk d) throws IOException {
    d.file = d.dir.resolve("call-" + d.calls++ + ".wav");
    WavWriter writer = WavWriter.create(d.file, WavFormat.CALL_STEREO);
    try {
      for (int i = 0; i < CHUNKS_PER_CALL; i++) {
        d.chunk.clear();
        writer.append(d.chunk);
      }
    } finally {
      writer.close();
    }
    return writer.dataBytes();
  }
}
