package dev.voiceengine.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.sip.jain.SipServer;
import dev.voiceengine.testsupport.net.FreePorts;
import dev.voiceengine.testsupport.sip.Sipp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SipServerLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static SipSettings settings(int port, List<String> transports) {
    return new SipSettings("127.0.0.1", port, transports, 10, Duration.ofSeconds(30), Duration.ZERO,
        List.of(new TrunkSettings("local", List.of("127.0.0.0/8"), Map.of("*", "demo"))), "voice-engine/test");
  }

  private static boolean answersOptions(int port) throws IOException {
    try (RawSipClient c = new RawSipClient(port)) {
      c.send(c.fixture("options.sip", Map.of("transport", "UDP")));
      return c.awaitStatus(200, Duration.ofSeconds(3)) != null;
    }
  }

  @Test
  void severalServersLiveInOneJvm() throws Exception {
    SipServer a = new SipServer(settings(0, List.of("udp", "tcp")), new RecordingListener());
    try (SipServer b = new SipServer(settings(0, List.of("udp", "tcp")), new RecordingListener())) {
      try {
        assertThat(a.port()).isEqualTo(-1);
        a.start();
        b.start();
        assertThat(a.port()).isPositive().isNotEqualTo(b.port());
        assertThat(answersOptions(a.port())).isTrue();
        assertThat(answersOptions(b.port())).isTrue();
      } finally {
        a.close();
      }
      assertThat(answersOptions(b.port())).isTrue();
    }
  }

  @Test
  void listeningIsTrueOnlyBetweenStartAndClose() throws Exception {
    SipServer server = new SipServer(settings(0, List.of("udp", "tcp")), new RecordingListener());
    try {
      assertThat(server.listening()).as("before start").isFalse();
      server.start();
      assertThat(server.listening()).isTrue();
    } finally {
      server.close();
    }
    assertThat(server.listening()).as("after close").isFalse();
  }

  @Test
  void listensOnTheConfiguredPortAndOnlyOnTheConfiguredTransports() throws Exception {
    int port = FreePorts.sip("127.0.0.1");
    try (SipServer server = new SipServer(settings(port, List.of("udp")), new RecordingListener())) {
      server.start();
      assertThat(server.port()).isEqualTo(port);
      assertThat(answersOptions(port)).isTrue();
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void boundToEveryInterfaceTheServerStillAnswersAndHangsUp(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    RecordingListener listener = new RecordingListener();
    SipSettings any = new SipSettings("0.0.0.0", 0, List.of("udp", "tcp"), 10, Duration.ofSeconds(30), Duration.ZERO,
        List.of(new TrunkSettings("local", List.of("127.0.0.0/8", "0.0.0.0/0"), Map.of("*", "demo"))), "x");
    try (SipServer server = new SipServer(any, listener)) {
      server.start();
      Sipp sipp = Sipp.call(tmp, "uac_wait_bye.xml", "127.0.0.1", server.port(), "agent").start();
      try {
        server.hangup(listener.await("confirmed").ref());
        assertThat(sipp.await()).as("sipp\n%s", sipp.output()).isZero();
      } finally {
        sipp.kill();
      }
    }
  }

  @Test
  void aTakenPortFailsTheStart() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
         SipServer server = new SipServer(settings(taken.getLocalPort(), List.of("udp")), new RecordingListener())) {
      assertThatThrownBy(server::start).isInstanceOf(IOException.class);
    }
  }

  @Test
  void rejectsUnusableSettings() {
    RecordingListener l = new RecordingListener();
    assertThatThrownBy(() -> new SipServer(settings(0, List.of("sctp")), l))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sctp");
    assertThatThrownBy(() -> new SipServer(settings(0, List.of()), l)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SipServer(settings(70000, List.of("udp")), l))
        .isInstanceOf(IllegalArgumentException.class);
    SipSettings badCidr = new SipSettings("127.0.0.1", 0, List.of("udp"), 1, Duration.ZERO, Duration.ZERO,
        List.of(new TrunkSettings("t", List.of("localhost"), Map.of())), "x");
    assertThatThrownBy(() -> new SipServer(badCidr, l)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trunk t");
  }

  /** The engine prints its ready line on stdout: the SIP side must print nothing there, whatever happens. */
  @Test
  void printsNothingOnStdout() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    RecordingListener listener = new RecordingListener();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (SipServer server = new SipServer(settings(0, List.of("udp", "tcp")), listener)) {
      server.start();
      try (RawSipClient c = new RawSipClient(server.port())) {
        c.send(c.fixture("malformed/bad-via.sip", Map.of("to", "1")));
        c.send("garbage\r\n\r\n");
        c.send(c.fixture("invite_pcmu.sip", Map.of("to", "5551234")));
        String ok = c.awaitStatus(200, WAIT);
        c.send(c.fixture("ack.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(ok))));
        listener.await("confirmed");
        c.send(c.fixture("bye.sip", Map.of("to", "5551234", "toTag", RawSipClient.toTag(ok))));
        listener.await("ended");
      }
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
