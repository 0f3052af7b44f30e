package dev.voiceengine.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** RTP port ranges for tests, chosen at run time: a block of consecutive UDP ports on 127.0.0.1 free right now. */
public final class FreePorts {
  private FreePorts() {}

  /**
   * The first port of {@code count} consecutive ports, starting at an even one, that are all free for UDP. The
   * OS picks a free port to start from (Linux hands out odd ones to bind(0), so its even neighbour is tried).
   */
  public static int block(int count) throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base;
      try (DatagramSocket probe = new DatagramSocket(0, lo)) {
        base = probe.getLocalPort() & ~1;
      }
      if (base < 1024 || base + count > 65535) {
        continue;
      }
      List<DatagramSocket> held = new ArrayList<>();
      try {
        for (int p = base; p < base + count; p++) {
          held.add(new DatagramSocket(p, lo));
        }
        return base;
      } catch (IOException busy) {
        // try another block
      } finally {
        for (DatagramSocket s : held) {
          s.close();
        }
      }
    }
    throw new IOException("no block of " + count + " free UDP ports on 127.0.0.1");
  }
}
