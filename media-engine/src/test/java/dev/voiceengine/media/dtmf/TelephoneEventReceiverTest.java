package dev.voiceengine.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.TestResources;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class TelephoneEventReceiverTest {

  @Test
  void parsesTheEventFields() {
    ByteBuf buf = Unpooled.wrappedBuffer(TestResources.hex("0b8a0320"));
    TelephoneEvent e = TelephoneEvent.parse(buf, 0, 4);
    assertThat(e).isEqualTo(new TelephoneEvent(11, true, 10, 800));
    assertThat(e.symbol()).isEqualTo('#');
    assertThat(TelephoneEvent.parse(buf, 0, 3)).isNull();
    buf.release();
  }

  @Test
  void symbols() {
    assertThat(TelephoneEvent.symbolOf(0)).isEqualTo('0');
    assertThat(TelephoneEvent.symbolOf(9)).isEqualTo('9');
    assertThat(TelephoneEvent.symbolOf(10)).isEqualTo('*');
    assertThat(TelephoneEvent.symbolOf(12)).isEqualTo('A');
    assertThat(TelephoneEvent.symbolOf(15)).isEqualTo('D');
    assertThat(TelephoneEvent.symbolOf(16)).isEqualTo('!');
    assertThat(TelephoneEvent.symbolOf(99)).isEqualTo('?');
  }

  /** sipp's capture of key '1': seven updates and the end packet three times, all one timestamp: one key press. */
  @Test
  void sippCaptureIsOneKeyPress() {
    TelephoneEventReceiver receiver = new TelephoneEventReceiver();
    int started = 0;
    TelephoneEvent last = null;
    for (String hex : TestResources.lines("rtp/dtmf-2833-key1.hex")) {
      RtpPacket p = RtpPacketParser.parse(Unpooled.wrappedBuffer(TestResources.hex(hex)), null);
      if (receiver.onPacket(p.timestamp(), p.content(), p.payloadIndex(), p.payloadLength()) != null) {
        started++;
      }
      last = TelephoneEvent.parse(p.content(), p.payloadIndex(), p.payloadLength());
      p.release();
    }
    assertThat(started).isEqualTo(1);
    assertThat(receiver.packets()).isEqualTo(10);
    assertThat(receiver.events()).isEqualTo(1);
    assertThat(receiver.digits()).isEqualTo("1");
    assertThat(last.end()).isTrue();
    assertThat(last.duration()).isEqualTo(0x08c0);
  }

  @Test
  void newTimestampIsANewKeyPress() {
    TelephoneEventReceiver receiver = new TelephoneEventReceiver();
    ByteBuf five = Unpooled.wrappedBuffer(TestResources.hex("05000190"));
    ByteBuf star = Unpooled.wrappedBuffer(TestResources.hex("0a800320"));
    receiver.onPacket(1000, five, 0, 4);
    receiver.onPacket(1000, five, 0, 4);
    receiver.onPacket(5000, five, 0, 4); // same key again, later
    receiver.onPacket(9000, star, 0, 4);
    assertThat(receiver.digits()).isEqualTo("55*");
    assertThat(receiver.onPacket(9999, five, 0, 2)).isNull();
    assertThat(receiver.packets()).isEqualTo(4);
    five.release();
    star.release();
  }

  /** A fax machine's calling tone (RFC 4734 §2.3, event 36) is a telephone-event but no key press. */
  @Test
  void otherEventsAreNotKeyPresses() {
    TelephoneEventReceiver receiver = new TelephoneEventReceiver();
    ByteBuf cng = Unpooled.wrappedBuffer(TestResources.hex("24000190"));
    ByteBuf unknown = Unpooled.wrappedBuffer(TestResources.hex("ff800320"));
    ByteBuf flash = Unpooled.wrappedBuffer(TestResources.hex("10800320"));
    assertThat(receiver.onPacket(1000, cng, 0, 4)).isNull();
    assertThat(receiver.onPacket(2000, unknown, 0, 4)).isNull();
    assertThat(receiver.onPacket(3000, flash, 0, 4)).isNotNull();
    assertThat(receiver.digits()).isEqualTo("!");
    assertThat(receiver.events()).isEqualTo(1);
    assertThat(receiver.packets()).isEqualTo(3);
    cng.release();
    unknown.release();
    flash.release();
  }

  /** The last end packet of '1' overtaken by the first packet of '2' (RFC 4733 §2.5.1.4 repeats it): still "12". */
  @Test
  void aLatePacketOfAnEarlierKeyPressIsNotANewOne() {
    TelephoneEventReceiver receiver = new TelephoneEventReceiver();
    ByteBuf oneEnd = Unpooled.wrappedBuffer(TestResources.hex("018a0320"));
    ByteBuf two = Unpooled.wrappedBuffer(TestResources.hex("020a00a0"));
    receiver.onPacket(1000, oneEnd, 0, 4);
    receiver.onPacket(3000, two, 0, 4);
    assertThat(receiver.onPacket(1000, oneEnd, 0, 4)).isNull();
    assertThat(receiver.digits()).isEqualTo("12");
    assertThat(receiver.packets()).isEqualTo(3);
    oneEnd.release();
    two.release();
  }

  /** Across the 32-bit wrap, and a timeline further back than any straggler (a new source): new key presses. */
  @Test
  void timestampsWrapAndATimelineFarBehindIsNew() {
    TelephoneEventReceiver receiver = new TelephoneEventReceiver();
    ByteBuf five = Unpooled.wrappedBuffer(TestResources.hex("050a00a0"));
    receiver.onPacket(-100, five, 0, 4);
    receiver.onPacket(700, five, 0, 4); // 800 units later, past the wrap
    receiver.onPacket(-100, five, 0, 4); // a straggler from before the wrap
    receiver.onPacket(700 - TelephoneEventReceiver.STRAGGLER_WINDOW, five, 0, 4);
    assertThat(receiver.digits()).isEqualTo("555");
    five.release();
  }
}
