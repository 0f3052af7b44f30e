package dev.voiceengine.testsupport.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports for tests and the load harness, chosen at run time so that runs side by side never collide. A port is free
 * when it was checked, not after: callers bind it at once.
 *
 * <p>Linux hands out odd ports to bind(0) (it keeps even ones for connect), so where an even port is wanted (RTP
 * on even ports, RTCP on the next: RFC 3550 §11) the even neighbour of an OS-chosen port is checked by binding it.
 */
public final class FreePorts {
  private static final int ATTEMPTS = 200;

  private FreePorts() {}

  /** A TCP port on 127.0.0.1 nobody listens on right now (for "the service is unreachable" tests too). */
  public static int tcp() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A UDP port free on 127.0.0.1 right now. */
  public static int udp() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * The first port of {@code count} consecutive ports on 127.0.0.1, starting at an even one, that are all free for
   * UDP: a media engine's RTP range, or a peer's RTP/RTCP pair.
   */
  public static int block(int count) throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int base = evenCandidate(lo);
      if (base >= 1024 && base + count <= 65535 && free(lo, base, count, false)) {
        return base;
      }
    }
    throw new IOException("no block of " + count + " free UDP ports on 127.0.0.1");
  }

  /** {@link #sip(String)} on 127.0.0.1. */
  public static int sip() throws IOException {
    return sip("127.0.0.1");
  }

  /**
   * An even port on {@code ip} free for TCP and UDP, with the three above it free for UDP too: good for a SIP peer's
   * signalling (UDP or TCP) and for sipp's media port (RTP on it, RTCP on the next, video on +2 and +3).
   */
  public static int sip(String ip) throws IOException {
    InetAddress address = InetAddress.getByName(ip);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int candidate = evenCandidate(address);
      if (candidate >= 1024 && candidate <= 65000 && free(address, candidate, 4, true)) {
        return candidate;
      }
    }
    throw new IOException("no free SIP port on " + ip);
  }

  /** Whether {@code udpCount} UDP ports from {@code base} (and {@code base} for TCP too) all bind at once. */
  private static boolean free(InetAddress address, int base, int udpCount, boolean tcp) {
    List<Closeable> held = new ArrayList<>();
    try {
      if (tcp) {
        ServerSocket s = new ServerSocket();
        held.add(s);
        s.bind(new InetSocketAddress(address, base));
      }
      for (int p = base; p < base + udpCount; p++) {
        held.add(new DatagramSocket(new InetSocketAddress(address, p)));
      }
      return true;
    } catch (IOException busy) {
      return false;
    } finally {
      for (Closeable c : held) {
        try {
          c.close();
        } catch (IOException e) {
          // closing a probe: nothing to do
        }
      }
    }
  }

  private static int evenCandidate(InetAddress address) throws IOException {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
      return probe.getLocalPort() & ~1;
    }
  }
}
