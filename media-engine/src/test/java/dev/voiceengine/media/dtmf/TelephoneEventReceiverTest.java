package dev.voiceengine.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.TestResources;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
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
    List<KeyPress> presses = new ArrayList<>();
    TelephoneEventReceiver receiver = new TelephoneEventReceiver(presses::add);
    TelephoneEvent last = null;
    int packet = 0;
    for (String hex : TestResources.lines("rtp/dtmf-2833-key1.hex")) {
      RtpPacket p = RtpPacketParser.parse(Unpooled.wrappedBuffer(TestResources.hex(hex)), null);
      last = TelephoneEvent.parse(p.content(), p.payloadIndex(), p.payloadLength());
      receiver.onPacket(packet++ * 20_000_000L, p.timestamp(), p.marker(), p.content(), p.payloadIndex(),
          p.payloadLength());
      assertThat(presses).as("reported at the first end packet, not before").hasSize(last.end() ? 1 : 0);
      p.release();
    }
    assertThat(receiver.packets()).isEqualTo(10);
    assertThat(receiver.events()).isEqualTo(1);
    assertThat(receiver.digits()).isEqualTo("1");
    assertThat(last.end()).isTrue();
    assertThat(presses.get(0)).isEqualTo(new KeyPress('1', 0, 0x08c0, true));
    assertThat(presses.get(0).durationMs()).isEqualTo(0x08c0 / 8);
  }

  @Test
  void theEndPacketReportsThePressAndItsRepeatsDoNot() {
    Feed f = new Feed();
    f.send(1000, true, 5, false, 160);
    f.send(1000, false, 5, false, 320);
    assertThat(f.presses).isEmpty();
    f.send(1000, false, 5, true, 480);
    f.send(1000, false, 5, true, 480);
    f.send(1000, false, 5, true, 480);
    f.send(1000, false, 5, false, 320); // a late update after the end
    assertThat(f.presses).containsExactly(new KeyPress('5', f.startOf(0, 160), 480, true));
  }

  /** §2.5.1.3: the marker of a new event may be lost; the new timestamp alone says it is a new press. */
  @Test
  void aNewTimestampWithoutMarkerIsANewPress() {
    Feed f = new Feed();
    f.send(1000, false, 1, false, 160);
    f.send(1000, false, 1, true, 320);
    f.send(3000, false, 1, false, 160); // same key again, marker lost
    f.send(3000, false, 1, true, 320);
    assertThat(f.digits()).isEqualTo("11");
    assertThat(f.presses).allMatch(KeyPress::endSeen);
  }

  /** All end packets lost: the next press closes the previous one, which is reported first, without its end. */
  @Test
  void aNewPressClosesOneWhoseEndWasLost() {
    Feed f = new Feed();
    f.send(1000, true, 7, false, 160);
    f.send(1000, false, 7, false, 320);
    f.send(3000, true, 8, false, 160);
    assertThat(f.presses).containsExactly(new KeyPress('7', f.startOf(0, 160), 320, false));
    f.send(3000, false, 8, true, 480);
    assertThat(f.digits()).isEqualTo("78");
  }

  /** Timestamps going back (reordering, duplicates) are packets of presses already counted. */
  @Test
  void backwardsAndDuplicateTimestampsAreIgnored() {
    Feed f = new Feed();
    f.send(5000, true, 2, true, 480);
    f.send(8000, true, 3, false, 160);
    f.send(5000, false, 2, false, 160); // late update of '2'
    f.send(5000, true, 2, true, 480); // the marked first packet of '2' again, late
    f.send(4000, false, 9, true, 480); // an unmarked packet from further back, still within the window
    f.send(8000, false, 3, true, 480);
    f.send(8000, false, 3, true, 480);
    assertThat(f.digits()).isEqualTo("23");
  }

  /**
   * sipp's captures of '0' and '1' come from one session, '1' earlier: played '0' first, the marked first packet of
   * '1' is 4352 units behind, a timestamp no press had: the sender's timeline went back, so a new press.
   */
  @Test
  void aMarkedStartOfAnUnseenEarlierTimestampIsANewPress() {
    Feed f = new Feed();
    f.send(17632, true, 0, false, 0);
    f.send(17632, false, 0, true, 2240);
    f.send(13280, true, 1, false, 0);
    f.send(17632, false, 0, true, 2240); // a repeat of the end of '0': seen, ignored
    f.send(13280, false, 1, true, 2240);
    assertThat(f.digits()).isEqualTo("01");
  }

  /** §2.5.1.5: a press longer than 0xFFFF units continues in a new segment: one press, the durations added. */
  @Test
  void longEventSegmentsAreOnePress() {
    Feed f = new Feed();
    f.send(1000, true, 0, false, 160);
    f.send(1000, false, 0, false, 0xFFFF);
    f.send(1000 + 0xFFFF, false, 0, false, 800);
    f.send(1000 + 0xFFFF, false, 0, true, 1600);
    f.send(1000 + 0xFFFF, false, 0, true, 1600);
    assertThat(f.presses).containsExactly(new KeyPress('0', f.startOf(0, 160), 0xFFFF + 1600L, true));
  }

  /** The last packets of a segment lost: a segment that came near the maximum still continues. */
  @Test
  void aSegmentWhoseLastPacketsWereLostStillContinues() {
    Feed f = new Feed();
    f.send(1000, true, 4, false, 0xFFFF - 800);
    f.send(1000 + 0xFFFF, false, 4, true, 400);
    assertThat(f.digits()).isEqualTo("4");
    assertThat(f.presses.get(0).durationUnits()).isEqualTo(0xFFFF + 400L);
  }

  /** The same key after a short press is not a segment, even without the marker. */
  @Test
  void theSameKeyAgainAfterAShortPressIsNotASegment() {
    Feed f = new Feed();
    f.send(1000, true, 4, false, 800);
    f.send(1000 + 800, false, 4, true, 800);
    assertThat(f.digits()).isEqualTo("44");
  }

  @Test
  void aSilentOpenPressExpiresAndFlushReportsTheLast() {
    Feed f = new Feed();
    f.send(1000, true, 6, false, 160);
    f.receiver.expire(f.now + 1_999_999_999L, 2_000_000_000L);
    assertThat(f.presses).isEmpty();
    f.receiver.expire(f.now + 2_000_000_000L, 2_000_000_000L);
    assertThat(f.digits()).isEqualTo("6");
    f.send(1000, false, 6, true, 480); // its end after all: already counted
    f.send(9000, true, 1, false, 160);
    f.receiver.flush();
    f.receiver.flush();
    assertThat(f.digits()).isEqualTo("61");
  }

  /** A fax machine's calling tone (RFC 4734 §2.3, event 36) is a telephone-event but no key press. */
  @Test
  void otherEventsAreNotKeyPresses() {
    Feed f = new Feed();
    f.send(1000, true, 36, true, 400);
    f.send(2000, true, 255, true, 800);
    f.send(3000, true, 16, true, 800);
    assertThat(f.digits()).isEqualTo("!");
    assertThat(f.receiver.events()).isEqualTo(1);
    assertThat(f.receiver.packets()).isEqualTo(3);
    ByteBuf shortPayload = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
    assertThat(f.receiver.onPacket(0, 4000, true, shortPayload, 0, 3)).isFalse();
    assertThat(f.receiver.packets()).isEqualTo(3);
  }

  /** Across the 32-bit wrap, and a timeline further back than any straggler (a new source): new key presses. */
  @Test
  void timestampsWrapAndATimelineFarBehindIsNew() {
    Feed f = new Feed();
    f.send(-100, true, 5, true, 160);
    f.send(700, true, 5, true, 160); // 800 units later, past the wrap
    f.send(-100, false, 5, true, 160); // a straggler from before the wrap
    f.send(700 - TelephoneEventReceiver.STRAGGLER_WINDOW, true, 5, true, 160);
    assertThat(f.digits()).isEqualTo("555");
  }

  /** Feeds packets 20 ms apart and keeps what is reported. */
  static final class Feed {
    final List<KeyPress> presses = new ArrayList<>();
    final List<Long> arrivals = new ArrayList<>();
    final TelephoneEventReceiver receiver = new TelephoneEventReceiver(presses::add);
    long now = 1_000_000_000L;

    void send(int timestamp, boolean marker, int event, boolean end, int duration) {
      now += 20_000_000L;
      arrivals.add(now);
      ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {
          (byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration});
      receiver.onPacket(now, timestamp, marker, buf, 0, 4);
      buf.release();
    }

    /** The start of a press whose first packet was the {@code packet}th sent, reporting {@code duration}. */
    long startOf(int packet, int duration) {
      return arrivals.get(packet) - duration * 1_000_000L / 8;
    }

    String digits() {
      StringBuilder b = new StringBuilder();
      presses.forEach(p -> b.append(p.digit()));
      assertThat(b.toString()).isEqualTo(receiver.digits());
      return b.toString();
    }
  }
}
