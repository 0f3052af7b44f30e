package dev.voiceengine.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.TestResources;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketParserTest {

  static Map<String, byte[]> golden() {
    Map<String, byte[]> packets = new LinkedHashMap<>();
    for (String line : TestResources.lines("rtp/golden-packets.txt")) {
      String[] parts = line.split("\\s+", 2);
      packets.put(parts[0], TestResources.hex(parts[1]));
    }
    return packets;
  }

  @Test
  void minimalPacket() {
    RtpPacket p = parse("minimal-pcmu");
    assertThat(p.marker()).isFalse();
    assertThat(p.payloadType()).isZero();
    assertThat(p.sequenceNumber()).isEqualTo(1);
    assertThat(p.timestampUnsigned()).isEqualTo(160);
    assertThat(p.ssrc()).isEqualTo(0x11223344);
    assertThat(p.csrcs()).isEmpty();
    assertThat(p.hasExtension()).isFalse();
    assertThat(p.hasPadding()).isFalse();
    assertThat(p.payloadIndex()).isEqualTo(12);
    assertThat(p.payloadLength()).isEqualTo(4);
    p.release();
  }

  @Test
  void markerCsrcsAndUnsignedFields() {
    RtpPacket p = parse("marker-csrc-pcma");
    assertThat(p.marker()).isTrue();
    assertThat(p.payloadType()).isEqualTo(8);
    assertThat(p.sequenceNumber()).isEqualTo(65535);
    assertThat(p.timestampUnsigned()).isEqualTo(0xFFFF_FFF0L);
    assertThat(p.ssrc()).isEqualTo(0xDEADBEEF);
    assertThat(p.csrcs()).containsExactly(1, 2);
    assertThat(p.payloadIndex()).isEqualTo(20);
    assertThat(ByteBufUtil.hexDump(p.payload())).isEqualTo("d5d5d5");
    p.release();
  }

  @Test
  void headerExtension() {
    RtpPacket p = parse("extension");
    assertThat(p.hasExtension()).isTrue();
    assertThat(p.extensionProfile()).isEqualTo(0xBEDE);
    assertThat(p.extensionLength()).isEqualTo(4);
    assertThat(ByteBufUtil.hexDump(p.content(), p.extensionIndex(), p.extensionLength())).isEqualTo("10aa0000");
    assertThat(ByteBufUtil.hexDump(p.payload())).isEqualTo("0102");
    p.release();
  }

  @Test
  void paddingIsNotPayload() {
    RtpPacket p = parse("padding");
    assertThat(p.hasPadding()).isTrue();
    assertThat(p.paddingLength()).isEqualTo(4);
    assertThat(ByteBufUtil.hexDump(p.payload())).isEqualTo("7f7f");
    p.release();

    RtpPacket onlyPadding = parse("padding-only");
    assertThat(onlyPadding.payloadLength()).isZero();
    assertThat(onlyPadding.paddingLength()).isEqualTo(3);
    onlyPadding.release();
  }

  @Test
  void everythingAtOnce() {
    RtpPacket p = parse("everything");
    assertThat(p.marker()).isTrue();
    assertThat(p.payloadType()).isEqualTo(101);
    assertThat(p.csrcs()).containsExactly(0x0a0b0c0d);
    assertThat(p.extensionProfile()).isEqualTo(1);
    assertThat(p.extensionLength()).isEqualTo(8);
    assertThat(ByteBufUtil.hexDump(p.payload())).isEqualTo("010a00a0");
    assertThat(p.paddingLength()).isEqualTo(2);
    p.release();
  }

  @Test
  void goldenPacketsReserializeByteForByte() {
    golden().forEach((name, bytes) -> {
      RtpPacket p = RtpPacketParser.parse(Unpooled.wrappedBuffer(bytes), null);
      assertThat(p).as(name).isNotNull();
      ByteBuf out = Unpooled.buffer();
      RtpPacketWriter.write(p, out);
      assertThat(ByteBufUtil.getBytes(out)).as(name).isEqualTo(bytes);
      out.release();
      p.release();
    });
  }

  @Test
  void parsingRespectsTheReaderIndex() {
    byte[] bytes = golden().get("minimal-pcmu");
    ByteBuf buf = Unpooled.buffer().writeBytes(new byte[] {9, 9, 9}).writeBytes(bytes);
    buf.readerIndex(3);
    RtpPacket p = RtpPacketParser.parse(buf, new InetSocketAddress("127.0.0.1", 4000));
    assertThat(p.sequenceNumber()).isEqualTo(1);
    assertThat(p.payloadIndex()).isEqualTo(15);
    assertThat(p.sender().getPort()).isEqualTo(4000);
    assertThat(p.length()).isEqualTo(bytes.length);
    p.release();
  }

  @Test
  void malformedPacketsAreNamedAndRejected() {
    for (String line : TestResources.lines("rtp/malformed-packets.txt")) {
      String[] parts = line.split("\\s+", 2);
      ByteBuf buf = Unpooled.wrappedBuffer(TestResources.hex(parts[1]));
      assertThat(RtpPacketParser.check(buf)).as(line).isEqualTo(RtpMalformation.valueOf(parts[0]));
      assertThat(RtpPacketParser.parse(buf, null)).as(line).isNull();
      assertThat(buf.refCnt()).isEqualTo(1);
      buf.release();
    }
  }

  /**
   * Seeded random damage to real packets (truncation, bit flips, junk) and plain random bytes: the parser never
   * throws, never touches the reference count, and anything it accepts re-serializes to the same bytes.
   */
  @Test
  void randomizedMalformedInputNeverThrowsOrLeaks() {
    Random random = new Random(20261122L);
    List<byte[]> seeds = new ArrayList<>(golden().values());
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
      ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(input.length + 1).writeBytes(input);
      try {
        RtpMalformation malformation = RtpPacketParser.check(buf);
        RtpPacket p = RtpPacketParser.parse(buf, null);
        assertThat(p == null).isEqualTo(malformation != RtpMalformation.NONE);
        assertThat(buf.refCnt()).isEqualTo(1);
        if (p != null) {
          accepted++;
          assertThat(p.payloadIndex() + p.payloadLength() + p.paddingLength()).isEqualTo(input.length);
          assertThat(p.payloadLength()).isNotNegative();
          ByteBuf out = Unpooled.buffer();
          RtpPacketWriter.write(p, out);
          assertThat(ByteBufUtil.getBytes(out)).isEqualTo(input);
          out.release();
        }
      } finally {
        buf.release();
      }
    }
    assertThat(accepted).as("some mutations stay valid").isBetween(100, 19_000);
  }

  static byte[] mutate(byte[] seed, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> {
        return java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
      }
      case 1 -> {
        byte[] b = seed.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          int bit = random.nextInt(b.length * 8);
          b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return b;
      }
      case 2 -> {
        byte[] b = seed.clone();
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        b[b.length - 1] = (byte) random.nextInt(256);
        return b;
      }
      default -> {
        byte[] b = new byte[random.nextInt(64)];
        random.nextBytes(b);
        return b;
      }
    }
  }

  private static RtpPacket parse(String name) {
    RtpPacket p = RtpPacketParser.parse(Unpooled.wrappedBuffer(golden().get(name)), null);
    assertThat(p).as(name).isNotNull();
    return p;
  }
}
