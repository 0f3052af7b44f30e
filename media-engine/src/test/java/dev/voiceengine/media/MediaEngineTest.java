package dev.voiceengine.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.media.codec.MuLaw;
import dev.voiceengine.media.record.WavFormat;
import dev.voiceengine.media.record.WavReader;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPacketParser;
import dev.voiceengine.media.session.RemoteMedia;
import dev.voiceengine.proto.control.v1.CallEnded;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.proto.control.v1.MediaStats;
import dev.voiceengine.testsupport.net.FreePorts;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine over real loopback UDP: a DatagramSocket plays the caller. Waits are bounded, never timed. */
class MediaEngineTest {
  private static final long WAIT_SECONDS = 10;

  @TempDir
  Path dataDir;

  private final BlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  @Test
  void answeredCallExchangesPacedRtpAndRecordsBothSides() throws Exception {
    int base = FreePorts.block(100);
    MediaEngine engine = engine(base, base + 98, Duration.ofSeconds(30));
    DatagramSocket caller = socket();
    String callId = UUID.randomUUID().toString();
    CallSession session = engine.open(info(callId), outcome -> { });
    assertThat(session.localAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(session.localAddress().getPort() % 2).isZero();
    assertThat(engine.activeSessions()).isEqualTo(1);
    assertThat(engine.session(callId)).as("found by the call's id").isSameAs(session);
    assertThat(session.info().callId()).isEqualTo(callId);

    CallEvent offered = next();
    assertThat(offered.getCallId()).isEqualTo(callId);
    assertThat(offered.getOffered().getFromNumber()).isEqualTo("+15551230001");
    assertThat(offered.getOffered().getDirection()).isEqualTo(Direction.INBOUND);

    session.updateRemote(new RemoteMedia(
        (InetSocketAddress) caller.getLocalSocketAddress(), 0, "PCMU", 101, true, true));
    session.answer(tone(1600, 6000)); // 0.2 s greeting
    CallEvent answered = next();
    assertThat(answered.getAnswered().getCodec()).isEqualTo("PCMU/8000");
    assertThat(answered.getAnswered().getRecording()).isEqualTo("recordings/" + callId + ".wav");

    // The caller speaks for one second, one packet per 20 ms, and listens.
    for (int i = 0; i < 50; i++) {
      caller.send(rtp(i, 8000 + 160 * i, tone(160, 4000), session.localAddress()));
      Thread.sleep(20);
    }
    List<RtpPacket> heard = receive(caller, 40);
    session.end("caller_hangup", "");
    session.end("api_hangup", "ignored: already ending");
    session.ended().get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(heard).hasSizeGreaterThanOrEqualTo(40);
    RtpPacket first = heard.get(0);
    assertThat(first.marker()).isTrue();
    int previous = first.timestamp() - 160;
    for (int i = 0; i < heard.size(); i++) {
      RtpPacket p = heard.get(i);
      assertThat(p.payloadType()).isZero();
      assertThat(p.payloadLength()).isEqualTo(160);
      assertThat(p.ssrc()).isEqualTo(first.ssrc());
      assertThat(p.sequenceNumber()).isEqualTo((first.sequenceNumber() + i) & 0xFFFF);
      // one frame later each, or whole frames later when the loop stalled and the beat skipped frames (the timestamp
      // keeps the sampling clock, RFC 3550 §5.1): seen on a loaded CI host, 7 frames skipped once
      int advance = p.timestamp() - previous;
      assertThat(advance).as("packet %d", i).isGreaterThanOrEqualTo(160);
      assertThat(advance % 160).as("packet %d", i).isZero();
      previous = p.timestamp();
      p.release();
    }

    CallEvent endedEvent = next();
    CallEnded ended = endedEvent.getEnded();
    assertThat(ended.getOutcome()).isEqualTo("caller_hangup");
    assertThat(ended.getRecording()).isEqualTo("recordings/" + callId + ".wav");
    assertThat(ended.getRecordingSeconds()).isGreaterThan(0.8);
    MediaStats stats = ended.getMedia();
    assertThat(stats.getPacketsIn()).isEqualTo(50);
    assertThat(stats.getBytesIn()).isEqualTo(50 * 172);
    assertThat(stats.getPacketsLost()).isZero();
    assertThat(stats.getPacketsInvalid()).isZero();
    assertThat(stats.getPacketsOut()).isGreaterThanOrEqualTo(heard.size());
    assertThat(stats.getBytesOut()).isEqualTo(stats.getPacketsOut() * 172);
    assertThat(stats.getJitterMs()).isGreaterThanOrEqualTo(0);
    assertThat(events).isEmpty(); // one CallEnded only
    assertThat(engine.activeSessions()).isZero();
    assertThat(engine.session(callId)).as("gone once CallEnded is out").isNull();

    WavReader.WavData wav = WavReader.read(dataDir.resolve(ended.getRecording()));
    assertThat(wav.format()).isEqualTo(WavFormat.CALL_STEREO);
    assertThat(wav.frames() / 8000.0).isEqualTo(ended.getRecordingSeconds());
    short[] s = wav.samples();
    assertThat(peak(s, 0)).as("caller, left").isGreaterThan(3000);
    assertThat(peak(s, 1)).as("agent greeting, right").isGreaterThan(5000);
    assertThat(s[1]).as("the greeting starts at answer").isNotZero();
  }

  @Test
  void noMediaTimeoutAsksSignallingToHangUpOnce() throws Exception {
    int base = FreePorts.block(12);
    MediaEngine engine = engine(base, base + 10, Duration.ofMillis(300));
    BlockingQueue<String> hangups = new LinkedBlockingQueue<>();
    CallSession session = engine.open(info("no-media"), hangups::add);
    session.updateRemote(new RemoteMedia(new InetSocketAddress("127.0.0.1", 9), 0, "PCMU", -1, true, true));
    session.answer(new short[0]);
    assertThat(hangups.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("no_media_timeout");
    assertThat(session.hangupOutcome()).as("kept for when signalling reports our BYE").isEqualTo("no_media_timeout");
    session.end("no_media_timeout", "");
    session.ended().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(hangups).isEmpty();
  }

  @Test
  void portsRunOutAndBusyPortsAreSkipped() throws Exception {
    int base = FreePorts.block(4);
    try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", base))) {
      MediaEngine engine = engine(base, base + 2, Duration.ofSeconds(30));
      CallSession a = engine.open(info("a"), o -> { });
      assertThat(a.localAddress().getPort()).isEqualTo(base + 2);
      assertThatThrownBy(() -> engine.open(info("b"), o -> { })).isInstanceOf(NoFreePortException.class);
      a.end("caller_hangup", "");
      a.ended().get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(squatter.getLocalPort()).isEqualTo(base);
    }
    int single = FreePorts.block(2);
    MediaEngine engine = engine(single, single, Duration.ofSeconds(30));
    CallSession first = engine.open(info("first"), o -> { });
    first.end("caller_hangup", "");
    first.ended().get(WAIT_SECONDS, TimeUnit.SECONDS);
    CallSession again = engine.open(info("again"), o -> { }); // the port was released
    assertThat(again.localAddress().getPort()).isEqualTo(single);
  }

  @Test
  void endBeforeAnswerEmitsNoAnswerAndAnswerAfterEndIsIgnored() throws Exception {
    int base = FreePorts.block(12);
    MediaEngine engine = engine(base, base + 10, Duration.ofSeconds(30));
    CallSession session = engine.open(info("early"), o -> { });
    assertThat(next().hasOffered()).isTrue();
    session.end("canceled", "");
    session.answer(new short[160]);
    session.ended().get(WAIT_SECONDS, TimeUnit.SECONDS);
    CallEvent ended = next();
    assertThat(ended.getEnded().getOutcome()).isEqualTo("canceled");
    assertThat(ended.getEnded().getRecording()).isEmpty();
    assertThat(ended.getEnded().getRecordingSeconds()).isZero();
    assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void closeEndsEveryLiveCall() throws Exception {
    int base = FreePorts.block(12);
    MediaEngine engine = new MediaEngine(settings(base, base + 10, Duration.ofSeconds(30)), events::add);
    CallSession answered = engine.open(info("one"), o -> { });
    CallSession ringing = engine.open(info("two"), o -> { });
    answered.updateRemote(new RemoteMedia(new InetSocketAddress("127.0.0.1", 9), 8, "PCMA", -1, true, true));
    answered.answer(tone(800, 3000));
    engine.close();
    engine.close(); // idempotent
    assertThat(answered.ended()).isDone();
    assertThat(ringing.ended()).isDone();
    assertThat(engine.activeSessions()).isZero();
    List<CallEvent> all = new ArrayList<>(events);
    assertThat(all.stream().filter(CallEvent::hasEnded).map(e -> e.getEnded().getOutcome()))
        .containsExactly("engine_shutdown", "engine_shutdown");
    assertThat(all.stream().filter(CallEvent::hasAnswered).findFirst().orElseThrow().getAnswered().getCodec())
        .isEqualTo("PCMA/8000");
    assertThatThrownBy(() -> engine.open(info("late"), o -> { })).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void everyLoopAnswersAPingUntilTheEngineCloses() throws Exception {
    int base = FreePorts.block(4);
    MediaEngine engine = new MediaEngine(new MediaSettings("127.0.0.1", base, base + 2, Duration.ofSeconds(30),
        dataDir, false, Duration.ofMillis(60), 3), events::add);
    engine.pingLoops().get(WAIT_SECONDS, TimeUnit.SECONDS);
    engine.close();
    assertThat(engine.pingLoops()).isCompletedExceptionally();
  }

  /** Keys and mute through the session: refused before answer, sent on the call's stream after, bad keys refused. */
  @Test
  void sendDtmfAndMuteAgentThroughTheSession() throws Exception {
    int base = FreePorts.block(100);
    MediaEngine engine = engine(base, base + 98, Duration.ofSeconds(30));
    DatagramSocket caller = socket();
    CallSession session = engine.open(info(UUID.randomUUID().toString()), outcome -> { });
    next();
    session.updateRemote(new RemoteMedia(
        (InetSocketAddress) caller.getLocalSocketAddress(), 0, "PCMU", 101, true, true));
    assertThatThrownBy(() -> session.sendDtmf("12x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> session.sendDtmf("1").get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> session.muteAgent(true).get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(session.acceptsDtmf()).isFalse();
    session.answer(new short[0]);
    next();
    session.muteAgent(true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(session.acceptsDtmf()).isTrue();
    session.sendDtmf("9").get(WAIT_SECONDS, TimeUnit.SECONDS);
    StringBuilder heard = new StringBuilder();
    dev.voiceengine.media.dtmf.TelephoneEventReceiver back = new dev.voiceengine.media.dtmf.TelephoneEventReceiver();
    for (RtpPacket p : receive(caller, 20)) {
      if (p.payloadType() == 101) {
        back.onPacket(0, p.timestamp(), p.marker(), p.content(), p.payloadIndex(), p.payloadLength());
      }
      p.release();
    }
    heard.append(back.digits());
    assertThat(heard.toString()).isEqualTo("9");
    session.updateRemote(new RemoteMedia(
        (InetSocketAddress) caller.getLocalSocketAddress(), 0, "PCMU", -1, true, true));
    assertThatThrownBy(() -> session.sendDtmf("1").get(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("the far end no longer offers telephone-event").hasCauseInstanceOf(IllegalStateException.class);
    session.end("caller_hangup", "");
    session.ended().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(session.acceptsDtmf()).isFalse();
  }

  @Test
  void rejectedCallEvent() {
    CallEvent e = CallEvents.rejected("r-1", 488, "Not Acceptable Here");
    assertThat(e.getCallId()).isEqualTo("r-1");
    assertThat(e.getEnded().getOutcome()).isEqualTo("rejected");
    assertThat(e.getEnded().getError()).isEqualTo("488 Not Acceptable Here");
    assertThat(e.getEnded().getSipStatus()).isEqualTo(488);
    assertThat(e.getOccurredAt().getSeconds()).isPositive();
    assertThat(CallEvents.offered(new CallInfo("x", null, null, null, null, null, null, null)).getOffered()
        .getDirection()).isEqualTo(Direction.DIRECTION_UNSPECIFIED);
  }

  @Test
  void callIdsAreMadeSafeFileNames() {
    assertThat(CallSession.safeFileName("../../etc/passwd")).isEqualTo("______etc_passwd");
    assertThat(CallSession.safeFileName("0b6c-AF_1")).isEqualTo("0b6c-AF_1");
  }

  private MediaEngine engine(int min, int max, Duration noMedia) {
    MediaEngine engine = new MediaEngine(settings(min, max, noMedia), events::add);
    closeables.add(engine);
    return engine;
  }

  private MediaSettings settings(int min, int max, Duration noMedia) {
    return new MediaSettings("127.0.0.1", min, max, noMedia, dataDir, true, Duration.ofMillis(60), 1);
  }

  private DatagramSocket socket() throws Exception {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    closeables.add(s);
    return s;
  }

  private static CallInfo info(String callId) {
    return new CallInfo(callId, "sip-" + callId, Direction.INBOUND, "+15551230001", "+15550009999", "demo",
        "local", "127.0.0.1:5060");
  }

  private CallEvent next() throws InterruptedException {
    CallEvent e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(e).as("an event within %d s", WAIT_SECONDS).isNotNull();
    return e;
  }

  static short[] tone(int samples, int amplitude) {
    short[] s = new short[samples];
    for (int i = 0; i < samples; i++) {
      s[i] = (short) (amplitude * Math.sin(2 * Math.PI * 440 * i / 8000.0));
    }
    // start on a non-zero sample so "audio at the start" is checkable
    s[0] = (short) amplitude;
    return s;
  }

  private static DatagramPacket rtp(int seq, int ts, short[] pcm, InetSocketAddress to) {
    ByteBuffer b = ByteBuffer.allocate(12 + pcm.length);
    b.put((byte) 0x80).put((byte) (seq == 0 ? 0x80 : 0)).putShort((short) seq).putInt(ts).putInt(0x5151);
    for (short s : pcm) {
      b.put(MuLaw.encode(s));
    }
    return new DatagramPacket(b.array(), b.position(), to);
  }

  private static List<RtpPacket> receive(DatagramSocket socket, int count) throws Exception {
    List<RtpPacket> packets = new ArrayList<>();
    socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    byte[] buf = new byte[2048];
    try {
      while (packets.size() < count) {
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        socket.receive(d);
        RtpPacket p = RtpPacketParser.parse(Unpooled.copiedBuffer(buf, 0, d.getLength()), null);
        assertThat(p).isNotNull();
        packets.add(p);
      }
    } catch (SocketTimeoutException e) {
      // fall through: the size assertion reports it
    }
    return packets;
  }

  private static int peak(short[] interleaved, int channel) {
    int peak = 0;
    for (int i = channel; i < interleaved.length; i += 2) {
      peak = Math.max(peak, Math.abs(interleaved[i]));
    }
    return peak;
  }

}
