package dev.voiceengine.sip;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends hand-written SIP over UDP, for what sipp cannot send (malformed requests, exact retransmissions). Fixtures in
 * src/test/resources/sip/ use LF line ends and ${name} placeholders; ${port}, ${localPort}, ${callId} and
 * ${contentLength} are filled in.
 */
final class RawSipClient implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress server;
  final String callId = java.util.UUID.randomUUID() + "@raw";

  RawSipClient(int serverPort) throws IOException {
    this(InetAddress.getLoopbackAddress(), serverPort);
  }

  /** A client sending from {@code local} (127.0.0.2 is another source on Linux, where all of 127/8 is loopback). */
  RawSipClient(InetAddress local, int serverPort) throws IOException {
    this(local, 0, serverPort);
  }

  /** A client sending from {@code local}:{@code localPort} (0: any free port). */
  RawSipClient(InetAddress local, int localPort, int serverPort) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(local, localPort));
    server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
  }

  int localPort() {
    return socket.getLocalPort();
  }

  /** Loads a fixture and fills in the placeholders. */
  String fixture(String name, Map<String, String> vars) throws IOException {
    String text;
    try (InputStream in = RawSipClient.class.getResourceAsStream("/sip/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /sip/" + name);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> all = new HashMap<>(vars);
    all.putIfAbsent("port", Integer.toString(server.getPort()));
    all.putIfAbsent("localPort", Integer.toString(localPort()));
    all.putIfAbsent("callId", callId);
    all.putIfAbsent("branch", "z9hG4bK" + Long.toHexString(System.nanoTime()));
    for (Map.Entry<String, String> e : all.entrySet()) {
      text = text.replace("${" + e.getKey() + "}", e.getValue());
    }
    int split = text.indexOf("\n\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 2);
    body = body.replace("\n", "\r\n");
    head = head.replace("${contentLength}", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
    return head.replace("\n", "\r\n") + "\r\n\r\n" + body;
  }

  void send(String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, server));
  }

  /** The next datagram, or null when none comes in time. */
  String receive(Duration timeout) throws IOException {
    byte[] buf = new byte[65536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.setSoTimeout((int) timeout.toMillis());
    try {
      socket.receive(p);
      return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  /** Reads until a response with this status comes (provisional ones skipped); null when none in time. */
  String awaitStatus(int status, Duration timeout) throws IOException {
    return awaitMessage(m -> m.startsWith("SIP/2.0 " + status + " "), timeout);
  }

  /**
   * Sends a request and retransmits it every 500 ms (RFC 3261 timer A, without the back-off) until a response with
   * this status comes; null when none in time. UDP may drop: a loaded receive buffer on loopback does.
   */
  String sendUntil(String request, int status, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      send(request);
      String r = awaitStatus(status, Duration.ofMillis(500));
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /** Reads until a request with this method comes; null when none in time. */
  String awaitRequest(String method, Duration timeout) throws IOException {
    return awaitMessage(m -> m.startsWith(method + " "), timeout);
  }

  /** Reads until a message matching {@code wanted} comes, dropping others; null when none in time. */
  private String awaitMessage(java.util.function.Predicate<String> wanted, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return null;
      }
      String m = receive(Duration.ofMillis(left));
      if (m == null) {
        return null;
      }
      if (wanted.test(m)) {
        return m;
      }
    }
  }


  /** Answers a request the server sent us with 200 OK. */
  void ok(String request) throws IOException {
    StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
    for (String line : request.split("\r\n")) {
      if (line.isEmpty()) {
        break;
      }
      String lower = line.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("to:")
          || lower.startsWith("call-id:") || lower.startsWith("cseq:")) {
        b.append(line).append("\r\n");
      }
    }
    b.append("Content-Length: 0\r\n\r\n");
    send(b.toString());
  }

  /** The value of the first header with this name, or null. */
  static String header(String message, String name) {
    for (String line : message.split("\r\n")) {
      if (line.isEmpty()) {
        return null;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  /** All values of a header, in order. */
  static java.util.List<String> headers(String message, String name) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String line : message.split("\r\n")) {
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
        out.add(line.substring(colon + 1).strip());
      }
    }
    return out;
  }

  /** The tag parameter of the To header. */
  static String toTag(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(";tag=([^;>\\s]+)").matcher(header(message, "To"));
    return m.find() ? m.group(1) : null;
  }

  /** The body of a message. */
  static String body(String message) {
    int i = message.indexOf("\r\n\r\n");
    return i < 0 ? "" : message.substring(i + 4);
  }

  @Override
  public void close() {
    socket.close();
  }
}
