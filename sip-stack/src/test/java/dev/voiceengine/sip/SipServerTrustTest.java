package dev.voiceengine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.jain.SipServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests from a source that is not the call's peer, over real sockets: the server listens on 127.0.0.1 with a trunk
 * allowing only 127.0.0.1/32, the caller sends from 127.0.0.1 and the forger from 127.0.0.2 (another source on Linux,
 * where all of 127/8 is loopback) with the dialog's real Call-ID and tags. A refused request is answered 403 by the
 * gate, which then drops it: once the 403 is in, nothing more can come of it, so the checks that follow need no wait.
 */
class SipServerTrustTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String FORBIDDEN = "SIP/2.0 403 Forbidden (source not allowed)\r\n";

  private final RecordingListener listener = new RecordingListener();
  private SipServer server;

  private void start(Duration answerDelay) throws Exception {
    start(SipServerSippTest.settings(10, answerDelay, Map.of("*", "demo")));
  }

  private void start(SipSettings settings) throws Exception {
    server = new SipServer(settings, listener);
    server.start();
  }

  /** The caller's trunk "local" (127.0.0.1) and a neighbour trunk whose only address is the forger's, 127.0.0.2. */
  private static SipSettings withNeighbourTrunk(Duration answerDelay) {
    SipSettings one = SipServerSippTest.settings(10, answerDelay, Map.of("*", "demo"));
    List<TrunkSettings> trunks = new ArrayList<>(one.trunks());
    trunks.add(new TrunkSettings("neighbour", List.of("127.0.0.2/32"), Map.of("*", "demo")));
    return new SipSettings(one.bindAddress(), one.port(), one.transports(), one.maxCalls(), one.retryAfter(),
        one.answerDelay(), trunks, one.userAgent());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static InetAddress stranger() throws Exception {
    return InetAddress.getByName("127.0.0.2");
  }

  /** A request in the caller's call (its Call-ID, its From tag "raw1", our To tag), as {@code c} would send it. */
  private static String inCall(RawSipClient c, String callId, String fixture, String toTag) throws Exception {
    return c.fixture(fixture, Map.of("to", "5551234", "toTag", toTag, "callId", callId));
  }

  /** A request the forger writes: its Via says 127.0.0.2, so that the answer comes back to it. */
  private static String forged(String message) {
    return message.replace("Via: SIP/2.0/UDP 127.0.0.1:", "Via: SIP/2.0/UDP 127.0.0.2:");
  }

  /** Sends and returns the first response, which must be the gate's 403 without a Server header. */
  private static String expect403(RawSipClient c, String request) throws Exception {
    c.send(request);
    String r = c.receive(WAIT);
    assertThat(r).as("a response to\n%s", request).isNotNull().startsWith(FORBIDDEN);
    assertThat(RawSipClient.header(r, "Server")).isNull();
    return r;
  }

  /** An in-dialog request: the BYE fixture with another method and CSeq. */
  private static String inDialog(RawSipClient c, String callId, String toTag, String method, int cseq)
      throws Exception {
    return inCall(c, callId, "bye.sip", toTag).replace("BYE sip:", method + " sip:")
        .replace("CSeq: 2 BYE", "CSeq: " + cseq + " " + method);
  }

  /** A re-INVITE whose SDP puts the caller's media at {@code address}:{@code port}. */
  private String reInvite(RawSipClient c, String callId, String toTag, int cseq, String address, int port)
      throws Exception {
    String to = "To: <sip:5551234@127.0.0.1:" + server.port() + ">";
    String invite = c.fixture("invite_pcmu.sip", Map.of("to", "5551234", "callId", callId))
        .replace(to, to + ";tag=" + toTag).replace("CSeq: 1 INVITE", "CSeq: " + cseq + " INVITE");
    return editBody(invite, body -> body.replace("c=IN IP4 127.0.0.1", "c=IN IP4 " + address)
        .replace("m=audio 49170", "m=audio " + port));
  }

  /** The message with its body edited and its Content-Length set to match. */
  private static String editBody(String message, UnaryOperator<String> edit) {
    int split = message.indexOf("\r\n\r\n");
    String body = edit.apply(message.substring(split + 4));
    String head = message.substring(0, split).replaceAll("Content-Length: \\d+",
        "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
    return head + "\r\n\r\n" + body;
  }

  /** INVITE, 200, ACK from 127.0.0.1: returns our To tag. */
  private String establish(RawSipClient caller) throws Exception {
    String ok = caller.sendUntil(caller.fixture("invite_pcmu.sip", Map.of("to", "5551234")), 200, WAIT);
    assertThat(ok).as("200 OK to INVITE").isNotNull();
    String toTag = RawSipClient.toTag(ok);
    caller.send(caller.fixture("ack.sip", Map.of("to", "5551234", "toTag", toTag)));
    listener.await("confirmed");
    return toTag;
  }

  @Test
  void byeReInviteAndInfoFromAnotherSourceGet403AndTheCallStaysAsItWas() throws Exception {
    start(Duration.ZERO);
    try (RawSipClient caller = new RawSipClient(server.port());
         RawSipClient forger = new RawSipClient(stranger(), server.port())) {
      String toTag = establish(caller);
      String ref = listener.await("confirmed").ref();
      MediaDescription media = (MediaDescription) listener.await("media", ref).detail();
      assertThat(media.address()).isEqualTo("127.0.0.1");

      // the forger's CSeqs run far ahead: were they counted, the caller's next requests would be out of order
      String callId = caller.callId;
      expect403(forger, forged(inCall(forger, callId, "bye.sip", toTag).replace("CSeq: 2 BYE", "CSeq: 100 BYE")));
      expect403(forger, forged(reInvite(forger, callId, toTag, 101, "127.0.0.2", 7078)));
      expect403(forger, forged(inDialog(forger, callId, toTag, "INFO", 102)));
      forger.send(forged(inCall(forger, callId, "ack.sip", toTag))); // an ACK is dropped without an answer
      assertThat(listener.kinds(ref)).containsExactly("invite", "media", "confirmed");
      assertThat(server.activeCalls()).isEqualTo(1);

      // the caller goes on at its own CSeq: INFO, a re-INVITE that keeps its media, then BYE
      assertThat(caller.sendUntil(inDialog(caller, callId, toTag, "INFO", 3), 200, WAIT)).as("caller's INFO")
          .isNotNull();
      String ok = caller.sendUntil(reInvite(caller, callId, toTag, 4, "127.0.0.1", 49170), 200, WAIT);
      assertThat(ok).as("caller's re-INVITE").isNotNull();
      caller.send(caller.fixture("ack.sip", Map.of("to", "5551234", "toTag", toTag)).replace("CSeq: 1 ACK",
          "CSeq: 4 ACK"));
      String bye2 = caller.fixture("bye.sip", Map.of("to", "5551234", "toTag", toTag)).replace("CSeq: 2 BYE",
          "CSeq: 5 BYE");
      assertThat(caller.sendUntil(bye2, 200, WAIT)).as("caller's BYE").isNotNull();
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.REMOTE_BYE);
      assertThat(listener.events(ref)).filteredOn(e -> e.kind().equals("media"))
          .extracting(e -> ((MediaDescription) e.detail()).address() + ":" + ((MediaDescription) e.detail()).port())
          .as("every media the call ever had").containsOnly("127.0.0.1:49170");
    }
  }

  /**
   * The ACK of a delayed offer carries the caller's answer, so a forged one would set the call's media. It gets no
   * answer at all, so its refusal shows in what follows: the forger's next request is refused, the caller's ACK sets
   * the media, and no other media ever was.
   */
  @Test
  void aForgedAckWithAnAnswerIsDroppedAndTheCallersAckSetsTheMedia() throws Exception {
    start(Duration.ZERO);
    try (RawSipClient caller = new RawSipClient(server.port());
         RawSipClient forger = new RawSipClient(stranger(), server.port())) {
      String ok = caller.sendUntil(caller.fixture("invite_no_sdp.sip", Map.of("to", "5551234")), 200, WAIT);
      assertThat(ok).as("200 OK with our offer").isNotNull();
      String toTag = RawSipClient.toTag(ok);
      String ref = listener.await("invite").ref();
      UnaryOperator<String> pcmu = body -> body.replace("RTP/AVP 18", "RTP/AVP 0")
          .replace("a=rtpmap:18 G729/8000", "a=rtpmap:0 PCMU/8000");

      forger.send(forged(editBody(inCall(forger, caller.callId, "ack_g729_answer.sip", toTag),
          body -> pcmu.apply(body).replace("c=IN IP4 127.0.0.1", "c=IN IP4 127.0.0.2"))));
      expect403(forger, forged(inDialog(forger, caller.callId, toTag, "INFO", 2)));
      assertThat(listener.kinds(ref)).containsExactly("invite");

      caller.send(editBody(caller.fixture("ack_g729_answer.sip", Map.of("to", "5551234", "toTag", toTag)), pcmu));
      listener.await("confirmed", ref);
      assertThat(listener.kinds(ref)).containsExactly("invite", "media", "confirmed");
      assertThat(((MediaDescription) listener.events(ref).get(1).detail()).address()).isEqualTo("127.0.0.1");
      assertThat(caller.sendUntil(caller.fixture("bye.sip", Map.of("to", "5551234", "toTag", toTag)), 200, WAIT))
          .isNotNull();
      listener.await("ended", ref);
    }
  }

  @Test
  void aCancelFromAnotherSourceLeavesThePendingInviteAndTheCallersCancelsIt() throws Exception {
    start(Duration.ofSeconds(30));
    try (RawSipClient caller = new RawSipClient(server.port());
         RawSipClient forger = new RawSipClient(stranger(), server.port())) {
      String invite = caller.fixture("invite_pcmu.sip", Map.of("to", "5551234"));
      assertThat(caller.sendUntil(invite, 180, WAIT)).isNotNull();
      String ref = listener.await("invite").ref();
      String cancel = cancelOf(invite);

      expect403(forger, forged(cancel).replace("127.0.0.2:" + caller.localPort(), "127.0.0.2:"
          + forger.localPort()));
      assertThat(listener.kinds(ref)).containsExactly("invite");
      assertThat(server.activeCalls()).isEqualTo(1);

      caller.send(cancel);
      assertThat(caller.awaitStatus(487, WAIT)).as("the INVITE, cancelled by its caller").isNotNull();
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.CANCELED);
    }
  }

  /**
   * The stack finds a dialog by Call-ID and tags ignoring case: a neighbour trunk's BYE that only changes the case of
   * the caller's From tag names the same dialog, and is the caller's call's business, not the neighbour's.
   */
  @Test
  void aNeighbourTrunksByeWithTheTagInOtherCaseGets403() throws Exception {
    start(withNeighbourTrunk(Duration.ZERO));
    try (RawSipClient caller = new RawSipClient(server.port());
         RawSipClient forger = new RawSipClient(stranger(), server.port())) {
      String toTag = establish(caller);
      String ref = listener.await("confirmed").ref();
      expect403(forger, forged(inCall(forger, caller.callId, "bye.sip", toTag).replace(";tag=raw1", ";tag=RAW1")
          .replace("CSeq: 2 BYE", "CSeq: 100 BYE")));
      expect403(forger, forged(reInvite(forger, caller.callId.toUpperCase(java.util.Locale.ROOT), toTag, 101,
          "127.0.0.2", 7078)));
      assertThat(listener.kinds(ref)).containsExactly("invite", "media", "confirmed");
      assertThat(server.activeCalls()).isEqualTo(1);
    }
  }

  /**
   * The stack matches a CANCEL to its INVITE by the top Via alone (RFC 3261 §9.2), whatever Call-ID it names: a
   * neighbour trunk's CANCEL with the INVITE's Via under another Call-ID gets 403, and the caller's own (same Via,
   * so it would be taken for a retransmission of a CANCEL the stack had admitted) still cancels the INVITE.
   */
  @Test
  void aNeighbourTrunksCancelUnderAnotherCallIdGets403() throws Exception {
    start(withNeighbourTrunk(Duration.ofSeconds(30)));
    try (RawSipClient caller = new RawSipClient(server.port())) {
      String invite = caller.fixture("invite_pcmu.sip", Map.of("to", "5551234"));
      assertThat(caller.sendUntil(invite, 180, WAIT)).isNotNull();
      String ref = listener.await("invite").ref();
      String cancel = cancelOf(invite);

      // the INVITE's very Via, so that the stack matches it; the 403 goes to the source's address at the Via's port
      // (RFC 3261 §18.2.2), where the forger listens
      try (RawSipClient forger = new RawSipClient(stranger(), caller.localPort(), server.port())) {
        expect403(forger, cancel.replace("Call-ID: " + caller.callId, "Call-ID: forged-" + caller.callId));
      }
      assertThat(listener.kinds(ref)).containsExactly("invite");
      assertThat(server.activeCalls()).isEqualTo(1);

      caller.send(cancel);
      assertThat(caller.awaitStatus(487, WAIT)).as("the INVITE, cancelled by its caller").isNotNull();
      assertThat(listener.await("ended", ref).detail()).isEqualTo(CallEnd.CANCELED);
    }
  }

  /** RFC 3261 §9.1: the INVITE's Request-URI, Call-ID, From, To and top Via (branch included), CSeq number. */
  private static String cancelOf(String invite) {
    StringBuilder b = new StringBuilder();
    for (String line : invite.substring(0, invite.indexOf("\r\n\r\n")).split("\r\n")) {
      if (line.startsWith("INVITE ")) {
        b.append("CANCEL ").append(line.substring(7));
      } else if (line.startsWith("CSeq:")) {
        b.append("CSeq: 1 CANCEL");
      } else if (line.startsWith("Content-") || line.startsWith("Contact:")) {
        continue;
      } else {
        b.append(line);
      }
      b.append("\r\n");
    }
    return b.append("Content-Length: 0\r\n\r\n").toString();
  }

  /** Not even 100 Trying: the 403 is the first thing a stranger hears, and the only thing before its next request. */
  @Test
  void anInviteFromAnotherSourceGetsOnlyA403() throws Exception {
    start(Duration.ZERO);
    try (RawSipClient forger = new RawSipClient(stranger(), server.port())) {
      String invite = forged(forger.fixture("invite_pcmu.sip", Map.of("to", "5551234")));
      String r = expect403(forger, invite);
      assertThat(RawSipClient.header(r, "CSeq")).isEqualTo("1 INVITE");
      forger.send(forged(forger.fixture("ack.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(r)))));

      String next = expect403(forger, forged(forger.fixture("options.sip", Map.of("transport", "UDP"))));
      assertThat(RawSipClient.header(next, "CSeq")).as("the next message is for the next request").isEqualTo(
          "1 OPTIONS");
    }
    assertThat(listener.events()).isEmpty();
    assertThat(server.activeCalls()).isZero();
  }

  /** Trunks ping with OPTIONS and get 200 with Allow and Accept; a stranger's OPTIONS learns nothing about us. */
  @Test
  void optionsFromAnotherSourceGets403WithoutServerOverUdpAndTcp() throws Exception {
    start(Duration.ZERO);
    try (RawSipClient trunk = new RawSipClient(server.port());
         RawSipClient forger = new RawSipClient(stranger(), server.port())) {
      String ok = trunk.sendUntil(trunk.fixture("options.sip", Map.of("transport", "UDP")), 200, WAIT);
      assertThat(ok).isNotNull();
      assertThat(RawSipClient.header(ok, "Server")).isEqualTo("voice-engine/test");
      assertThat(RawSipClient.header(ok, "Accept")).isEqualTo("application/sdp");

      expect403(forger, forged(forger.fixture("options.sip", Map.of("transport", "UDP"))));

      try (Socket socket = new Socket()) {
        socket.bind(new InetSocketAddress(stranger(), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        socket.setSoTimeout((int) WAIT.toMillis());
        String options = forger.fixture("options.sip", Map.of("transport", "TCP", "localPort",
            Integer.toString(socket.getLocalPort()))).replace("TCP 127.0.0.1:", "TCP 127.0.0.2:");
        socket.getOutputStream().write(options.getBytes(StandardCharsets.ISO_8859_1));
        String r = readResponse(socket.getInputStream());
        assertThat(r).startsWith(FORBIDDEN);
        assertThat(RawSipClient.header(r, "Server")).isNull();
      }
    }
    assertThat(listener.events()).isEmpty();
  }

  /** One response's head from a TCP stream. */
  private static String readResponse(InputStream in) throws Exception {
    StringBuilder b = new StringBuilder();
    while (b.indexOf("\r\n\r\n") < 0) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.append((char) c);
    }
    return b.toString();
  }
}
