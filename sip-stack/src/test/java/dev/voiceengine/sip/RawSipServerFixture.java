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

/** A SIP server on a free port and a listener recording its callbacks, for tests that speak SIP over raw sockets. */
abstract class RawSipServerFixture {
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path tmp;
  final RecordingListener listener = new RecordingListener();
  SipServer server;

  SipServer start(Duration answerDelay, Duration ackTimeout) throws Exception {
    server = new SipServer(SipServerSippTest.settings(10, answerDelay, Map.of("*", "demo")), listener, ackTimeout);
    server.start();
    return server;
  }

  SipServer start() throws Exception {
    return start(Duration.ZERO, SipServer.ACK_TIMEOUT);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** INVITE, 200, ACK: returns the 200. */
  String establish(RawSipClient c) throws Exception {
    String ok = c.sendUntil(c.fixture("invite_pcmu.sip", Map.of("to", "5551234")), 200, WAIT);
    assertThat(ok).as("200 OK to INVITE").isNotNull();
    c.send(c.fixture("ack.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(ok))));
    listener.await("confirmed");
    return ok;
  }

  /** BYE from the client for a call {@link #establish} made. */
  void hangUp(RawSipClient c, String ok) throws Exception {
    hangUp(c, ok, "5551234");
  }

  void hangUp(RawSipClient c, String ok, String to) throws Exception {
    c.send(c.fixture("bye.sip", Map.of("to", to, "toTag", RawSipClient.toTag(ok))));
    assertThat(c.awaitStatus(200, WAIT)).isNotNull();
    listener.await("ended");
  }
}
