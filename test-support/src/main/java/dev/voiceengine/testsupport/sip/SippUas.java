package dev.voiceengine.testsupport.sip;

import dev.voiceengine.testsupport.net.FreePorts;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * sipp as the far end of a call the engine places: a UAS running one scenario for one call ({@code -m 1}) on
 * 127.0.0.1 at a free port, with its messages traced. {@link #start} returns once sipp listens, so the engine's
 * INVITE is not sent into the void; {@link #await} gives its exit code (0: the scenario ran to its end).
 */
public final class SippUas implements AutoCloseable {
  private static final Duration LISTEN_WAIT = Duration.ofSeconds(10);

  private final Sipp sipp;
  private final int port;
  private final int mediaPort;
  private final boolean tcp;

  private SippUas(Sipp sipp, int port, int mediaPort, boolean tcp) {
    this.tcp = tcp;
    this.sipp = sipp;
    this.port = port;
    this.mediaPort = mediaPort;
  }

  /**
   * Starts sipp with the class-path scenario {@code /sipp/SCENARIO} ({@code "@KEY@"} placeholders replaced) and waits
   * until it listens.
   *
   * @param transport "udp" or "tcp"
   * @param timeout   sipp gives up (exit non-zero) after this long
   */
  public static SippUas start(Path workDir, String scenario, Map<String, String> replacements, String transport,
      Duration timeout, String... extra) throws IOException, InterruptedException {
    return start(workDir, scenario, port -> replacements, transport, timeout, extra);
  }

  /** As above, with placeholders that depend on sipp's SIP port (e.g. an expected digest over a URI naming it). */
  public static SippUas start(Path workDir, String scenario, IntFunction<Map<String, String>> replacementsForPort,
      String transport, Duration timeout, String... extra) throws IOException, InterruptedException {
    int port = FreePorts.sip("127.0.0.1");
    Map<String, String> replacements = replacementsForPort.apply(port);
    int mediaPort = FreePorts.sip("127.0.0.1");
    List<String> cmd = new ArrayList<>(List.of("sipp",
        "-sf", SippScenario.writeNew(workDir, "/sipp/" + scenario, replacements).toString(),
        "-i", "127.0.0.1", "-p", Integer.toString(port), "-mi", "127.0.0.1", "-mp", Integer.toString(mediaPort),
        "-t", "tcp".equalsIgnoreCase(transport) ? "t1" : "u1", "-m", "1", "-nostdin",
        "-timeout", timeout.toSeconds() + "s", "-timeout_error", "-trace_err", "-trace_msg"));
    cmd.addAll(List.of(extra));
    Sipp sipp = Sipp.named(workDir, "uas-" + scenario.replace(".xml", ""), cmd).start();
    SippUas uas = new SippUas(sipp, port, mediaPort, "tcp".equalsIgnoreCase(transport));
    uas.awaitListening();
    return uas;
  }

  /** The SIP port sipp listens on (UDP, or TCP with transport tcp). */
  public int port() {
    return port;
  }

  /** The RTP port sipp puts in its SDP. */
  public int mediaPort() {
    return mediaPort;
  }

  /** Waits for sipp's end within its limit. @return its exit code (0: the call ran to the scenario's end) */
  public int await() throws IOException, InterruptedException {
    return sipp.await();
  }

  /** What sipp said, for failure messages. */
  public String output() throws IOException {
    return sipp.output();
  }

  @Override
  public void close() throws InterruptedException {
    sipp.close();
  }

  private java.net.ServerSocket bindTcp(InetAddress lo) throws IOException {
    java.net.ServerSocket s = new java.net.ServerSocket();
    try {
      s.bind(new InetSocketAddress(lo, port));
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Polls (bounded) until the port is taken: sipp binds it once it is ready. */
  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + LISTEN_WAIT.toNanos();
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    while (System.nanoTime() < deadline) {
      if (!sipp.alive()) {
        throw new IllegalStateException("sipp exited before listening\n" + sipp.output());
      }
      try (java.io.Closeable probe = tcp ? bindTcp(lo) : new DatagramSocket(new InetSocketAddress(lo, port))) {
        probe.close();
      } catch (IOException taken) {
        if (!sipp.alive()) {
          continue;
        }
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("sipp did not listen on " + port + " within " + LISTEN_WAIT + "\n"
        + sipp.output());
  }
}
