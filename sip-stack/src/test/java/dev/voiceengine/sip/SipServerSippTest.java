package dev.voiceengine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.jain.SipServer;
import dev.voiceengine.testsupport.sip.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SipServer on 127.0.0.1, port 0, against SIPp as a real peer. */
class SipServerSippTest {
  @TempDir Path tmp;
  private final RecordingListener listener = new RecordingListener();
  private SipServer server;

  static SipSettings settings(int maxCalls, Duration answerDelay, Map<String, String> numbers) {
    return new SipSettings("127.0.0.1", 0, List.of("udp", "tcp"), maxCalls, Duration.ofSeconds(30), answerDelay,
        List.of(new TrunkSettings("local", List.of("127.0.0.1/32"), numbers)), "voice-engine/test");
  }

  private SipServer start(SipSettings settings) throws Exception {
    server = new SipServer(settings, listener);
    server.start();
    return server;
  }

  private SipServer start() throws Exception {
    return start(settings(10, Duration.ZERO, Map.of("*", "demo")));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void assertSucceeded(Sipp sipp, int exit) throws Exception {
    assertThat(exit).as("sipp exit code\n%s", sipp.output()).isZero();
  }

  private static Map<String, String> reject(int status, String formats, String rtpmaps, String expect) {
    return Map.of("@STATUS@", Integer.toString(status), "@FORMATS@", formats, "@RTPMAPS@", rtpmaps,
        "@EXPECT@", expect);
  }

  private static final String PCMU_TE = "a=rtpmap:0 PCMU/8000\n      a=rtpmap:101 telephone-event/8000";

  @Test
  void normalCallOverUdp() throws Exception {
    start();
    Sipp sipp = Sipp.call(tmp, "uac", "127.0.0.1", server.port(), "agent");
    assertSucceeded(sipp, sipp.run());

    String ref = listener.await("ended").ref();
    assertThat(listener.kinds(ref)).containsExactly("invite", "media", "confirmed", "ended");
    InboundCall call = (InboundCall) listener.events(ref).get(0).detail();
    assertThat(call.toNumber()).isEqualTo("agent");
    assertThat(call.fromNumber()).isEqualTo("sipp");
    assertThat(call.trunkId()).isEqualTo("local");
    assertThat(call.agentId()).isEqualTo("demo");
    assertThat(call.source().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(call.offer().encoding()).isEqualTo("PCMU");
    MediaDescription media = (MediaDescription) listener.events(ref).get(1).detail();
    assertThat(media).isEqualTo(call.offer());
    assertThat(media.telephoneEventPayloadType()).isEqualTo(-1);
    assertThat(listener.events(ref).get(3).detail()).isEqualTo(CallEnd.REMOTE_BYE);
    assertThat(server.activeCalls()).isZero();
  }

  @Test
  void normalCallOverTcp() throws Exception {
    start();
    Sipp sipp = Sipp.call(tmp, "uac", "127.0.0.1", server.port(), "agent", "-t", "t1");
    assertSucceeded(sipp, sipp.run());

    String ref = listener.await("ended").ref();
    assertThat(listener.kinds(ref)).containsExactly("invite", "media", "confirmed", "ended");
    assertThat(listener.events(ref).get(3).detail()).isEqualTo(CallEnd.REMOTE_BYE);
  }

  @Test
  void unknownSourceGets403AndNoRecord() throws Exception {
    start();
    Sipp sipp = Sipp.call(tmp, "uac_reject.xml", reject(403, "0 101", PCMU_TE, "SIP/2.0 403"), "127.0.0.2",
        server.port(), "agent");
    assertSucceeded(sipp, sipp.run());
    assertThat(listener.events()).isEmpty();
  }

  @Test
  void unknownNumberGets404() throws Exception {
    start(settings(10, Duration.ZERO, Map.of("+15551000", "sales")));
    Sipp sipp = Sipp.call(tmp, "uac_reject.xml", reject(404, "0 101", PCMU_TE, "SIP/2.0 404"), "127.0.0.1",
        server.port(), "999");
    assertSucceeded(sipp, sipp.run());

    RecordingListener.Rejection r = (RecordingListener.Rejection) listener.await("rejected").detail();
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.call().trunkId()).isEqualTo("local");
    assertThat(r.call().agentId()).isNull();
    assertThat(r.call().toNumber()).isEqualTo("999");
    assertThat(listener.events()).extracting(RecordingListener.Event::kind).containsExactly("rejected");
  }

  @Test
  void offerWithoutCommonCodecGets488() throws Exception {
    start();
    Sipp sipp = Sipp.call(tmp, "uac_reject.xml", reject(488, "18", "a=rtpmap:18 G729/8000", "SIP/2.0 488"),
        "127.0.0.1", server.port(), "agent");
    assertSucceeded(sipp, sipp.run());

    RecordingListener.Rejection r = (RecordingListener.Rejection) listener.await("rejected").detail();
    assertThat(r.status()).isEqualTo(488);
    assertThat(r.reason()).contains("G729/8000");
    assertThat(r.call().agentId()).isEqualTo("demo");
  }

  @Test
  void unparseableSdpGets400SayingWhy() throws Exception {
    start();
    Sipp sipp = Sipp.call(tmp, "uac_reject.xml", reject(400, "0", "a=rtpmap:0 PCMU", "SIP/2.0 400 Bad SDP: .*rtpmap"),
        "127.0.0.1", server.port(), "agent");
    assertSucceeded(sipp, sipp.run());

    RecordingListener.Rejection r = (RecordingListener.Rejection) listener.await("rejected").detail();
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.reason()).contains("rtpmap");
  }

  @Test
  void cancelWhileRingingGets487() throws Exception {
    start(settings(10, Duration.ofSeconds(2), Map.of("*", "demo")));
    Sipp sipp = Sipp.call(tmp, "uac_cancel.xml", "127.0.0.1", server.port(), "agent");
    assertSucceeded(sipp, sipp.run());

    String ref = listener.await("ended").ref();
    assertThat(listener.kinds(ref)).containsExactly("invite", "ended");
    assertThat(listener.events(ref).get(1).detail()).isEqualTo(CallEnd.CANCELED);
    assertThat(server.activeCalls()).isZero();
  }

  @Test
  void overCapacityGets503WithRetryAfter() throws Exception {
    start(settings(1, Duration.ZERO, Map.of("*", "demo")));
    Sipp first = Sipp.call(tmp, "uac_wait_bye.xml", "127.0.0.1", server.port(), "agent").start();
    try {
      String ref = listener.await("confirmed").ref();
      assertThat(server.activeCalls()).isEqualTo(1);

      Sipp second = Sipp.call(tmp, "uac_reject.xml", reject(503, "0 101", PCMU_TE, "Retry-After: 30"), "127.0.0.1",
          server.port(), "agent");
      assertSucceeded(second, second.run());
      RecordingListener.Rejection r = (RecordingListener.Rejection) listener.await("rejected").detail();
      assertThat(r.status()).isEqualTo(503);

      server.hangup(ref);
      assertSucceeded(first, first.await());
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.LOCAL_BYE);
    } finally {
      first.kill();
    }
  }

  @Test
  void serverHangupSendsByeOverUdp() throws Exception {
    serverHangup();
  }

  @Test
  void serverHangupSendsByeOverTcp() throws Exception {
    serverHangup("-t", "t1");
  }

  private void serverHangup(String... extra) throws Exception {
    start();
    Sipp sipp = Sipp.call(tmp, "uac_wait_bye.xml", "127.0.0.1", server.port(), "agent", extra).start();
    try {
      String ref = listener.await("confirmed").ref();
      MediaDescription media = (MediaDescription) listener.await("media", ref).detail();
      assertThat(media.encoding()).isEqualTo("PCMA");
      assertThat(media.payloadType()).isEqualTo(8);
      assertThat(media.telephoneEventPayloadType()).isEqualTo(101);

      server.hangup(ref);
      server.hangup(ref);
      server.hangup("no-such-call");
      assertSucceeded(sipp, sipp.await());
      assertThat(listener.kinds(ref)).containsExactly("invite", "media", "confirmed", "ended");
      assertThat(listener.events(ref).get(3).detail()).isEqualTo(CallEnd.LOCAL_BYE);
      assertThat(server.activeCalls()).isZero();
    } finally {
      sipp.kill();
    }
  }

  @Test
  void delayedOfferTakesTheAnswerFromTheAck() throws Exception {
    start();
    Sipp sipp = Sipp.call(tmp, "uac_delayed_offer.xml", "127.0.0.1", server.port(), "agent");
    assertSucceeded(sipp, sipp.run());

    String ref = listener.await("ended").ref();
    assertThat(listener.kinds(ref)).containsExactly("invite", "media", "confirmed", "ended");
    InboundCall call = (InboundCall) listener.events(ref).get(0).detail();
    assertThat(call.offer()).isNull();
    MediaDescription media = (MediaDescription) listener.events(ref).get(1).detail();
    assertThat(media.encoding()).isEqualTo("PCMA");
    assertThat(media.telephoneEventPayloadType()).isEqualTo(101);
    assertThat(media.ptimeMillis()).isEqualTo(30);
  }

  @Test
  void reInviteHoldAndUnholdAreAnsweredConsistently() throws Exception {
    start();
    Sipp sipp = Sipp.call(tmp, "uac_reinvite_hold.xml", "127.0.0.1", server.port(), "agent");
    assertSucceeded(sipp, sipp.run());

    String ref = listener.await("ended").ref();
    assertThat(listener.kinds(ref)).containsExactly("invite", "media", "confirmed", "media", "media", "media",
        "media", "ended");
    List<MediaDescription> media = listener.events(ref).stream().filter(e -> e.kind().equals("media"))
        .map(e -> (MediaDescription) e.detail()).toList();
    assertThat(media).extracting(MediaDescription::direction)
        .containsExactly("sendrecv", "sendonly", "sendrecv", "sendrecv", "sendrecv");
    assertThat(media).extracting(MediaDescription::address)
        .containsExactly("127.0.0.1", "127.0.0.1", "0.0.0.0", "127.0.0.1", "127.0.0.1");
    assertThat(media).extracting(MediaDescription::remoteReceives)
        .containsExactly(true, false, false, true, true);
    assertThat(media).extracting(MediaDescription::remoteSends)
        .containsExactly(true, true, false, true, true);
    assertThat(media).extracting(MediaDescription::encoding)
        .containsExactly("PCMU", "PCMU", "PCMU", "PCMU", "PCMA");
    assertThat(listener.events(ref).get(7).detail()).isEqualTo(CallEnd.REMOTE_BYE);
  }
}
