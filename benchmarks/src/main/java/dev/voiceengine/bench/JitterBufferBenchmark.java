package dev.voiceengine.bench;

import dev.voiceengine.media.codec.G711Codec;
import dev.voiceengine.media.jitter.JitterBuffer;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketParser;
import dev.voiceengine.media.rtp.RtpPacketWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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

/**
 * The jitter buffer in steady state: push one 20 ms packet, pop one 20 ms frame. {@code receivePath} adds what
 * happens before the push for each datagram (RTP parse and PCMU decode): the per-packet receive cost of a call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JitterBufferBenchmark {
  private final JitterBuffer jitter = new JitterBuffer(8000, 480, 480 + 1600);
  private final short[] samples = new short[160];
  private final short[] frame = new short[160];
  private final short[] decoded = new short[JitterBuffer.MAX_PACKET_SAMPLES];
  private ByteBuf packet;
  private int seq;
  private int timestamp;
  private long arrival;

  @Setup(Level.Trial)
  public void setUp() {
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (Math.sin(i * 0.3) * 12000);
    }
    packet = PooledByteBufAllocator.DEFAULT.directBuffer(172);
    RtpPacketWriter.writeHeader(packet, false, 0, 0, 0, 0x5151);
    G711Codec.PCMU.encode(samples, 0, 160, packet);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    packet.release();
  }

  @Benchmark
  public short[] pushPop20ms() {
    jitter.push(0x5151, seq & 0xFFFF, timestamp, arrival, samples, 160);
    advance();
    jitter.pop(frame);
    return frame;
  }

  @Benchmark
  public short[] receivePath() {
    packet.setShort(2, seq);
    packet.setInt(4, timestamp);
    RtpPacket p = RtpPacketParser.parse(packet, null);
    int n = G711Codec.PCMU.decode(p.content(), p.payloadIndex(), p.payloadLength(), decoded);
    jitter.push(p.ssrc(), p.sequenceNumber(), p.timestamp(), arrival, decoded, n);
    advance();
    jitter.pop(frame);
    return frame;
  }

  private void advance() {
    seq++;
    timestamp += 160;
    arrival += 20_000_000L;
  }
}
