package dev.voiceengine.testsupport.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The caller against a plain socket that echoes what it gets: what it sends, and what it records of the echo. */
class RtpCallerTest {
  @Test
  void sendsPacedPcmuPacketsAndRecordsTheEcho() throws Exception {
    short[] tone = new short[RtpCaller.FRAME * 5 + 40]; // 5¼ frames: the last one is padded with silence
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
    }
    try (DatagramSocket engine = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        RtpCaller caller = new RtpCaller()) {
      caller.start((InetSocketAddress) engine.getLocalSocketAddress(), tone);
      byte[][] sent = new byte[10][];
      for (int i = 0; i < sent.length; i++) {
        DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
        engine.receive(d);
        sent[i] = Arrays.copyOf(d.getData(), d.getLength());
        engine.send(new DatagramPacket(sent[i], sent[i].length, d.getSocketAddress()));
      }

      for (int i = 0; i < sent.length; i++) {
        ByteBuffer b = ByteBuffer.wrap(sent[i]);
        assertThat(sent[i]).hasSize(12 + RtpCaller.FRAME);
        assertThat(b.get(0)).as("version 2").isEqualTo((byte) 0x80);
        assertThat(b.get(1)).as("marker on the first packet only, PT 0").isEqualTo((byte) (i == 0 ? 0x80 : 0));
        assertThat(b.getShort(2)).isEqualTo((short) i);
        assertThat(b.getInt(4)).isEqualTo(RtpCaller.FRAME * i);
      }
      assertThat(G711.ULAW.decode(sent[2][12 + 50])).isCloseTo(tone[2 * RtpCaller.FRAME + 50], Offset.offset((short) 300));
      assertThat(sent[5][12 + 39]).as("the last sample said").isNotEqualTo(RtpCaller.MULAW_SILENCE);
      assertThat(sent[5][12 + 40]).as("silence after it").isEqualTo(RtpCaller.MULAW_SILENCE);
      assertThat(caller.sentNanos(5) - caller.sentNanos(0)).as("five frames of 20 ms")
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100) - TimeUnit.MILLISECONDS.toNanos(1));

      caller.awaitQuiet();
      List<RtpCaller.Received> heard = caller.received();
      assertThat(heard).extracting(RtpCaller.Received::seq).startsWith(0, 1, 2, 3, 4, 5, 6);
      assertThat(heard.get(1).silent()).isFalse();
      assertThat(heard.get(7).silent()).isTrue();
      assertThat(caller.awaitAudibleAfter(0, 1000)).isEqualTo(heard.get(0).nanos());
      assertThat(caller.awaitAudibleAfter(heard.get(5).nanos(), 100)).as("nothing audible after the tone")
          .isEqualTo(-1);
    }
  }

  @Test
  void saySwitchesAtTheNextPacketAndTellsWhenItsLastFrameWentOut() throws Exception {
    try (DatagramSocket engine = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        RtpCaller caller = new RtpCaller(G711.ALAW)) {
      caller.start((InetSocketAddress) engine.getLocalSocketAddress(), "test");
      DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
      engine.receive(d);
      assertThat(d.getData()[1] & 0x7F).as("PCMA").isEqualTo(8);
      assertThat(d.getData()[12]).isEqualTo(G711.ALAW.silence());

      short[] loud = new short[RtpCaller.FRAME * 2];
      Arrays.fill(loud, (short) 10000);
      long last = caller.say(loud).get(2, TimeUnit.SECONDS);
      assertThat(last).isEqualTo(caller.sentNanos(1));
      assertThat(caller.sentNanos(1) - caller.sentNanos(0)).isPositive();
    }
  }
}
