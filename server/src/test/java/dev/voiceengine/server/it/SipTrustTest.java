package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live call whose Call-ID and tags a forger knows: the engine on 127.0.0.1 takes calls from 127.0.0.1/32 only, the
 * caller sends from 127.0.0.1 and the forger from 127.0.0.2 (another source: all of 127/8 is loopback on Linux). The
 * forger's re-INVITE, which would move the agent's audio to the forger, and its BYE get 403; the agent's RTP keeps
 * coming to the caller, and the caller's own BYE ends the call.
 */
class SipTrustTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TRUNK = "trunks: [{id: local, inbound: {allow: [127.0.0.1/32], numbers: {\"*\": demo}}}]\n";

  @TempDir Path dir;

  @Test
  void aForgedReInviteAndByeFromAnotherSourceLeaveTheCallAndItsMediaAlone() throws Exception {
    InetAddress forgerAddress = InetAddress.getByName("127.0.0.2");
    try (EngineFixture e = EngineFixture.start(dir, TRUNK);
         Peer caller = new Peer(InetAddress.getLoopbackAddress(), e.sipPort());
         Peer forger = new Peer(forgerAddress, e.sipPort());
         DatagramSocket callerRtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
         DatagramSocket forgerRtp = new DatagramSocket(new InetSocketAddress(forgerAddress, 0))) {
      String callId = UUID.randomUUID() + "@caller";
      String ok = caller.request(caller.invite(callId, null, 1, callerRtp.getLocalPort()), 200);
      String toTag = ok.replaceAll("(?s).*\r\nTo:[^\r]*;tag=([^;>\\s]+).*", "$1");
      caller.send(caller.inDialog("ACK", callId, toTag, 1));
      assertThat(rtpPackets(callerRtp, 10)).as("agent audio reaches the caller").isEqualTo(10);

      String moved = forger.invite(callId, toTag, 100, forgerRtp.getLocalPort());
      assertThat(forger.request(moved, 403)).startsWith("SIP/2.0 403 Forbidden (source not allowed)");
      assertThat(forger.request(forger.inDialog("BYE", callId, toTag, 101), 403)).doesNotContain("Server:");

      assertThat(rtpPackets(callerRtp, 50)).as("a second of agent audio still goes to the caller").isEqualTo(50);
      forgerRtp.setSoTimeout(1);
      assertThat(rtpPackets(forgerRtp, 1)).as("nothing went to the forger meanwhile").isZero();

      caller.request(caller.inDialog("BYE", callId, toTag, 2), 200);
      JsonNode call = e.awaitCalls("", Duration.ofSeconds(20), d -> d.size() == 1
          && d.get(0).get("status").asText().equals("completed")).get("data").get(0);
      assertThat(call.get("outcome").asText()).isEqualTo("caller_hangup");
    }
  }

  /** How many of {@code wanted} datagrams come, each within the socket's timeout (WAIT unless set shorter). */
  private static int rtpPackets(DatagramSocket socket, int wanted) throws IOException {
    if (socket.getSoTimeout() == 0) {
      socket.setSoTimeout((int) WAIT.toMillis());
    }
    byte[] buf = new byte[2048];
    for (int n = 0; n < wanted; n++) {
      try {
        socket.receive(new DatagramPacket(buf, buf.length));
      } catch (SocketTimeoutException e) {
        return n;
      }
    }
    return wanted;
  }

  /** A SIP user agent over UDP that writes its requests by hand, with its own Via, From tag and Contact. */
  private static final class Peer implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress engine;
    private final String self;

    Peer(InetAddress local, int sipPort) throws IOException {
      socket = new DatagramSocket(new InetSocketAddress(local, 0));
      socket.setSoTimeout((int) WAIT.toMillis());
      engine = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
      self = local.getHostAddress() + ":" + socket.getLocalPort();
    }

    /** An INVITE (a re-INVITE with {@code toTag}) offering PCMU at this peer's address, port {@code rtpPort}. */
    String invite(String callId, String toTag, int cseq, int rtpPort) {
      String host = self.substring(0, self.indexOf(':'));
      String sdp = "v=0\r\no=- 1 " + cseq + " IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
          + "m=audio " + rtpPort + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
      return head("INVITE", callId, toTag, cseq) + "Contact: <sip:caller@" + self + ">\r\n"
          + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    String inDialog(String method, String callId, String toTag, int cseq) {
      return head(method, callId, toTag, cseq) + "Content-Length: 0\r\n\r\n";
    }

    /** The caller's From tag is the forger's too: the forger knows the dialog. */
    private String head(String method, String callId, String toTag, int cseq) {
      String uri = "sip:demo@" + engine.getHostString() + ":" + engine.getPort();
      return method + " " + uri + " SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP " + self + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "") + "\r\n"
          + "Max-Forwards: 70\r\n"
          + "From: <sip:+15550001111@127.0.0.1>;tag=caller1\r\n"
          + "To: <" + uri + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
          + "Call-ID: " + callId + "\r\n"
          + "CSeq: " + cseq + " " + method + "\r\n";
    }

    void send(String message) throws IOException {
      byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(bytes, bytes.length, engine));
    }

    /**
     * Sends, retransmitting every 500 ms as RFC 3261 timers A/E would (UDP on a busy loopback may drop), and returns
     * the first final response, which must have this status.
     */
    String request(String message, int status) throws IOException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      byte[] buf = new byte[65536];
      socket.setSoTimeout(500);
      try {
        send(message);
        while (System.nanoTime() < deadline) {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          try {
            socket.receive(p);
          } catch (SocketTimeoutException again) {
            send(message);
            continue;
          }
          String r = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
          if (!r.startsWith("SIP/2.0 1")) {
            assertThat(r).as("the response to\n%s", message).startsWith("SIP/2.0 " + status + " ");
            return r;
          }
        }
        throw new AssertionError("no final response within " + WAIT + " to\n" + message);
      } finally {
        socket.setSoTimeout((int) WAIT.toMillis());
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
