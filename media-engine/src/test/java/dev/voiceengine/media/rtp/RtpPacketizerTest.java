package dev.voiceengine.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpPacketizerTest {

  @Test
  void sequenceAndTimestampAdvanceAndWrapMarkerOnFirstOnly() {
    RtpPacketizer packetizer = new RtpPacketizer(0, 0x01020304, 65534, 0xFFFF_FF60);
    RtpPacket[] packets = new RtpPacket[3];
    for (int i = 0; i < 3; i++) {
      ByteBuf buf = Unpooled.buffer();
      packetizer.writeNextHeader(buf, 160);
      buf.writeBytes(new byte[160]);
      packets[i] = RtpPacketParser.parse(buf, null);
    }
    assertThat(packets[0].marker()).isTrue();
    assertThat(packets[1].marker()).isFalse();
    assertThat(packets[0].sequenceNumber()).isEqualTo(65534);
    assertThat(packets[1].sequenceNumber()).isEqualTo(65535);
    assertThat(packets[2].sequenceNumber()).isZero();
    assertThat(packets[0].timestampUnsigned()).isEqualTo(0xFFFF_FF60L);
    assertThat(packets[1].timestampUnsigned()).isZero();
    assertThat(packets[2].timestampUnsigned()).isEqualTo(160);
    for (RtpPacket p : packets) {
      assertThat(p.ssrc()).isEqualTo(0x01020304);
      assertThat(p.length()).isEqualTo(172);
      p.release();
    }
  }

  @Test
  void skipAdvancesTheTimestampOnly() {
    RtpPacketizer packetizer = new RtpPacketizer(8, 1, 10, 1000);
    packetizer.skip(320);
    assertThat(packetizer.nextTimestamp()).isEqualTo(1320);
    assertThat(packetizer.nextSequenceNumber()).isEqualTo(10);
    packetizer.payloadType(0);
    ByteBuf buf = Unpooled.buffer();
    packetizer.writeNextHeader(buf, 160);
    assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("8080000a0000052800000001");
    buf.release();
  }

  @Test
  void firstPacketAfterAGapInSendingIsMarked() {
    RtpPacketizer packetizer = new RtpPacketizer(0, 1, 10, 1000);
    assertThat(next(packetizer).marker()).isTrue();
    assertThat(next(packetizer).marker()).isFalse();
    packetizer.skip(160);
    packetizer.skip(160);
    RtpPacket resumed = next(packetizer);
    assertThat(resumed.marker()).as("RFC 3551 §4.1: first packet of a talkspurt").isTrue();
    assertThat(resumed.timestamp()).isEqualTo(1000 + 4 * 160);
    assertThat(resumed.sequenceNumber()).isEqualTo(12);
    assertThat(next(packetizer).marker()).isFalse();
  }

  private static RtpPacket next(RtpPacketizer packetizer) {
    ByteBuf buf = Unpooled.buffer();
    packetizer.writeNextHeader(buf, 160);
    buf.writeBytes(new byte[160]);
    RtpPacket p = RtpPacketParser.parse(buf, null);
    p.release(); // the header fields stay readable
    return p;
  }

  @Test
  void randomIdentityDiffersBetweenStreams() {
    RtpPacketizer a = new RtpPacketizer(0);
    RtpPacketizer b = new RtpPacketizer(0);
    // 2^-32 chance of a false failure
    assertThat(a.ssrc()).isNotEqualTo(b.ssrc());
  }
}
