package dev.voiceengine.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.codec.MuLaw;
import dev.voiceengine.media.dtmf.TelephoneEventReceiver;
import dev.voiceengine.media.metrics.MediaMetrics;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketParser;
import dev.voiceengine.media.rtp.RtpPacketWriter;
import dev.voiceengine.proto.control.v1.DtmfReceived;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key presses in (events and the conversation), keys out and the agent muted, on one call's pipeline. */
class CallMediaDtmfTest {
  private static final long MS = 1_000_000;
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 20000);
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 5000);
  private static final short LOUD = 8000;

  private final EmbeddedChannel ch = new EmbeddedChannel();
  private final List<DtmfReceived> events = new ArrayList<>();
  private final Keys audio = new Keys();
  private long now = 5_000 * MS;
  private int seq = 100;
  private CallMedia media;

  @BeforeEach
  void setUp() {
    ch.freezeTime();
    media = new CallMedia("call-1", 60, 0, () -> {}, () -> now, new MediaMetrics());
    media.initChannel(ch);
    media.onDtmf(events::add);
    media.updateRemote(new RemoteMedia(REMOTE, 0, "PCMU", 101, true, true));
  }

  @AfterEach
  void tearDown() {
    ch.finishAndReleaseAll();
  }

  @Test
  void aKeyPressIsOneEventAndReachesTheConversation() {
    media.start(audio, null);
    advance(1000);
    int ts = 8000;
    for (int i = 1; i <= 4; i++) {
      receiveEvent(ts, i == 1, 9, false, 160 * i);
      advance(20);
    }
    assertThat(events).as("nothing before the end packet").isEmpty();
    for (int i = 0; i < 3; i++) {
      receiveEvent(ts, false, 9, true, 960);
    }
    // received 1 s after the answer, the first packet said the key was down for 20 ms already: pressed at 980 ms
    assertThat(events).containsExactly(DtmfReceived.newBuilder().setDigit("9").setAtMs(980).setDurationMs(120)
        .setSource("rfc4733").build());
    assertThat(audio.keys.toString()).isEqualTo("9");
    receiveEvent(ts + 4000, true, 11, false, 160); // '#' whose end never comes: reported when the call stops
    media.stop();
    assertThat(events).extracting(DtmfReceived::getDigit).containsExactly("9", "#");
    assertThat(events.get(1).getDurationMs()).isEqualTo(20);
  }

  @Test
  void sentKeysReplaceTheAgentsAudioOnTheSameStream() {
    media.start(audio, null);
    advance(40);
    sent().forEach(RtpPacket::release);
    CompletableFuture<Void> done = new CompletableFuture<>();
    media.sendDtmf("1#", done);
    advance(20 * 20);
    List<RtpPacket> out = sent();
    TelephoneEventReceiver back = new TelephoneEventReceiver();
    int audioPackets = 0;
    for (int i = 0; i < out.size(); i++) {
      RtpPacket p = out.get(i);
      assertThat(p.sequenceNumber()).isEqualTo((out.get(0).sequenceNumber() + i) & 0xFFFF);
      assertThat(p.ssrc()).isEqualTo(out.get(0).ssrc());
      if (p.payloadType() == 101) {
        assertThat(i).as("the keys come first, 16 frames").isLessThan(16);
        assertThat(p.marker()).isEqualTo(i % 8 == 0);
        assertThat(p.timestamp()).as("each key's start").isEqualTo(out.get(0).timestamp() + 160 * (i / 8 * 8));
        back.onPacket(now, p.timestamp(), p.marker(), p.content(), p.payloadIndex(), p.payloadLength());
      } else {
        audioPackets++;
        assertThat(i).isGreaterThanOrEqualTo(16);
        assertThat(p.timestamp()).as("the clock ran on").isEqualTo(out.get(0).timestamp() + 160 * i);
        assertThat(p.content().getByte(p.payloadIndex())).isEqualTo(MuLaw.encode(LOUD));
      }
      p.release();
    }
    assertThat(back.digits()).isEqualTo("1#");
    assertThat(audioPackets).isEqualTo(out.size() - 16);
    assertThat(done).isCompleted();
  }

  @Test
  void keysFailWhenNotAnsweredOrNotOffered() {
    CompletableFuture<Void> early = new CompletableFuture<>();
    media.sendDtmf("1", early);
    assertThat(early).isCompletedExceptionally();
    media.updateRemote(new RemoteMedia(REMOTE, 0, "PCMU", -1, true, true));
    media.start(audio, null);
    CompletableFuture<Void> notOffered = new CompletableFuture<>();
    media.sendDtmf("1", notOffered);
    assertThat(notOffered).isCompletedExceptionally();
    media.updateRemote(new RemoteMedia(REMOTE, 0, "PCMU", 101, true, true));
    CompletableFuture<Void> cut = new CompletableFuture<>();
    media.sendDtmf("123", cut);
    advance(40);
    media.stop();
    assertThat(cut).isCompletedExceptionally();
  }

  @Test
  void aMutedAgentIsSilentButThePacketsGoOn() {
    media.start(audio, null);
    advance(40);
    media.muteAgent(true);
    advance(100);
    media.muteAgent(false);
    advance(40);
    List<RtpPacket> out = sent();
    assertThat(out).hasSize(3 + 5 + 2);
    for (int i = 0; i < out.size(); i++) {
      RtpPacket p = out.get(i);
      boolean muted = i >= 3 && i < 8;
      assertThat(p.timestamp()).isEqualTo(out.get(0).timestamp() + 160 * i);
      assertThat(p.content().getByte(p.payloadIndex())).as("frame %d", i)
          .isEqualTo(MuLaw.encode(muted ? 0 : LOUD));
      p.release();
    }
    assertThat(audio.frames).as("the conversation went on").isEqualTo(10);
  }

  /** Tones in the caller's audio are keys ("inband") until a telephone-event comes; then only those count. */
  @Test
  void tonesInTheAudioAreKeysUntilTelephoneEventsCome() {
    media.start(audio, null);
    int ts = 0;
    ts = receiveAudio(ts, 10, 0); // silence while the jitter buffer fills
    ts = receiveAudio(ts, 5, '5'); // 100 ms of '5'
    ts = receiveAudio(ts, 10, 0);
    assertThat(events).extracting(DtmfReceived::getDigit).containsExactly("5");
    assertThat(events.get(0).getSource()).isEqualTo("inband");
    assertThat(events.get(0).getDurationMs()).isEqualTo(100);
    receiveEvent(ts, true, 7, true, 800); // the caller's equipment sends telephone-events after all
    ts = receiveAudio(ts, 5, '7'); // and plays the tones too: not counted twice
    ts = receiveAudio(ts, 10, 0);
    media.stop();
    assertThat(events).extracting(DtmfReceived::getDigit).containsExactly("5", "7");
    assertThat(events.get(1).getSource()).isEqualTo("rfc4733");
    assertThat(audio.keys.toString()).isEqualTo("57");
  }

  /**
   * Sends {@code frames} 20 ms PCMU packets of DTMF {@code key} (0: silence), one per tick as a caller would;
   * returns the next timestamp.
   */
  private int receiveAudio(int ts, int frames, int key) {
    double low = key == '5' ? 770 : 852;
    double high = key == '5' ? 1336 : 1209;
    for (int f = 0; f < frames; f++, ts += 160) {
      ByteBuf buf = Unpooled.buffer();
      RtpPacketWriter.writeHeader(buf, false, 0, seq++, ts, 0x1234);
      for (int i = 0; i < 160; i++) {
        double t = (ts + i) / 8000.0;
        double v = key == 0 ? 0 : 4000 * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t));
        buf.writeByte(MuLaw.encode((short) v));
      }
      ch.writeInbound(new DatagramPacket(buf, LOCAL, REMOTE));
      advance(20);
    }
    return ts;
  }

  private void receiveEvent(int timestamp, boolean marker, int event, boolean end, int duration) {
    ByteBuf buf = Unpooled.buffer();
    RtpPacketWriter.writeHeader(buf, marker, 101, seq++, timestamp, 0x1234);
    buf.writeBytes(HexFormat.of().parseHex(String.format("%02x%02x%04x", event, end ? 0x8a : 0x0a, duration)));
    ch.writeInbound(new DatagramPacket(buf, LOCAL, REMOTE));
  }

  private List<RtpPacket> sent() {
    List<RtpPacket> out = new ArrayList<>();
    DatagramPacket d;
    while ((d = ch.readOutbound()) != null) {
      out.add(RtpPacketParser.parse(d.content(), d.recipient()));
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

  /** An agent that always talks and keeps the keys it is told of. */
  private static final class Keys implements CallAudio {
    final StringBuilder keys = new StringBuilder();
    int frames;

    @Override
    public void callerFrame(short[] frame) {}

    @Override
    public boolean agentFrame(short[] out) {
      frames++;
      Arrays.fill(out, LOUD);
      return true;
    }

    @Override
    public void callerKey(char digit) {
      keys.append(digit);
    }
  }
}
