package dev.voiceengine.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ports it hands out can be bound at once, as promised. */
class FreePortsTest {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  @Test
  void aBlockIsEvenAndEveryPortOfItBinds() throws Exception {
    int base = FreePorts.block(6);
    assertThat(base % 2).isZero();
    for (int p = base; p < base + 6; p++) {
      try (DatagramSocket s = new DatagramSocket(p, LO)) {
        assertThat(s.getLocalPort()).isEqualTo(p);
      }
    }
  }

  @Test
  void aSipPortBindsForTcpAndUdpWithItsMediaNeighbours() throws Exception {
    int p = FreePorts.sip("127.0.0.1");
    assertThat(p % 2).isZero();
    try (ServerSocket tcp = new ServerSocket(p, 1, LO);
        DatagramSocket udp = new DatagramSocket(p, LO);
        DatagramSocket rtcp = new DatagramSocket(p + 1, LO);
        DatagramSocket video = new DatagramSocket(new InetSocketAddress(LO, p + 2))) {
      assertThat(List.of(udp.getLocalPort(), rtcp.getLocalPort(), video.getLocalPort()))
          .containsExactly(tcp.getLocalPort(), p + 1, p + 2);
    }
  }

  @Test
  void singlePortsBind() throws Exception {
    try (ServerSocket tcp = new ServerSocket(FreePorts.tcp(), 1, LO);
        DatagramSocket udp = new DatagramSocket(FreePorts.udp(), LO)) {
      assertThat(tcp.getLocalPort()).isPositive();
      assertThat(udp.getLocalPort()).isPositive();
    }
  }
}
