package dev.voiceengine.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads UDP payloads from a classic little-endian pcap of Ethernet/IPv4 frames (enough for sipp's captures). */
public final class PcapUdpReader {
  /** One UDP datagram: capture time in nanoseconds from the first record, and its payload. */
  public record Datagram(long timeNanos, byte[] payload) {}

  private PcapUdpReader() {}

  public static List<Datagram> read(Path pcap) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0xA1B2C3D4 || b.getInt(20) != 1) {
      throw new IOException(pcap + ": not a little-endian Ethernet pcap");
    }
    List<Datagram> out = new ArrayList<>();
    int p = 24;
    long first = -1;
    while (p + 16 <= b.limit()) {
      long micros = (b.getInt(p) & 0xFFFF_FFFFL) * 1_000_000L + (b.getInt(p + 4) & 0xFFFF_FFFFL);
      int captured = b.getInt(p + 8);
      int frame = p + 16;
      p = frame + captured;
      if (first < 0) {
        first = micros;
      }
      int ip = frame + 14;
      if ((b.get(frame + 12) & 0xFF) != 0x08 || b.get(frame + 13) != 0 || (b.get(ip) & 0xF0) != 0x40
          || b.get(ip + 9) != 17) {
        continue; // not IPv4/UDP
      }
      int udp = ip + 4 * (b.get(ip) & 0x0F);
      int length = (Short.reverseBytes(b.getShort(udp + 4)) & 0xFFFF) - 8; // network order
      if (length < 0 || udp + 8 + length > p) {
        continue; // truncated capture or fragment
      }
      byte[] payload = new byte[length];
      b.get(udp + 8, payload);
      out.add(new Datagram((micros - first) * 1000, payload));
    }
    return out;
  }
}
