package dev.voiceengine.sip.trunk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ("10.0.0.0/8", "2001:db8::/32"); a bare address means just that address.
 * Only IP literals are accepted: parsing never does a DNS lookup. IPv4-mapped IPv6 sources (::ffff:a.b.c.d) match the
 * IPv4 networks.
 */
public final class Cidr {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses "address/prefix" or "address".
   *
   * @throws IllegalArgumentException when the text is not an IP literal with an in-range prefix
   */
  public static Cidr parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty CIDR");
    }
    String s = text.strip();
    int slash = s.indexOf('/');
    String addressPart = slash < 0 ? s : s.substring(0, slash);
    byte[] address = parseLiteral(addressPart);
    if (address == null) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      prefix = Integer.parseInt(p);
      if (prefix > bits) {
        throw new IllegalArgumentException("prefix length " + prefix + " > " + bits + " in " + text);
      }
    }
    return new Cidr(mask(address, prefix), prefix, s);
  }

  /** True when the address lies in this network. */
  public boolean contains(InetAddress address) {
    byte[] a = normalize(address.getAddress());
    if (a.length != network.length) {
      return false;
    }
    return Arrays.equals(mask(a, prefix), network);
  }

  @Override
  public String toString() {
    return text;
  }

  /** The address bytes of an IP literal, IPv4-mapped IPv6 folded to IPv4; null when the text is not a literal. */
  static byte[] parseLiteral(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    String lit = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    boolean v6 = lit.indexOf(':') >= 0;
    if (v6) {
      if (!lit.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
          || c == ':' || c == '.')) {
        return null;
      }
    } else if (!isDottedQuad(lit)) {
      return null;
    }
    try {
      // A literal (checked above) is parsed without any name lookup.
      return normalize(InetAddress.getByName(lit).getAddress());
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static boolean isDottedQuad(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static byte[] normalize(byte[] a) {
    if (a.length == 16) {
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= a[i] == 0;
      }
      mapped &= a[10] == (byte) 0xff && a[11] == (byte) 0xff;
      if (mapped) {
        return Arrays.copyOfRange(a, 12, 16);
      }
    }
    return a;
  }

  private static byte[] mask(byte[] a, int prefix) {
    byte[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }
}
