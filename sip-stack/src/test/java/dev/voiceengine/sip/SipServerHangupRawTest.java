package dev.voiceengine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.jain.SipServer;
import dev.voiceengine.testsupport.sip.Sipp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-written SIP over a raw socket: a missing ACK, hang-ups before the ACK or while ringing, and shutdown. */
class SipServerHangupRawTest extends RawSipServerFixture {
  @Test
  void missingAckEndsTheCallWithByeAndFailed() throws Exception {
    start(Duration.ZERO, Duration.ofSeconds(1));
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("invite_pcmu.sip", Map.of("to", "5551234")));
      assertThat(c.awaitStatus(200, WAIT)).isNotNull();
      String bye = c.awaitRequest("BYE", WAIT);
      assertThat(bye).as("BYE after the ACK timeout").isNotNull();
      c.ok(bye);
      String ref = listener.await("ended").ref();
      assertThat(listener.kinds(ref)).containsExactly("invite", "media", "ended");
      assertThat(listener.events(ref).get(2).detail()).isEqualTo(CallEnd.FAILED);
    }
    assertThat(server.activeCalls()).isZero();
  }

  @Test
  void hangupBeforeTheAckSendsByeOnceTheAckComes() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("invite_pcmu.sip", Map.of("to", "5551234")));
      String ok = c.awaitStatus(200, WAIT);
      String ref = listener.await("invite").ref();
      server.hangup(ref);
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.LOCAL_BYE);
      assertThat(server.activeCalls()).isZero();
      assertThat(c.awaitRequest("BYE", Duration.ofMillis(300))).as("no BYE before the ACK").isNull();

      c.send(c.fixture("ack.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(ok))));
      String bye = c.awaitRequest("BYE", WAIT);
      assertThat(bye).isNotNull();
      c.ok(bye);
      assertThat(listener.kinds(ref)).containsExactly("invite", "media", "ended");
    }
  }

  /** close() right after a hangup whose BYE waits for the ACK: the BYE goes out, ACK or not. */
  @Test
  void closeSendsTheByeOwedByACallHungUpBeforeItsAck() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("invite_pcmu.sip", Map.of("to", "5551234")));
      assertThat(c.awaitStatus(200, WAIT)).isNotNull();
      String ref = listener.await("invite").ref();
      server.hangup(ref);
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.LOCAL_BYE);

      Thread closer = new Thread(server::close);
      closer.start();
      String bye = c.awaitRequest("BYE", WAIT);
      assertThat(bye).as("the owed BYE, sent at close").isNotNull();
      c.ok(bye);
      closer.join(WAIT.toMillis());
      assertThat(closer.isAlive()).isFalse();
      assertThat(listener.kinds(ref)).containsExactly("invite", "media", "ended");
    }
  }

  /** close() while our 200 waits for its ACK: the BYE follows the ACK (RFC 3261 §15) rather than racing it. */
  @Test
  void closeWhileA200AwaitsItsAckByesTheCall() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("invite_pcmu.sip", Map.of("to", "5551234")));
      String ok = c.awaitStatus(200, WAIT);
      assertThat(ok).isNotNull();
      String ref = listener.await("invite").ref();

      Thread closer = new Thread(server::close);
      closer.start();
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.SHUTDOWN);
      c.send(c.fixture("ack.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(ok))));
      String bye = c.awaitRequest("BYE", WAIT);
      assertThat(bye).isNotNull();
      c.ok(bye);
      closer.join(WAIT.toMillis());
      assertThat(closer.isAlive()).isFalse();
    }
  }

  @Test
  void delayedOfferWithAnUnusableAnswerInTheAckIsHungUp() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      String ok = c.sendUntil(c.fixture("invite_no_sdp.sip", Map.of("to", "5551234")), 200, WAIT);
      assertThat(ok).isNotNull();
      assertThat(RawSipClient.body(ok)).contains("m=audio 40000 RTP/AVP 0 8 101");
      c.send(c.fixture("ack_g729_answer.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(ok))));
      String bye = c.awaitRequest("BYE", WAIT);
      assertThat(bye).isNotNull();
      c.ok(bye);
      String ref = listener.await("ended").ref();
      assertThat(listener.kinds(ref)).containsExactly("invite", "ended");
      assertThat(listener.events(ref).get(1).detail()).isEqualTo(CallEnd.FAILED);
    }
  }

  @Test
  void hangupWhileRingingSends480() throws Exception {
    start(Duration.ofSeconds(30), SipServer.ACK_TIMEOUT);
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("invite_pcmu.sip", Map.of("to", "5551234")));
      assertThat(c.awaitStatus(180, WAIT)).isNotNull();
      String ref = listener.await("invite").ref();
      assertThat(server.activeCalls()).isEqualTo(1);
      server.hangup(ref);
      String r = c.awaitStatus(480, WAIT);
      assertThat(r).isNotNull();
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.LOCAL_BYE);
      assertThat(listener.kinds(ref)).containsExactly("invite", "ended");
    }
  }

  @Test
  void listenerRefusalGoesOutWithItsStatus() throws Exception {
    listener.inviteHandler = call -> {
      throw new CallRejectedException(503, "no RTP port free");
    };
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("invite_pcmu.sip", Map.of("to", "5551234")));
      String r = c.awaitStatus(503, WAIT);
      assertThat(r).isNotNull();
      assertThat(RawSipClient.header(r, "Retry-After")).isEqualTo("30");
    }
    RecordingListener.Rejection rejection = (RecordingListener.Rejection) listener.await("rejected").detail();
    assertThat(rejection.status()).isEqualTo(503);
    assertThat(rejection.reason()).isEqualTo("no RTP port free");
    assertThat(server.activeCalls()).isZero();
  }

  @Test
  void closeHangsUpLiveCallsWithShutdown() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      establish(c);
      String ref = listener.await("confirmed").ref();
      Thread closer = new Thread(server::close);
      closer.start();
      String bye = c.awaitRequest("BYE", WAIT);
      assertThat(bye).isNotNull();
      c.ok(bye);
      closer.join(WAIT.toMillis());
      assertThat(closer.isAlive()).isFalse();
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.SHUTDOWN);
    }
    server.close(); // again: no-op
    server.hangup("anything"); // after close: no-op
  }
}
