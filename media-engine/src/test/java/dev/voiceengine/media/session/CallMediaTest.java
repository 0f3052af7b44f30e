package dev.voiceengine.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.codec.MuLaw;
import dev.voiceengine.media.metrics.LatencyHistogram;
import dev.voiceengine.media.metrics.MediaMetrics;
import dev.voiceengine.media.record.RecordingResult;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketParser;
import dev.voiceengine.media.rtp.RtpPacketWriter;
import dev.voiceengine.media.rtp.SymmetricRtpLatch;
import dev.voiceengine.proto.control.v1.MediaStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One call's media pipeline on an EmbeddedChannel with frozen time: packets in, ticks driven by hand, packets out.
 * The harness the rest of the per-call pipeline grows on.
 */
class CallMediaTest {
  private static final long MS = 1_000_000;
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 20000);
  private static final InetSocketAddress SDP_ADDRESS = new InetSocketAddress("127.0.0.1", 5000);
  private static final InetSocketAddress REAL_SOURCE = new InetSocketAddress("127.0.0.1", 6000);
  private static final InetSocketAddress STRANGER = new InetSocketAddress("127.0.0.1", 7000);

  private final EmbeddedChannel ch = new EmbeddedChannel();
  private final AtomicInteger noMedia = new AtomicInteger();
  private final List<ByteBuf> inbound = new ArrayList<>();
  private final MediaMetrics metrics = new MediaMetrics();
  private long now = 5_000 * MS;
  private CallMedia media;

  @BeforeEach
  void setUp() {
    ch.freezeTime();
    media = new CallMedia("call-1", 60, 200 * MS, noMedia::incrementAndGet, () -> now, metrics);
    media.initChannel(ch);
    media.updateRemote(new RemoteMedia(SDP_ADDRESS, 0, "PCMU", 101, true, true));
  }

  @AfterEach
  void tearDown() {
    ch.finishAndReleaseAll();
    for (ByteBuf buf : inbound) {
      assertThat(buf.refCnt()).as("inbound datagram released").isZero();
    }
  }

  @Test
  void pacesGreetingThenSilenceToTheLatchedAddress() {
    receiveAudio(REAL_SOURCE, 0, SymmetricRtpLatch.LEARN_PACKETS); // a NAT'd caller, learnt from its packets
    short[] greeting = new short[400];
    java.util.Arrays.fill(greeting, (short) 8000);
    media.start(greeting, null);
    advance(20 * 9);

    List<RtpPacket> out = sent();
    assertThat(out).hasSize(10);
    for (int i = 0; i < out.size(); i++) {
      RtpPacket p = out.get(i);
      assertThat(p.sender()).as("sent to the latched source, not the SDP address").isEqualTo(REAL_SOURCE);
      assertThat(p.payloadType()).isZero();
      assertThat(p.marker()).isEqualTo(i == 0);
      assertThat(p.payloadLength()).isEqualTo(160);
      assertThat(p.sequenceNumber()).isEqualTo((out.get(0).sequenceNumber() + i) & 0xFFFF);
      assertThat(p.timestamp()).isEqualTo(out.get(0).timestamp() + 160 * i);
      assertThat(p.ssrc()).isEqualTo(out.get(0).ssrc());
      byte expected = MuLaw.encode(i <= 2 ? (short) 8000 : 0); // 400 samples: frames 0, 1 and half of 2
      assertThat(p.content().getByte(p.payloadIndex())).as("packet %d", i).isEqualTo(expected);
      if (i == 2) {
        assertThat(p.content().getByte(p.payloadIndex() + 80)).as("greeting ends mid-frame")
            .isEqualTo(MuLaw.encode((short) 0));
      }
    }
    out.forEach(RtpPacket::release);
  }

  @Test
  void measuresPacketIntervalsAndTheWaitForTheGreeting() {
    short[] greeting = new short[400];
    java.util.Arrays.fill(greeting, (short) 8000);
    media.start(new AgentPlayout(), null);
    advance(40); // two silent frames before anything is said
    media.stop();
    CallMedia greeted = new CallMedia("call-2", 60, 0, () -> { }, () -> now, metrics);
    EmbeddedChannel ch2 = new EmbeddedChannel();
    ch2.freezeTime();
    greeted.initChannel(ch2);
    greeted.updateRemote(new RemoteMedia(SDP_ADDRESS, 0, "PCMU", 101, true, true));
    AgentPlayout late = new AgentPlayout();
    greeted.start(late, null);
    for (int i = 0; i < 3; i++) {
      now += 20 * MS;
      ch2.advanceTimeBy(20, TimeUnit.MILLISECONDS);
      ch2.runScheduledPendingTasks();
    }
    late.play(greeting);
    now += 25 * MS; // this tick runs 5 ms late
    ch2.advanceTimeBy(25, TimeUnit.MILLISECONDS);
    ch2.runScheduledPendingTasks();
    greeted.stop();
    ch2.finishAndReleaseAll();

    LatencyHistogram.Snapshot intervals = metrics.sendIntervalDeviation().snapshot();
    assertThat(intervals.count()).as("one interval per packet after each call's first").isEqualTo(2 + 4);
    assertThat(intervals.maxNanos()).isEqualTo(5 * MS);
    assertThat(intervals.quantileNanos(0.5)).as("on the beat: the lowest bucket").isLessThanOrEqualTo(MS / 20);
    assertThat(intervals.counts()[0]).isEqualTo(5);
    LatencyHistogram.Snapshot greetingWait = metrics.answerToFirstAudio().snapshot();
    assertThat(greetingWait.count()).as("only the call whose agent spoke").isEqualTo(1);
    assertThat(greetingWait.maxNanos()).isEqualTo(85 * MS);
    assertThat(metrics.callsStarted()).isEqualTo(2);
    assertThat(metrics.packetsOut()).isEqualTo(3 + 5);
    sent().forEach(RtpPacket::release);
  }

  @Test
  void countsEveryKindOfPacket() {
    receiveAudio(REAL_SOURCE, 0, 5); // not the SDP address: the first four are dropped while it is learnt
    receive(REAL_SOURCE, 101, 5, 800, "010a0000"); // DTMF '1'
    receive(REAL_SOURCE, 101, 6, 800, "018a0320"); // its end
    receive(REAL_SOURCE, 13, 7, 1600, "40"); // comfort noise
    receive(REAL_SOURCE, 0, 8, 1760, "ffff"); // more audio: DTMF and CN took seq 5-7, nothing is missing
    // Invalid packets are not received (RFC 3550 A.1), so these come last: audio after them would see a gap.
    receive(REAL_SOURCE, 18, 9, 1920, "00000000"); // G.729: not negotiated
    receive(STRANGER, 0, 10, 2080, "ffff"); // not the latched source
    ByteBuf junk = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(new byte[] {1, 2, 3});
    inbound.add(junk);
    ch.writeInbound(new DatagramPacket(junk, LOCAL, REAL_SOURCE));

    MediaStats stats = media.stats();
    assertThat(stats.getPacketsIn()).isEqualTo(12);
    assertThat(stats.getDtmfPackets()).isEqualTo(2);
    assertThat(stats.getPacketsInvalid()).isEqualTo(4 + 3); // learning; G.729, stranger, junk
    assertThat(stats.getPacketsLost()).as("telephone-events and CN share the audio's sequence numbers").isZero();
    assertThat(media.dtmfDigits()).isEqualTo("1");
    assertThat(media.latchedRemote()).isEqualTo(REAL_SOURCE);
    assertThat(stats.getBytesIn()).isGreaterThan(5 * 172);
  }

  @Test
  void noMediaTimeoutFiresOnceAfterTheLastPacket() {
    media.start(new short[0], null);
    advance(100);
    receiveAudio(SDP_ADDRESS, 0, 1);
    advance(180);
    assertThat(noMedia).hasValue(0);
    advance(40);
    assertThat(noMedia).hasValue(1);
    advance(1000);
    assertThat(noMedia).hasValue(1);
    sent().forEach(RtpPacket::release);
  }

  @Test
  void holdSendsNothingAndStopEndsTicks() {
    media.updateRemote(new RemoteMedia(SDP_ADDRESS, 0, "PCMU", 101, false, true));
    media.start(new short[0], null);
    advance(100);
    assertThat(sent()).isEmpty();
    media.updateRemote(new RemoteMedia(SDP_ADDRESS, 8, "PCMA", -1, true, true));
    advance(20);
    List<RtpPacket> out = sent();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).payloadType()).isEqualTo(8);
    assertThat(out.get(0).sender()).isEqualTo(SDP_ADDRESS);
    out.forEach(RtpPacket::release);
    RecordingResult none = media.stop().getNow(null);
    assertThat(none).isEqualTo(RecordingResult.NONE);
    advance(200);
    assertThat(sent()).isEmpty();
    assertThat(media.stats().getPacketsOut()).isEqualTo(1);
  }

  @Test
  void remoteOnHoldIsNotHungUpForSilenceButIsWatchedAgainAfterResume() {
    media.start(new short[0], null);
    receiveAudio(SDP_ADDRESS, 0, 1);
    media.updateRemote(new RemoteMedia(SDP_ADDRESS, 0, "PCMU", 101, true, false)); // they hold us: a=recvonly
    advance(5 * 200);
    assertThat(noMedia).as("held for five timeouts").hasValue(0);
    media.updateRemote(new RemoteMedia(SDP_ADDRESS, 0, "PCMU", 101, true, true)); // resume
    advance(180);
    assertThat(noMedia).hasValue(0);
    advance(40);
    assertThat(noMedia).as("silence past the timeout after resuming").hasValue(1);
    sent().forEach(RtpPacket::release);
  }

  @Test
  void timestampsRunOnThroughHoldAndTheFirstPacketAfterItIsMarked() {
    media.start(new short[0], null);
    advance(3 * 20);
    List<RtpPacket> before = sent();
    assertThat(before).hasSize(4);
    RtpPacket last = before.get(before.size() - 1);
    media.updateRemote(new RemoteMedia(SDP_ADDRESS, 0, "PCMU", 101, false, true)); // a=sendonly: we hold
    int held = 7;
    advance(held * 20);
    assertThat(sent()).isEmpty();
    media.updateRemote(new RemoteMedia(SDP_ADDRESS, 0, "PCMU", 101, true, true));
    advance(20);
    List<RtpPacket> after = sent();
    assertThat(after).hasSize(1);
    RtpPacket next = after.get(0);
    assertThat((next.timestampUnsigned() - last.timestampUnsigned()) & 0xFFFF_FFFFL)
        .as("RFC 3550 §5.1: the sampling clock ran on during hold").isEqualTo((held + 1) * 160L);
    assertThat(next.sequenceNumber()).isEqualTo((last.sequenceNumber() + 1) & 0xFFFF);
    assertThat(next.marker()).as("RFC 3551 §4.1: a new talkspurt").isTrue();
    advance(20);
    List<RtpPacket> then = sent();
    assertThat(then.get(0).marker()).isFalse();
    before.forEach(RtpPacket::release);
    after.forEach(RtpPacket::release);
    then.forEach(RtpPacket::release);
  }

  @Test
  void reInviteMoveSendsToTheNewAddressDespiteAStalePacketFromTheOld() {
    InetSocketAddress moved = new InetSocketAddress("127.0.0.2", 8000);
    receiveAudio(SDP_ADDRESS, 0, 1);
    media.start(new short[0], null);
    media.updateRemote(new RemoteMedia(moved, 0, "PCMU", 101, true, true));
    receiveAudio(SDP_ADDRESS, 1, 1); // was in flight
    advance(20);
    receiveAudio(REAL_SOURCE, 0, 1); // a stray packet: it may not take the call either
    advance(20);
    List<RtpPacket> out = sent();
    assertThat(out).hasSize(3);
    assertThat(out.get(0).sender()).isEqualTo(SDP_ADDRESS); // the tick at answer, before the re-INVITE
    assertThat(out.subList(1, 3)).extracting(RtpPacket::sender).containsOnly(moved);
    assertThat(media.latchedRemote()).isNull();
    receiveAudio(moved, 100, 1);
    assertThat(media.latchedRemote()).isEqualTo(moved);
    assertThat(media.stats().getPacketsInvalid()).isEqualTo(2);
    out.forEach(RtpPacket::release);
  }

  /** {@code rtp.jitter_ms} is the most the caller's audio waits: on a clean path the wait comes down to a frame. */
  @Test
  void theCallersPlayoutDelayComesDownToAFrameOnACleanPath() {
    media.start(new short[0], null);
    assertThat(media.jitterStats().delayMillis()).as("nothing measured yet: the configured 60 ms").isEqualTo(60.0);
    for (int i = 0; i < 150; i++) { // 3 s, a packet per tick
      receiveAudio(SDP_ADDRESS, i, 1);
      advance(20);
    }
    assertThat(media.jitterStats().delayMillis()).isEqualTo(20.0);
    assertThat(media.jitterStats().late()).isZero();
    sent().forEach(RtpPacket::release);
  }

  private void receiveAudio(InetSocketAddress from, int firstSeq, int count) {
    for (int i = 0; i < count; i++) {
      ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(172);
      RtpPacketWriter.writeHeader(buf, i == 0, 0, firstSeq + i, 160 * (firstSeq + i), 0x1234);
      for (int s = 0; s < 160; s++) {
        buf.writeByte(MuLaw.encode((short) 4000));
      }
      inbound.add(buf);
      ch.writeInbound(new DatagramPacket(buf, LOCAL, from));
    }
  }

  private void receive(InetSocketAddress from, int pt, int seq, int ts, String payloadHex) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
    RtpPacketWriter.writeHeader(buf, false, pt, seq, ts, 0x1234);
    buf.writeBytes(dev.voiceengine.media.TestResources.hex(payloadHex));
    inbound.add(buf);
    ch.writeInbound(new DatagramPacket(buf, LOCAL, from));
  }

  /** Outbound packets, parsed; their sender() is where they were sent. */
  private List<RtpPacket> sent() {
    List<RtpPacket> out = new ArrayList<>();
    DatagramPacket d;
    while ((d = ch.readOutbound()) != null) {
      RtpPacket p = RtpPacketParser.parse(d.content(), d.recipient());
      assertThat(p).isNotNull();
      out.add(p);
    }
    return out;
  }

  private void advance(long millis) {
    for (long t = 0; t < millis; t += 10) {
      now += 10 * MS;
      ch.advanceTimeBy(10, TimeUnit.MILLISECONDS);
      ch.runScheduledPendingTasks();
    }
  }
}
