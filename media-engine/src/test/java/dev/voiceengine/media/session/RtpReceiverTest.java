package dev.voiceengine.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.codec.G711Codec;
import dev.voiceengine.media.jitter.JitterBuffer;
import dev.voiceengine.media.jitter.JitterStats;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketParser;
import dev.voiceengine.media.rtp.RtpPacketWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sorting by payload type and its effect on loss accounting: telephone-events (RFC 4733) and comfort noise
 * (RFC 3389) take their sequence numbers from the audio's series, so they are gaps for nobody.
 */
class RtpReceiverTest {
  private static final int SSRC = 0x1234;
  private static final int PCMU = 0;
  private static final int EVENT = 101;
  private static final int CN = 13;

  private final JitterBuffer jitter = new JitterBuffer(8000, 480, 480 + 1600);
  private final RtpReceiver receiver = new RtpReceiver("call-1", jitter, () -> 0L, press -> {});
  private final EmbeddedChannel ch = new EmbeddedChannel(receiver);
  private final List<RtpPacket> inbound = new ArrayList<>();
  private int seq = 1000;

  @BeforeEach
  void setUp() {
    receiver.negotiated(PCMU, G711Codec.PCMU, EVENT);
  }

  @AfterEach
  void tearDown() {
    ch.finishAndReleaseAll();
    for (RtpPacket p : inbound) {
      assertThat(p.refCnt()).as("packet released").isZero();
    }
  }

  @Test
  void dtmfAndComfortNoiseBetweenAudioAreNotLoss() {
    audio(5);
    events(10);
    send(CN, 160 * seq, "40");
    audio(4);
    JitterStats s = jitter.stats();
    assertThat(s.lost()).isZero();
    assertThat(s.received()).as("audio packets pushed").isEqualTo(9);
    assertThat(receiver.audioPackets()).isEqualTo(9);
    assertThat(receiver.comfortNoisePackets()).isEqualTo(1);
    assertThat(receiver.dtmf().digits()).isEqualTo("1");
  }

  @Test
  void aGapAmongTelephoneEventsIsStillLoss() {
    audio(3);
    events(2);
    seq++; // one event packet lost on the way
    events(3);
    audio(2);
    assertThat(jitter.stats().lost()).isEqualTo(1);
  }

  @Test
  void aGapAfterComfortNoiseIsStillLoss() {
    audio(2);
    send(CN, 160 * seq, "40");
    seq += 2;
    audio(2);
    assertThat(jitter.stats().lost()).isEqualTo(2);
  }

  @Test
  void finalEventPacketRepeatedWithItsSequenceNumberIsNotADuplicate() {
    // RFC 4733 §2.5.1.4 repeats the final packet; sipp's dtmf_2833_*.pcap repeat it with the same sequence number.
    audio(2);
    int start = 160 * seq;
    send(EVENT, start, "010a0000");
    send(EVENT, start, "018a0320");
    seq--;
    send(EVENT, start, "018a0320");
    seq--;
    send(EVENT, start, "018a0320");
    audio(2);
    JitterStats s = jitter.stats();
    assertThat(s.lost()).isZero();
    assertThat(s.duplicate()).isZero();
  }

  @Test
  void eventsBeforeTheFirstAudioCountToo() {
    events(4);
    seq++; // lost
    audio(3);
    assertThat(jitter.stats().lost()).isEqualTo(1);
  }

  @Test
  void unusableEventPayloadIsInvalidAndNotReceived() {
    audio(2);
    send(EVENT, 160 * seq, "01"); // too short to hold an event (RFC 4733 §2.3)
    audio(2);
    assertThat(receiver.invalidPackets()).isEqualTo(1);
    assertThat(jitter.stats().lost()).isEqualTo(1);
  }

  /** {@code count} 20 ms PCMU packets. */
  private void audio(int count) {
    for (int i = 0; i < count; i++) {
      send(PCMU, 160 * seq, "ff".repeat(160));
    }
  }

  /** One key press ('1') spread over {@code count} packets with one timestamp and growing durations. */
  private void events(int count) {
    int start = 160 * seq;
    for (int i = 0; i < count; i++) {
      send(EVENT, start, String.format(i + 1 == count ? "018a%04x" : "010a%04x", 160 * (i + 1))); // the last ends it
    }
  }

  private void send(int payloadType, int timestamp, String payloadHex) {
    ByteBuf buf = Unpooled.buffer();
    RtpPacketWriter.writeHeader(buf, false, payloadType, seq & 0xFFFF, timestamp, SSRC);
    buf.writeBytes(HexFormat.of().parseHex(payloadHex));
    seq++;
    RtpPacket p = RtpPacketParser.parse(buf, null);
    assertThat(p).isNotNull();
    inbound.add(p);
    ch.writeInbound(p);
  }
}
