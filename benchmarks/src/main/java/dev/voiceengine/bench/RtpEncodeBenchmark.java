package dev.voiceengine.bench;

import dev.voiceengine.media.codec.G711Codec;
import dev.voiceengine.media.codec.MuLaw;
import dev.voiceengine.media.rtp.RtpPacketizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
 * One outbound packet as a call builds it every 20 ms: allocate a 172-byte I/O buffer, write the next RTP header
 * (sequence number, timestamp, marker), μ-law-encode 160 samples into it, then release it (where the socket write
 * would). {@code allocator}: {@code pooled} is Netty's {@link PooledByteBufAllocator}; {@code adaptive} is
 * {@link ByteBufAllocator#DEFAULT}, what a channel's {@code alloc()} returns and so what the engine really uses
 * (the adaptive allocator in Netty 4.2).
 *
 * <p>{@code packetArrayPayload} is not the engine's path: the same packet with the payload encoded into an array
 * first and copied in with one {@code writeBytes}, to show what encoding byte by byte into the buffer costs. Writing
 * whole parsed packets back ({@code RtpPacketWriter.write}) is no hot path: nothing in the engine sends them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtpEncodeBenchmark {
  private static final int SAMPLES = 160;

  @Param({"pooled", "adaptive"})
  public String allocator;

  private final short[] pcm = new short[SAMPLES];
  private final byte[] payload = new byte[SAMPLES];
  private final RtpPacketizer packetizer = new RtpPacketizer(0, 0x5151, 1, 160);
  private ByteBufAllocator alloc;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(1);
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (Math.sin(i * 0.3) * 12000 + random.nextGaussian() * 800);
    }
    alloc = switch (allocator) {
      case "pooled" -> PooledByteBufAllocator.DEFAULT;
      case "adaptive" -> ByteBufAllocator.DEFAULT;
      default -> throw new IllegalArgumentException("allocator must be pooled or adaptive: " + allocator);
    };
  }

  @Benchmark
  public int packet() {
    ByteBuf buf = alloc.ioBuffer(12 + SAMPLES);
    try {
      packetizer.writeNextHeader(buf, SAMPLES);
      G711Codec.PCMU.encode(pcm, 0, SAMPLES, buf);
      return buf.readableBytes();
    } finally {
      buf.release();
    }
  }

  @Benchmark
  public int packetArrayPayload() {
    ByteBuf buf = alloc.ioBuffer(12 + SAMPLES);
    try {
      packetizer.writeNextHeader(buf, SAMPLES);
      for (int i = 0; i < SAMPLES; i++) {
        payload[i] = MuLaw.encode(pcm[i]);
      }
      buf.writeBytes(payload);
      return buf.readableBytes();
    } finally {
      buf.release();
    }
  }
}
