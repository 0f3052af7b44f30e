package dev.voiceengine.bench;

import dev.voiceengine.media.codec.G711Codec;
import dev.voiceengine.media.jitter.JitterStats;
import dev.voiceengine.media.metrics.MediaMetrics;
import dev.voiceengine.media.rtp.RtpPacketWriter;
import dev.voiceengine.media.session.CallMedia;
import dev.voiceengine.media.session.RemoteMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
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
 * Twenty milliseconds of one call's media, on the engine's own classes: one PCMU datagram from the caller through
 * the call's receive pipeline ({@code RtpPacketDecoder} → symmetric-RTP latch → receiver → jitter buffer), then one
 * tick of {@link CallMedia#onFrame()}: pop the caller's frame, take the agent's (silence), encode and send it,
 * record the send interval in the engine's {@link MediaMetrics}, check the no-media watchdog. The channel is an
 * {@link EmbeddedChannel}, so the kernel's UDP receive and send are not in the score (the sent datagram is taken off
 * the channel and released); neither are the pacer (see {@link PacingBenchmark}), recording
 * ({@link WavWriterBenchmark}) or a conversation. Time is a hand-driven clock, 20 ms per operation, so the jitter
 * buffer sees a steady stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallMediaBenchmark {
  private final InetSocketAddress caller = new InetSocketAddress("127.0.0.1", 5000);
  private final InetSocketAddress local = new InetSocketAddress("127.0.0.1", 40000);
  private final byte[] wire = new byte[172];
  private CallMedia media;
  private EmbeddedChannel channel;
  private ChannelPipeline pipeline;
  private long now;
  private int sequence;
  private int timestamp;
  private long sent;

  @Setup(Level.Trial)
  public void setUp() {
    media = new CallMedia("bench", 60, 0, () -> { }, () -> now, new MediaMetrics());
    channel = new EmbeddedChannel();
    media.initChannel(channel);
    pipeline = channel.pipeline();
    media.updateRemote(new RemoteMedia(caller, 0, "PCMU", 101, true, true));
    short[] samples = new short[160];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (Math.sin(i * 0.3) * 12000);
    }
    ByteBuf template = ByteBufAllocator.DEFAULT.heapBuffer(172);
    RtpPacketWriter.writeHeader(template, false, 0, 0, 0, 0x5151);
    G711Codec.PCMU.encode(samples, 0, 160, template);
    template.getBytes(0, wire);
    template.release();
  }

  /** Fails the run unless every packet was received, buffered in time and played, and every tick sent one. */
  @TearDown(Level.Trial)
  public void tearDown() {
    channel.checkException();
    long received = media.stats().getPacketsIn();
    JitterStats jitter = media.jitterStats();
    media.stop();
    channel.finishAndReleaseAll();
    if (sent == 0 || sent != received || jitter.received() != received || jitter.late() + jitter.lost() > 0
        || jitter.concealedSamples() > 480) {
      throw new IllegalStateException("the call did not run steadily: " + sent + " sent, " + received
          + " received, " + jitter);
    }
  }

  @Benchmark
  public long frame20ms() {
    wire[2] = (byte) (sequence >> 8);
    wire[3] = (byte) sequence;
    wire[4] = (byte) (timestamp >> 24);
    wire[5] = (byte) (timestamp >> 16);
    wire[6] = (byte) (timestamp >> 8);
    wire[7] = (byte) timestamp;
    sequence = (sequence + 1) & 0xFFFF;
    timestamp += 160;
    now += 20_000_000L;
    ByteBuf datagram = ByteBufAllocator.DEFAULT.ioBuffer(2048);
    datagram.writeBytes(wire);
    pipeline.fireChannelRead(new DatagramPacket(datagram, local, caller));
    media.onFrame();
    Object out;
    while ((out = channel.readOutbound()) != null) {
      ReferenceCountUtil.release(out);
      sent++;
    }
    return sent;
  }
}
