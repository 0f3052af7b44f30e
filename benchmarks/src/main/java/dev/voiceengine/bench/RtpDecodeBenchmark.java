package dev.voiceengine.bench;

import dev.voiceengine.media.codec.G711Codec;
import dev.voiceengine.media.jitter.JitterBuffer;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketDecoder;
import dev.voiceengine.media.rtp.RtpPacketParser;
import dev.voiceengine.media.rtp.RtpPacketWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
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

/**
 * The inbound step from one 172-byte datagram (12-byte header + 160 bytes of PCMU) to 160 PCM samples.
 * {@code parseDecode172}: {@link RtpPacketParser} and the G.711 decode over a buffer already there.
 * {@code decoder172}: as a datagram arrives, through Netty: a fresh 2048-byte I/O buffer (the engine's RTP channels'
 * fixed receive size) filled with the packet, wrapped in a {@link DatagramPacket}, fired into a pipeline of the
 * engine's {@link RtpPacketDecoder} and a last handler that decodes the payload as the call's receiver does and
 * releases the packet. Jitter buffering is in {@link JitterBufferBenchmark}; the whole call in
 * {@link CallMediaBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RtpDecodeBenchmark {
  static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 5000);
  static final InetSocketAddress RECIPIENT = new InetSocketAddress("127.0.0.1", 40000);

  /** One 172-byte PCMU packet, in a buffer and as bytes. */
  @State(Scope.Thread)
  public static class Packet {
    final short[] pcm = new short[JitterBuffer.MAX_PACKET_SAMPLES];
    final byte[] wire = new byte[172];
    ByteBuf buf;

    @Setup(Level.Trial)
    public void setUp() {
      short[] samples = new short[160];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = (short) (Math.sin(i * 0.3) * 12000);
      }
      buf = PooledByteBufAllocator.DEFAULT.directBuffer(172);
      RtpPacketWriter.writeHeader(buf, false, 0, 4711, 123_456, 0x5151);
      G711Codec.PCMU.encode(samples, 0, 160, buf);
      buf.getBytes(0, wire);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      buf.release();
    }
  }

  /** The engine's decoder and a receiver that decodes the payload and releases the packet. */
  @State(Scope.Thread)
  public static class Pipeline {
    EmbeddedChannel channel;
    ChannelPipeline pipeline;
    Receiver receiver;

    @Setup(Level.Trial)
    public void setUp() {
      receiver = new Receiver();
      channel = new EmbeddedChannel(new RtpPacketDecoder(), receiver);
      pipeline = channel.pipeline();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      channel.checkException();
      channel.finishAndReleaseAll();
      if (receiver.samples == 0) {
        throw new IllegalStateException("no packet reached the receiver");
      }
    }
  }

  /** Decodes each packet's payload into PCM, like the call's receiver; the base class releases the packet. */
  static final class Receiver extends SimpleChannelInboundHandler<RtpPacket> {
    private final short[] decoded = new short[JitterBuffer.MAX_PACKET_SAMPLES];
    long samples;

    Receiver() {
      super(RtpPacket.class);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtpPacket p) {
      samples += G711Codec.PCMU.decode(p.content(), p.payloadIndex(), p.payloadLength(), decoded);
    }
  }

  @Benchmark
  public short[] parseDecode172(Packet packet) {
    RtpPacket p = RtpPacketParser.parse(packet.buf, SENDER);
    G711Codec.PCMU.decode(p.content(), p.payloadIndex(), p.payloadLength(), packet.pcm);
    return packet.pcm;
  }

  @Benchmark
  public long decoder172(Packet packet, Pipeline p) {
    ByteBuf datagram = ByteBufAllocator.DEFAULT.ioBuffer(2048);
    datagram.writeBytes(packet.wire);
    p.pipeline.fireChannelRead(new DatagramPacket(datagram, RECIPIENT, SENDER));
    return p.receiver.samples;
  }
}
