package dev.voiceengine.bench;

import dev.voiceengine.media.codec.G711Codec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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
import org.openjdk.jmh.annotations.TearDown;

/** G.711 encode and decode of one 20 ms frame (160 samples), as the pacer and the receiver do it per packet. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class G711Benchmark {
  private final short[] pcm = new short[160];
  private final short[] decoded = new short[160];
  private ByteBuf out;
  private ByteBuf ulaw;
  private ByteBuf alaw;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(1);
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (Math.sin(i * 0.3) * 12000 + random.nextGaussian() * 800);
    }
    out = PooledByteBufAllocator.DEFAULT.directBuffer(160);
    ulaw = PooledByteBufAllocator.DEFAULT.directBuffer(160);
    alaw = PooledByteBufAllocator.DEFAULT.directBuffer(160);
    G711Codec.PCMU.encode(pcm, 0, 160, ulaw);
    G711Codec.PCMA.encode(pcm, 0, 160, alaw);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    out.release();
    ulaw.release();
    alaw.release();
  }

  @Benchmark
  public ByteBuf muLawEncode() {
    out.clear();
    G711Codec.PCMU.encode(pcm, 0, 160, out);
    return out;
  }

  @Benchmark
  public ByteBuf aLawEncode() {
    out.clear();
    G711Codec.PCMA.encode(pcm, 0, 160, out);
    return out;
  }

  @Benchmark
  public short[] muLawDecode() {
    G711Codec.PCMU.decode(ulaw, 0, 160, decoded);
    return decoded;
  }

  @Benchmark
  public short[] aLawDecode() {
    G711Codec.PCMA.decode(alaw, 0, 160, decoded);
    return decoded;
  }
}
