package dev.voiceengine.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 4733 payloads, randomised and malformed. Parsing never throws: a payload shorter than one event gives null (the
 * documented answer), and any four bytes give exactly the fields they encode (§2.3), whatever the E, R and volume
 * bits, event code and duration. And key presses sent the way senders send them (updates, the end packet three times,
 * §2.5.1.4) are each counted once however the network treats their packets: duplicated, reordered, lost (all but
 * one) or late into the next key press. Each case runs over many seeds; a failure names its seed.
 */
class TelephoneEventFuzzTest {
  private static final int SEEDS = 400;
  private static final String DTMF_SYMBOLS = "0123456789*#ABCD!";

  @Test
  void everyBitPatternOfTheFlagsByteParsesIntoItsFields() {
    for (int flags = 0; flags < 256; flags++) {
      for (int event : new int[] {0, 9, 11, 16, 17, 36, 255}) {
        for (int duration : new int[] {0, 1, 160, 0x7FFF, 0x8000, 0xFFFF}) {
          ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {
              (byte) event, (byte) flags, (byte) (duration >> 8), (byte) duration});
          TelephoneEvent parsed = TelephoneEvent.parse(buf, 0, 4);
          assertThat(parsed).as("event %d flags %02x duration %d", event, flags, duration)
              .isEqualTo(new TelephoneEvent(event, (flags & 0x80) != 0, flags & 0x3F, duration));
          assertThat(parsed.isDtmf()).isEqualTo(event <= 16);
          buf.release();
        }
      }
    }
  }

  @Test
  void randomPayloadsOfAnyLengthNeverThrow() {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      TelephoneEventReceiver receiver = new TelephoneEventReceiver();
      int wellFormed = 0;
      for (int p = 0; p < 50; p++) {
        int length = random.nextInt(random.nextBoolean() ? 5 : 40);
        int offset = random.nextInt(12); // the payload sits after an RTP header in the datagram
        byte[] datagram = new byte[offset + length];
        random.nextBytes(datagram);
        ByteBuf buf = Unpooled.wrappedBuffer(datagram);
        TelephoneEvent parsed = TelephoneEvent.parse(buf, offset, length);
        if (length < TelephoneEvent.LENGTH) {
          assertThat(parsed).as("seed %d: %d bytes", seed, length).isNull();
        } else {
          wellFormed++;
          assertThat(encode(parsed)).as("seed %d: the fields give back the bytes, R aside", seed)
              .isEqualTo(withoutReservedBit(datagram, offset));
        }
        receiver.onPacket(p * 20_000_000L, random.nextInt(), random.nextBoolean(), buf, offset, length);
        buf.release();
      }
      assertThat(receiver.packets()).as("seed %d", seed).isEqualTo(wellFormed);
      assertThat(receiver.events()).as("seed %d", seed).isLessThanOrEqualTo(receiver.packets());
      assertThat(receiver.digits().chars()).as("seed %d", seed).allMatch(c -> DTMF_SYMBOLS.indexOf(c) >= 0);
    }
  }

  @Test
  void validEventsRoundTrip() {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      TelephoneEvent event = new TelephoneEvent(random.nextInt(256), random.nextBoolean(), random.nextInt(64),
          random.nextInt(0x10000));
      ByteBuf buf = Unpooled.wrappedBuffer(encode(event));
      assertThat(TelephoneEvent.parse(buf, 0, 4)).as("seed %d", seed).isEqualTo(event);
      buf.release();
    }
  }

  @Test
  void eachKeyPressIsCountedOnceHoweverItsPacketsArrive() {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      List<Packet> sent = new ArrayList<>();
      StringBuilder keys = new StringBuilder();
      int timestamp = random.nextInt();
      List<List<Packet>> presses = new ArrayList<>();
      for (int k = 1 + random.nextInt(12); k > 0; k--) {
        int key = random.nextInt(17);
        keys.append(TelephoneEvent.symbolOf(key));
        presses.add(arrivals(random, keyPress(key, timestamp, 2 + random.nextInt(10))));
        timestamp += 4000 + random.nextInt(8000); // the press and the pause after it: 0.5 to 1.5 s
      }
      for (int k = 0; k + 1 < presses.size(); k++) { // some of a press's last packets arrive during the next one
        List<Packet> late = presses.get(k);
        List<Packet> next = presses.get(k + 1);
        for (int n = random.nextInt(4); n > 0 && late.size() > 1; n--) {
          next.add(1 + random.nextInt(next.size()), late.remove(late.size() - 1));
        }
      }
      presses.forEach(sent::addAll);
      int tones = random.nextInt(3); // a fax tone in between is no key press
      for (int t = 0; t < tones; t++) {
        sent.add(random.nextInt(sent.size() + 1), new Packet(random.nextInt(), new TelephoneEvent(36, false, 10, 800)));
      }

      List<KeyPress> reported = new ArrayList<>();
      TelephoneEventReceiver receiver = new TelephoneEventReceiver(reported::add);
      long now = 0;
      for (Packet p : sent) {
        ByteBuf buf = Unpooled.wrappedBuffer(encode(p.event()));
        now += 20_000_000L;
        receiver.onPacket(now, p.timestamp(), random.nextInt(3) == 0, buf, 0, 4);
        buf.release();
      }
      receiver.flush(); // the call ends: a last press whose end packets were all lost is reported now
      assertThat(reported).as("seed %d", seed).hasSize(keys.length());
      assertThat(receiver.digits()).as("seed %d", seed).isEqualTo(keys.toString());
      assertThat(receiver.events()).as("seed %d", seed).isEqualTo(keys.length());
      assertThat(receiver.packets()).as("seed %d", seed).isEqualTo(sent.size());
    }
  }

  /** One key press as RFC 4733 §2.5.1 sends it: a packet per 20 ms with growing duration, then the end three times. */
  private static List<Packet> keyPress(int key, int timestamp, int updates) {
    List<Packet> packets = new ArrayList<>();
    for (int i = 1; i <= updates; i++) {
      packets.add(new Packet(timestamp, new TelephoneEvent(key, false, 10, 160 * i)));
    }
    for (int i = 0; i < 3; i++) {
      packets.add(new Packet(timestamp, new TelephoneEvent(key, true, 10, 160 * updates)));
    }
    return packets;
  }

  /** The packets as they arrive: some lost (never all), some twice, in any order. */
  private static List<Packet> arrivals(Random random, List<Packet> packets) {
    List<Packet> out = new ArrayList<>();
    for (Packet p : packets) {
      if (random.nextInt(4) != 0) {
        out.add(p);
      }
      if (random.nextInt(6) == 0) {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      out.add(packets.get(random.nextInt(packets.size())));
    }
    Collections.shuffle(out, random);
    return out;
  }

  private static byte[] encode(TelephoneEvent e) {
    return new byte[] {(byte) e.event(), (byte) ((e.end() ? 0x80 : 0) | e.volume()), (byte) (e.duration() >> 8),
        (byte) e.duration()};
  }

  /** The first event's four bytes with the R bit cleared: receivers ignore it (§2.3). */
  private static byte[] withoutReservedBit(byte[] datagram, int offset) {
    return new byte[] {datagram[offset], (byte) (datagram[offset + 1] & ~0x40), datagram[offset + 2],
        datagram[offset + 3]};
  }

  private record Packet(int timestamp, TelephoneEvent event) {}
}
