package dev.voiceengine.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.TestResources;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The receive pipeline's Netty handlers, driven through EmbeddedChannel; every buffer must end released. */
class RtpHandlersTest {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 20000);
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 5000);
  private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.1", 5002);
  private static final InetSocketAddress MOVED = new InetSocketAddress("127.0.0.2", 7000);
  private static final long MS = 1_000_000;

  private final List<ByteBuf> sent = new ArrayList<>();
  private long now = 1_000 * MS;

  @Test
  void decoderTurnsDatagramsIntoPacketsAndCountsTheRest() {
    RtpPacketDecoder decoder = new RtpPacketDecoder();
    EmbeddedChannel ch = new EmbeddedChannel(decoder);
    ch.writeInbound(datagram("80000001000000a011223344ffffffff", REMOTE));
    ch.writeInbound(datagram("40000001000000a011223344ff", REMOTE)); // version 1
    ch.writeInbound(datagram("80c80006000000a01122334400000000", REMOTE)); // RTCP
    RtpPacket p = ch.readInbound();
    assertThat(p.sequenceNumber()).isEqualTo(1);
    assertThat(p.sender()).isEqualTo(REMOTE);
    assertThat(p.refCnt()).isEqualTo(1);
    p.release();
    assertThat(ch.<Object>readInbound()).isNull();
    assertThat(decoder.datagrams()).isEqualTo(3);
    assertThat(decoder.decoded()).isEqualTo(1);
    assertThat(decoder.malformed()).isEqualTo(2);
    assertThat(decoder.lastMalformation()).isEqualTo(RtpMalformation.RTCP);
    assertThat(decoder.datagramBytes()).isEqualTo(16 + 13 + 16);
    assertThat(ch.finish()).isFalse();
    assertAllReleased();
  }

  @Test
  void signalledSourceLatchesAtOnceAndOthersAreDropped() {
    SymmetricRtpLatch latch = latch(REMOTE);
    EmbeddedChannel ch = new EmbeddedChannel(new RtpPacketDecoder(), latch);
    assertThat(latch.latched()).isNull();
    ch.writeInbound(datagram("80000001000000a011223344ff", REMOTE));
    ch.writeInbound(datagram("80000002000001401122334400", OTHER)); // same SSRC, other address: not this call
    ch.writeInbound(datagram("80000003000001e011223344ff", REMOTE));
    assertThat(latch.latched()).isEqualTo(REMOTE);
    assertThat(latch.foreignPackets()).isEqualTo(1);
    assertThat(readSequenceNumbers(ch)).containsExactly(1, 3);
    assertThat(ch.finish()).isFalse();
    assertAllReleased();
  }

  @Test
  void reInviteMoveIsNotUndoneByStaleInFlightPacketsFromTheOldAddress() {
    SymmetricRtpLatch latch = latch(REMOTE);
    EmbeddedChannel ch = new EmbeddedChannel(new RtpPacketDecoder(), latch);
    ch.writeInbound(rtp(1, REMOTE));
    assertThat(latch.latched()).isEqualTo(REMOTE);

    latch.signalled(MOVED); // re-INVITE: the media moves
    assertThat(latch.latched()).as("we send to the new address").isNull();
    int seq = 2;
    for (int i = 0; i < SymmetricRtpLatch.LEARN_PACKETS + 1; i++) {
      now += 20 * MS;
      ch.writeInbound(rtp(seq++, REMOTE)); // in flight, or the old party not done yet: MOVED is not silent long
      assertThat(latch.latched()).isNull();
    }
    ch.writeInbound(rtp(500, MOVED));
    assertThat(latch.latched()).isEqualTo(MOVED);
    now += 20 * MS;
    ch.writeInbound(rtp(seq++, REMOTE));
    ch.writeInbound(rtp(501, MOVED));
    assertThat(latch.latched()).isEqualTo(MOVED);
    assertThat(latch.foreignPackets()).isEqualTo(SymmetricRtpLatch.LEARN_PACKETS + 2);
    assertThat(readSequenceNumbers(ch)).containsExactly(1, 500, 501);
    assertThat(ch.finish()).isFalse();
    assertAllReleased();
  }

  @Test
  void strayPacketBeforeTheRealCallerDoesNotLatch() {
    SymmetricRtpLatch latch = latch(REMOTE);
    EmbeddedChannel ch = new EmbeddedChannel(new RtpPacketDecoder(), latch);
    ch.writeInbound(rtp(7000, OTHER)); // the previous call's caller, on this recycled port
    assertThat(latch.latched()).isNull();
    now += 40 * MS;
    ch.writeInbound(rtp(1, REMOTE));
    ch.writeInbound(rtp(7001, OTHER));
    assertThat(latch.latched()).isEqualTo(REMOTE);
    assertThat(latch.foreignPackets()).isEqualTo(2);
    assertThat(readSequenceNumbers(ch)).containsExactly(1);
    assertThat(ch.finish()).isFalse();
    assertAllReleased();
  }

  @Test
  void natCallerSendingFromAnotherPortLatchesAfterConsecutivePackets() {
    SymmetricRtpLatch latch = latch(REMOTE); // what its SDP says; it sends from OTHER
    EmbeddedChannel ch = new EmbeddedChannel(new RtpPacketDecoder(), latch);
    ch.writeInbound(rtp(10, OTHER));
    ch.writeInbound(rtp(11, OTHER));
    ch.writeInbound(rtp(13, OTHER)); // a gap: probation starts over (RFC 3550 §A.1)
    for (int seq = 14; seq < 13 + SymmetricRtpLatch.LEARN_PACKETS - 1; seq++) {
      now += 20 * MS;
      ch.writeInbound(rtp(seq, OTHER));
      assertThat(latch.latched()).isNull();
    }
    ch.writeInbound(rtp(13 + SymmetricRtpLatch.LEARN_PACKETS - 1, OTHER));
    assertThat(latch.latched()).isEqualTo(OTHER);
    ch.writeInbound(rtp(13 + SymmetricRtpLatch.LEARN_PACKETS, OTHER));
    assertThat(latch.foreignPackets()).isEqualTo(2 + SymmetricRtpLatch.LEARN_PACKETS - 1);
    assertThat(readSequenceNumbers(ch))
        .containsExactly(13 + SymmetricRtpLatch.LEARN_PACKETS - 1, 13 + SymmetricRtpLatch.LEARN_PACKETS);
    assertThat(ch.finish()).isFalse();
    assertAllReleased();
  }

  @Test
  void anotherSourceTakesOverOnlyAfterTheLatchedOneFellSilent() {
    SymmetricRtpLatch latch = latch(REMOTE);
    EmbeddedChannel ch = new EmbeddedChannel(new RtpPacketDecoder(), latch);
    ch.writeInbound(rtp(1, REMOTE));
    int seq = 100;
    for (int i = 0; i < 2 * SymmetricRtpLatch.LEARN_PACKETS; i++) {
      now += 20 * MS;
      ch.writeInbound(rtp(seq++, OTHER)); // REMOTE spoke 200 ms ago at most: not silent long enough
    }
    assertThat(latch.latched()).isEqualTo(REMOTE);
    now += SymmetricRtpLatch.SILENCE_NANOS;
    ch.writeInbound(rtp(seq, OTHER)); // e.g. the caller's NAT binding changed: it kept sending, REMOTE did not
    assertThat(latch.latched()).isEqualTo(OTHER);
    ch.writeInbound(rtp(2, REMOTE)); // the signalled address is always good
    assertThat(latch.latched()).isEqualTo(REMOTE);

    now += SymmetricRtpLatch.SILENCE_NANOS;
    for (int i = 0; i < SymmetricRtpLatch.LEARN_PACKETS - 1; i++) {
      ch.writeInbound(rtp(900 + i, MOVED)); // a new source needs its packets even after the silence
      assertThat(latch.latched()).isEqualTo(REMOTE);
    }
    ch.writeInbound(rtp(900 + SymmetricRtpLatch.LEARN_PACKETS - 1, MOVED));
    assertThat(latch.latched()).isEqualTo(MOVED);
    assertThat(readSequenceNumbers(ch)).containsExactly(1, seq, 2, 900 + SymmetricRtpLatch.LEARN_PACKETS - 1);
    assertThat(ch.finish()).isFalse();
    assertAllReleased();
  }

  @Test
  void holdWithoutAnAddressKeepsWhatWasLearnt() {
    SymmetricRtpLatch latch = latch(REMOTE);
    EmbeddedChannel ch = new EmbeddedChannel(new RtpPacketDecoder(), latch);
    for (int seq = 0; seq < SymmetricRtpLatch.LEARN_PACKETS; seq++) {
      ch.writeInbound(rtp(seq, OTHER));
    }
    assertThat(latch.latched()).isEqualTo(OTHER);
    latch.signalled(new InetSocketAddress("0.0.0.0", 5000)); // RFC 3264 §8.4 hold
    latch.signalled(REMOTE); // resume: the same address as before is no move
    assertThat(latch.latched()).isEqualTo(OTHER);
    latch.signalled(OTHER); // SDP now names the learnt address: no move either
    assertThat(latch.latched()).isEqualTo(OTHER);
    readSequenceNumbers(ch);
    assertThat(ch.finish()).isFalse();
    assertAllReleased();
  }

  @Test
  void randomDatagramsThroughThePipelineLeakNothing() {
    Random random = new Random(7);
    List<byte[]> seeds = new ArrayList<>(RtpPacketParserTest.golden().values());
    RtpPacketDecoder decoder = new RtpPacketDecoder();
    EmbeddedChannel ch = new EmbeddedChannel(decoder, latch(REMOTE));
    for (int i = 0; i < 2000; i++) {
      byte[] bytes = RtpPacketParserTest.mutate(seeds.get(random.nextInt(seeds.size())), random);
      ch.writeInbound(datagram(bytes, random.nextInt(10) == 0 ? OTHER : REMOTE));
      Object out;
      while ((out = ch.readInbound()) != null) {
        ((RtpPacket) out).release();
      }
    }
    assertThat(decoder.datagrams()).isEqualTo(2000);
    assertThat(ch.finish()).isFalse();
    assertAllReleased();
  }

  @Test
  void sippDtmfCaptureParses() {
    EmbeddedChannel ch = new EmbeddedChannel(new RtpPacketDecoder());
    for (String hex : TestResources.lines("rtp/dtmf-2833-key1.hex")) {
      ch.writeInbound(datagram(hex, REMOTE));
    }
    int n = 0;
    RtpPacket p;
    while ((p = ch.readInbound()) != null) {
      assertThat(p.payloadType()).isEqualTo(101);
      assertThat(p.payloadLength()).isEqualTo(4);
      p.release();
      n++;
    }
    assertThat(n).isEqualTo(10);
    ch.finish();
    assertAllReleased();
  }

  private SymmetricRtpLatch latch(InetSocketAddress signalled) {
    SymmetricRtpLatch latch = new SymmetricRtpLatch(() -> now);
    latch.signalled(signalled);
    return latch;
  }

  /** A PCMU packet with sequence number {@code seq} (SSRC 0x11223344, as the hex packets above). */
  private DatagramPacket rtp(int seq, InetSocketAddress sender) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(13);
    RtpPacketWriter.writeHeader(buf, false, 0, seq, 160 * seq, 0x11223344);
    buf.writeByte(0xff);
    sent.add(buf);
    return new DatagramPacket(buf, LOCAL, sender);
  }

  /** Reads and releases what passed the handlers, in order. */
  private static List<Integer> readSequenceNumbers(EmbeddedChannel ch) {
    List<Integer> out = new ArrayList<>();
    RtpPacket p;
    while ((p = ch.readInbound()) != null) {
      out.add(p.sequenceNumber());
      p.release();
    }
    return out;
  }

  private DatagramPacket datagram(String hex, InetSocketAddress sender) {
    return datagram(TestResources.hex(hex), sender);
  }

  private DatagramPacket datagram(byte[] bytes, InetSocketAddress sender) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    sent.add(buf);
    return new DatagramPacket(buf, LOCAL, sender);
  }

  private void assertAllReleased() {
    for (ByteBuf buf : sent) {
      assertThat(buf.refCnt()).isZero();
    }
  }
}
