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

  private final List<ByteBuf> sent = new ArrayList<>();

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
  void latchLocksOntoTheFirstSenderAndDropsOthers() {
    SymmetricRtpLatch latch = new SymmetricRtpLatch();
    EmbeddedChannel ch = new EmbeddedChannel(new RtpPacketDecoder(), latch);
    assertThat(latch.latched()).isNull();
    ch.writeInbound(datagram("80000001000000a011223344ff", REMOTE));
    ch.writeInbound(datagram("80000002000001401122334400", OTHER)); // same SSRC, other address: not this call
    ch.writeInbound(datagram("80000003000001e011223344ff", REMOTE));
    assertThat(latch.latched()).isEqualTo(REMOTE);
    assertThat(latch.foreignPackets()).isEqualTo(1);
    RtpPacket first = ch.readInbound();
    RtpPacket third = ch.readInbound();
    assertThat(first.sequenceNumber()).isEqualTo(1);
    assertThat(third.sequenceNumber()).isEqualTo(3);
    assertThat(ch.<Object>readInbound()).isNull();
    first.release();
    third.release();

    latch.reset(); // a re-INVITE moved the media
    ch.writeInbound(datagram("80000004000002801122334400", OTHER));
    assertThat(latch.latched()).isEqualTo(OTHER);
    ((RtpPacket) ch.readInbound()).release();
    assertThat(ch.finish()).isFalse();
    assertAllReleased();
  }

  @Test
  void randomDatagramsThroughThePipelineLeakNothing() {
    Random random = new Random(7);
    List<byte[]> seeds = new ArrayList<>(RtpPacketParserTest.golden().values());
    RtpPacketDecoder decoder = new RtpPacketDecoder();
    EmbeddedChannel ch = new EmbeddedChannel(decoder, new SymmetricRtpLatch());
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
