package dev.voiceengine.bench;

import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketParser;
import dev.voiceengine.media.rtp.RtpPacketWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetSocketAddress;
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

/** Parsing one 172-byte RTP packet (12-byte header + 160 bytes of G.711), as the decoder does per datagram. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtpParseBenchmark {
  private final InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 5000);
  private ByteBuf packet;

  @Setup(Level.Trial)
  public void setUp() {
    packet = PooledByteBufAllocator.DEFAULT.directBuffer(172);
    RtpPacketWriter.writeHeader(packet, false, 0, 4711, 123_456, 0x5151);
    packet.writeZero(160);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    packet.release();
  }

  /** The parser shares the buffer without retaining it, so nothing needs releasing here. */
  @Benchmark
  public RtpPacket parse172() {
    return RtpPacketParser.parse(packet, sender);
  }
}
