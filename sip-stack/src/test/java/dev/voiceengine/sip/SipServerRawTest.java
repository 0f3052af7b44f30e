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

/** Hand-written SIP over a raw socket: malformed requests, retransmissions, options, extensions and dialled users. */
class SipServerRawTest extends RawSipServerFixture {
  @ParameterizedTest
  @ValueSource(strings = {"bad-cseq", "cseq-method-mismatch", "bad-max-forwards", "missing-max-forwards",
      "not-a-header-line", "bad-via", "bad-from", "bad-contact", "bad-request-uri", "bad-content-length",
      "content-length-too-long"})
  void malformedInviteGets400AndTheServerKeepsServing(String fixture) throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("malformed/" + fixture + ".sip", Map.of("to", "5551234")));
      String response = c.awaitStatus(400, WAIT);
      assertThat(response).as("400 for %s", fixture).isNotNull();
      assertThat(listener.events()).isEmpty();
    }
    try (RawSipClient c = new RawSipClient(server.port())) {
      hangUp(c, establish(c));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"unanswerable-no-call-id", "unanswerable-no-from"})
  void inviteWithoutCallIdOrFromIsDroppedAndTheServerKeepsServing(String fixture) throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("malformed/" + fixture + ".sip", Map.of("to", "5551234")));
      assertThat(c.receive(Duration.ofMillis(500))).isNull();
    }
    try (RawSipClient c = new RawSipClient(server.port())) {
      hangUp(c, establish(c));
    }
    assertThat(listener.events()).extracting(RecordingListener.Event::kind).containsExactly("invite", "media",
        "confirmed", "ended");
  }

  /** Garbage fills the socket's receive buffer, so the kernel may drop what comes next: establish() retransmits. */
  @Test
  void garbageDatagramsDoNotStopTheListeningPoint() throws Exception {
    start();
    Random random = new Random(20240611L);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
      for (int i = 0; i < 200; i++) {
        byte[] data;
        switch (i % 4) {
          case 0 -> {
            data = new byte[1 + random.nextInt(1400)];
            random.nextBytes(data);
          }
          case 1 -> data = ("INVITE sip:x@127.0.0.1 SIP/2.0\r\n" + "X".repeat(random.nextInt(60000))
              + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
          case 2 -> data = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
          default -> data = ("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
        }
        socket.send(new DatagramPacket(data, data.length, target));
      }
    }
    try (RawSipClient c = new RawSipClient(server.port())) {
      hangUp(c, establish(c));
    }
    Sipp sipp = Sipp.call(tmp, "uac", "127.0.0.1", server.port(), "agent");
    assertThat(sipp.run()).as("sipp after garbage\n%s", sipp.output()).isZero();
  }

  @Test
  void malformedRequestOverTcpDoesNotStopTheServer() throws Exception {
    start();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write("this is not SIP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      try (RawSipClient c = new RawSipClient(server.port())) {
        String bad = c.fixture("malformed/bad-cseq.sip", Map.of("to", "5551234")).replace("SIP/2.0/UDP",
            "SIP/2.0/TCP");
        out.write(bad.getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[4096];
      try {
        int n = in.read(buf);
        if (n > 0) {
          assertThat(new String(buf, 0, n, StandardCharsets.ISO_8859_1)).startsWith("SIP/2.0 400");
        }
      } catch (java.net.SocketTimeoutException | java.net.SocketException quiet) {
        // jain-sip closes or ignores a garbled TCP stream rather than answering; either is fine
      }
    }
    Sipp sipp = Sipp.call(tmp, "uac", "127.0.0.1", server.port(), "agent", "-t", "t1");
    assertThat(sipp.run()).as("sipp over TCP after garbage\n%s", sipp.output()).isZero();
  }

  /** ~60 KB of SDP that once cost seconds of CPU under the admission lock: refused at once, nothing else held up. */
  @Test
  void anOfferWithThousandsOfFormatsGets488AndTheServerKeepsServing() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      String invite = c.fixture("invite_sdp_formats.sip", Map.of("to", "5551234", "formats",
          "0 ".repeat(15_000).strip(), "attributes", "a=rtpmap:1 X/8000\n".repeat(1_600)));
      assertThat(invite.length()).isBetween(50_000, 65_000);
      String r = c.sendUntil(invite, 488, WAIT);
      assertThat(r).isNotNull().startsWith("SIP/2.0 488 Not Acceptable Here: line 6: m= line has 15000 formats");
      assertThat(((RecordingListener.Rejection) listener.await("rejected").detail()).status()).isEqualTo(488);
    }
    try (RawSipClient c = new RawSipClient(server.port())) {
      hangUp(c, establish(c));
    }
  }

  @Test
  void retransmittedInviteMakesOneCall() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      String invite = c.fixture("invite_pcmu.sip", Map.of("to", "5551234"));
      c.send(invite);
      c.send(invite);
      c.send(invite);
      String ok = c.awaitStatus(200, WAIT);
      assertThat(ok).isNotNull();
      c.send(invite); // and once more after the 200: the dialog's 2xx gets retransmitted, no new call
      c.send(c.fixture("ack.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(ok))));
      String ref = listener.await("confirmed").ref();
      c.send(c.fixture("bye.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(ok))));
      assertThat(c.awaitStatus(200, WAIT)).isNotNull();
      listener.await("ended", ref);
    }
    assertThat(listener.events()).extracting(RecordingListener.Event::kind)
        .containsExactly("invite", "media", "confirmed", "ended");
  }

  @Test
  void optionsGets200WithAllowAndAcceptOnUdpAndTcpOfTheSamePort() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("options.sip", Map.of("transport", "UDP")));
      String ok = c.awaitStatus(200, WAIT);
      assertThat(ok).isNotNull();
      assertThat(String.join(",", RawSipClient.headers(ok, "Allow"))).contains("INVITE", "ACK", "CANCEL", "BYE",
          "OPTIONS", "INFO");
      assertThat(RawSipClient.header(ok, "Accept")).isEqualTo("application/sdp");
      assertThat(RawSipClient.header(ok, "Server")).isEqualTo("voice-engine/test");

      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        socket.setSoTimeout((int) WAIT.toMillis());
        String options = c.fixture("options.sip", Map.of("transport", "TCP", "localPort",
            Integer.toString(socket.getLocalPort())));
        socket.getOutputStream().write(options.getBytes(StandardCharsets.ISO_8859_1));
        byte[] buf = new byte[4096];
        int n = socket.getInputStream().read(buf);
        assertThat(new String(buf, 0, n, StandardCharsets.ISO_8859_1)).startsWith("SIP/2.0 200 OK");
      }
    }
    assertThat(listener.events()).isEmpty();
  }

  /** RFC 3261 §13.3.1.4; without them a session-timer peer (RFC 4028) refreshes with UPDATE and gets 405. */
  @Test
  void ringingAnd200ToInviteCarryAllowAndSupported() throws Exception {
    start(Duration.ofMillis(200), SipServer.ACK_TIMEOUT);
    try (RawSipClient c = new RawSipClient(server.port())) {
      String invite = c.fixture("invite_pcmu.sip", Map.of("to", "5551234"));
      String ringing = c.sendUntil(invite, 180, WAIT);
      String ok = c.awaitStatus(200, WAIT);
      assertThat(ok).isNotNull();
      for (String r : new String[] {ringing, ok}) {
        assertThat(String.join(",", RawSipClient.headers(r, "Allow")).replace(" ", "").split(","))
            .containsExactlyInAnyOrder("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO");
        assertThat(RawSipClient.header(r, "Supported")).isEmpty();
      }
      c.send(c.fixture("ack.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(ok))));
      hangUp(c, ok);
    }
  }

  @Test
  void unsupportedMethodGets405WithAllow() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("message.sip", Map.of()));
      String r = c.awaitStatus(405, WAIT);
      assertThat(r).isNotNull();
      assertThat(String.join(",", RawSipClient.headers(r, "Allow"))).contains("INVITE", "BYE");
    }
  }

  @Test
  void infoOutsideADialogGets481() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      c.send(c.fixture("message.sip", Map.of()).replace("MESSAGE", "INFO"));
      assertThat(c.awaitStatus(481, WAIT)).isNotNull();
    }
  }

  @Test
  void requiredExtensionsGet420() throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      String invite = c.fixture("invite_pcmu.sip", Map.of("to", "5551234"))
          .replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRequire: 100rel\r\n");
      String r = c.sendUntil(invite, 420, WAIT);
      assertThat(r).isNotNull();
      assertThat(RawSipClient.header(r, "Unsupported")).isEqualTo("100rel");
    }
    assertThat(listener.events()).isEmpty();
  }

  @Test
  void escapedDialledNumberIsDecoded() throws Exception {
    server = new SipServer(SipServerSippTest.settings(10, Duration.ZERO, Map.of("+15551230000", "sales")),
        listener);
    server.start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      String ok = c.sendUntil(c.fixture("invite_pcmu.sip", Map.of("to", "%2B15551230000")), 200, WAIT);
      assertThat(ok).isNotNull();
      InboundCall call = (InboundCall) listener.await("invite").detail();
      assertThat(call.toNumber()).isEqualTo("+15551230000");
      assertThat(call.agentId()).isEqualTo("sales");
      assertThat(call.fromNumber()).isEqualTo("+15550001111");
      c.send(c.fixture("ack.sip", Map.of("to", "%2B15551230000", "toTag", RawSipClient.toTag(ok))));
      c.send(c.fixture("bye.sip", Map.of("to", "%2B15551230000", "toTag", RawSipClient.toTag(ok))));
      listener.await("ended");
    }
  }

  /** RFC 3261 §19.1.2 escapes are data: an escaped '@' and ':' in the dialled user must not pick our Contact's host. */
  @Test
  void escapedAtInTheDialledUserStaysEscapedInOurContact() throws Exception {
    start();
    String user = "a%40evil.com%3A5060";
    try (RawSipClient c = new RawSipClient(server.port())) {
      String ok = c.sendUntil(c.fixture("invite_pcmu.sip", Map.of("to", user)), 200, WAIT);
      assertThat(ok).isNotNull();
      assertThat(RawSipClient.header(ok, "Contact")).isEqualTo("<sip:" + user + "@127.0.0.1:" + server.port() + ">");
      assertThat(((InboundCall) listener.await("invite").detail()).toNumber()).isEqualTo("a@evil.com:5060");
      c.send(c.fixture("ack.sip", Map.of("to", user, "toTag", RawSipClient.toTag(ok))));
      hangUp(c, ok, user);
    }
  }

  /** Decoded, these users cannot go into a Contact; the INVITE once got 100 Trying and nothing more. */
  @ParameterizedTest
  @ValueSource(strings = {"%0D%0A", "%2B1555%20123", "%00"})
  void aDialledUserThatDecodesToNonsenseStillGetsAFinalResponse(String user) throws Exception {
    start();
    try (RawSipClient c = new RawSipClient(server.port())) {
      String ok = c.sendUntil(c.fixture("invite_pcmu.sip", Map.of("to", user)), 200, WAIT);
      assertThat(ok).as("200 OK for %s", user).isNotNull();
      assertThat(RawSipClient.header(ok, "Contact")).isEqualTo("<sip:" + user + "@127.0.0.1:" + server.port() + ">");
      c.send(c.fixture("ack.sip", Map.of("to", user, "toTag", RawSipClient.toTag(ok))));
      hangUp(c, ok, user);
    }
  }
}
