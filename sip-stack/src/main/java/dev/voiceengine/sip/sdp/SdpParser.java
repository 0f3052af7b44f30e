package dev.voiceengine.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A strict-enough SDP parser (RFC 4566) for offer/answer. It checks the lines negotiation depends on (v=, o=, c=, m=,
 * a=rtpmap) and ignores the rest. Whatever the input, it returns an {@link Sdp} or throws {@link SdpParseException}
 * with a message fit for a "400 Bad Request" reason phrase ({@link SdpTooLargeException}: "488"); it never throws
 * anything else. Its cost is linear in the body, and the format and attribute caps keep what negotiation walks small.
 */
public final class SdpParser {
  /** Largest body accepted. */
  public static final int MAX_LENGTH = 64 * 1024;
  /**
   * Most formats on one m= line. RTP has 128 payload types and real offers list a handful (browsers: a few dozen for
   * video); a longer list is an attack on the negotiator, refused before any of its formats is looked at.
   */
  public static final int MAX_FORMATS = 64;
  /** Most a= lines in one section (the session, or one m= section); real audio sections carry about ten. */
  public static final int MAX_ATTRIBUTES = 256;

  static final Set<String> DIRECTIONS = Set.of("sendrecv", "sendonly", "recvonly", "inactive");

  private SdpParser() {}

  /** Parses an SDP body. */
  public static Sdp parse(String text) throws SdpParseException {
    if (text == null || text.isBlank()) {
      throw new SdpParseException("empty SDP");
    }
    if (text.length() > MAX_LENGTH) {
      throw new SdpParseException("SDP longer than " + MAX_LENGTH + " characters");
    }
    String[] lines = text.split("\r?\n", -1);
    Sdp.Origin origin = null;
    Sdp.Connection sessionConnection = null;
    List<Sdp.Attribute> sessionAttributes = new ArrayList<>();
    List<Sdp.Media> media = new ArrayList<>();
    // the m= section being read: its fields, until the next m= or the end
    MediaBuilder current = null;
    boolean sawVersion = false;
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
        throw new SdpParseException("line " + lineNo + ": not a <type>=<value> line");
      }
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new SdpParseException("line " + lineNo + ": control character");
        }
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      if (!sawVersion) {
        if (type != 'v') {
          throw new SdpParseException("first line is not v=");
        }
        if (!value.strip().equals("0")) {
          throw new SdpParseException("unsupported SDP version v=" + clip(value));
        }
        sawVersion = true;
        continue;
      }
      switch (type) {
        case 'v' -> throw new SdpParseException("line " + lineNo + ": second v= line");
        case 'o' -> {
          if (origin != null || current != null) {
            throw new SdpParseException("line " + lineNo + ": misplaced o= line");
          }
          origin = parseOrigin(value, lineNo);
        }
        case 'c' -> {
          Sdp.Connection c = parseConnection(value, lineNo);
          if (current != null) {
            current.connection = c;
          } else {
            sessionConnection = c;
          }
        }
        case 'm' -> {
          if (current != null) {
            media.add(current.build());
          }
          current = parseMediaLine(value, lineNo);
        }
        case 'a' -> {
          List<Sdp.Attribute> section = current != null ? current.attributes : sessionAttributes;
          if (section.size() >= MAX_ATTRIBUTES) {
            throw new SdpTooLargeException("line " + lineNo + ": more than " + MAX_ATTRIBUTES + " a= lines in one "
                + (current != null ? "m= section" : "session"));
          }
          section.add(parseAttribute(value, lineNo));
        }
        default -> {
          // s=, t=, b=, i=, u=, e=, p=, k=, r=, z= and unknown types carry nothing offer/answer needs
        }
      }
    }
    if (!sawVersion) {
      throw new SdpParseException("empty SDP");
    }
    if (origin == null) {
      throw new SdpParseException("missing o= line");
    }
    if (current != null) {
      media.add(current.build());
    }
    for (int i = 0; i < media.size(); i++) {
      Sdp.Media m = media.get(i);
      if (m.port() != 0 && m.connection() == null && sessionConnection == null) {
        throw new SdpParseException("no c= line for m=" + m.type() + " (stream " + (i + 1) + ")");
      }
    }
    return new Sdp(origin, sessionConnection, sessionAttributes, media);
  }

  private static final class MediaBuilder {
    String type;
    int port;
    String proto;
    List<String> formats;
    Sdp.Connection connection;
    final List<Sdp.Attribute> attributes = new ArrayList<>();

    Sdp.Media build() {
      return new Sdp.Media(type, port, proto, formats, connection, attributes);
    }
  }

  private static String[] fields(String value) {
    String v = value.strip();
    return v.isEmpty() ? new String[0] : v.split("[ \t]+");
  }

  private static Sdp.Origin parseOrigin(String value, int lineNo) throws SdpParseException {
    String[] f = fields(value);
    if (f.length != 6) {
      throw new SdpParseException("line " + lineNo + ": o= needs 6 fields");
    }
    if (!isDigits(f[1], 1, 30) || !isDigits(f[2], 1, 30)) {
      throw new SdpParseException("line " + lineNo + ": o= session id and version must be numbers");
    }
    if (!f[3].equals("IN")) {
      throw new SdpParseException("line " + lineNo + ": o= network type is not IN");
    }
    if (!f[4].equals("IP4") && !f[4].equals("IP6")) {
      throw new SdpParseException("line " + lineNo + ": o= address type is not IP4 or IP6");
    }
    return new Sdp.Origin(f[0], f[1], f[2], f[4], f[5]);
  }

  private static Sdp.Connection parseConnection(String value, int lineNo) throws SdpParseException {
    String[] f = fields(value);
    if (f.length != 3) {
      throw new SdpParseException("line " + lineNo + ": c= needs 3 fields");
    }
    if (!f[0].equals("IN")) {
      throw new SdpParseException("line " + lineNo + ": c= network type is not IN");
    }
    String address = f[2];
    if (f[1].equals("IP4")) {
      int slash = address.indexOf('/');
      if (slash >= 0) {
        // multicast TTL (and count); a unicast offer never has one, but the address is still usable
        address = address.substring(0, slash);
      }
      if (!isIpv4(address) && !isHostname(address)) {
        throw new SdpParseException("line " + lineNo + ": c= address is not an IPv4 address");
      }
    } else if (f[1].equals("IP6")) {
      int slash = address.indexOf('/');
      if (slash >= 0) {
        address = address.substring(0, slash);
      }
      if (!isIpv6(address) && !isHostname(address)) {
        throw new SdpParseException("line " + lineNo + ": c= address is not an IPv6 address");
      }
    } else {
      throw new SdpParseException("line " + lineNo + ": c= address type is not IP4 or IP6");
    }
    return new Sdp.Connection(f[1], address);
  }

  private static MediaBuilder parseMediaLine(String value, int lineNo) throws SdpParseException {
    String[] f = fields(value);
    if (f.length < 4) {
      throw new SdpParseException("line " + lineNo + ": m= needs media, port, protocol and formats");
    }
    if (!isToken(f[0])) {
      throw new SdpParseException("line " + lineNo + ": m= media type is not a token");
    }
    String port = f[1];
    int slash = port.indexOf('/');
    if (slash >= 0) {
      if (!isDigits(port.substring(slash + 1), 1, 5)) {
        throw new SdpParseException("line " + lineNo + ": m= port count is not a number");
      }
      port = port.substring(0, slash);
    }
    if (!isDigits(port, 1, 5) || Integer.parseInt(port) > 65535) {
      throw new SdpParseException("line " + lineNo + ": m= port is not a port number");
    }
    if (!isProto(f[2])) {
      throw new SdpParseException("line " + lineNo + ": m= protocol is not a token");
    }
    if (f.length - 3 > MAX_FORMATS) {
      throw new SdpTooLargeException("line " + lineNo + ": m= line has " + (f.length - 3) + " formats, more than "
          + MAX_FORMATS);
    }
    boolean rtp = f[2].toUpperCase(java.util.Locale.ROOT).contains("RTP");
    List<String> formats = new ArrayList<>();
    for (int i = 3; i < f.length; i++) {
      if (rtp && (!isDigits(f[i], 1, 3) || Integer.parseInt(f[i]) > 127)) {
        throw new SdpParseException("line " + lineNo + ": m= RTP payload type " + clip(f[i]) + " is not 0-127");
      }
      if (!rtp && !isToken(f[i])) {
        throw new SdpParseException("line " + lineNo + ": m= format is not a token");
      }
      formats.add(f[i]);
    }
    MediaBuilder b = new MediaBuilder();
    b.type = f[0];
    b.port = Integer.parseInt(port);
    b.proto = f[2];
    b.formats = formats;
    return b;
  }

  private static Sdp.Attribute parseAttribute(String value, int lineNo) throws SdpParseException {
    int colon = value.indexOf(':');
    String name = colon < 0 ? value.strip() : value.substring(0, colon);
    String attrValue = colon < 0 ? null : value.substring(colon + 1).strip();
    if (!isToken(name)) {
      throw new SdpParseException("line " + lineNo + ": a= attribute name is not a token");
    }
    if (name.equals("rtpmap")) {
      if (attrValue == null || parseRtpMapUnchecked(attrValue) == null) {
        throw new SdpParseException("line " + lineNo + ": bad a=rtpmap");
      }
    }
    return new Sdp.Attribute(name, attrValue);
  }

  /** Parses "pt encoding/rate[/channels]"; null when malformed. */
  static Sdp.RtpMap parseRtpMapUnchecked(String value) {
    String[] f = fields(value);
    if (f.length != 2 || !isDigits(f[0], 1, 3)) {
      return null;
    }
    int pt = Integer.parseInt(f[0]);
    String[] enc = f[1].split("/", -1);
    if (pt > 127 || enc.length < 2 || enc.length > 3 || !isToken(enc[0]) || !isDigits(enc[1], 1, 7)) {
      return null;
    }
    int rate = Integer.parseInt(enc[1]);
    int channels = 1;
    if (enc.length == 3) {
      if (!isDigits(enc[2], 1, 2)) {
        return null;
      }
      channels = Integer.parseInt(enc[2]);
    }
    if (rate == 0 || channels == 0) {
      return null;
    }
    return new Sdp.RtpMap(pt, enc[0], rate, channels);
  }

  private static boolean isDigits(String s, int min, int max) {
    if (s.length() < min || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** RFC 4566 token characters. */
  private static boolean isToken(String s) {
    if (s.isEmpty() || s.length() > 256) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`{|}~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isProto(String s) {
    for (String part : s.split("/", -1)) {
      if (!isToken(part)) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (!isDigits(p, 1, 3) || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String s) {
    if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
      return false;
    }
    int doubleColons = 0;
    for (int i = 0; i + 1 < s.length(); i++) {
      if (s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
        doubleColons++;
      }
    }
    if (doubleColons > 1 || s.contains(":::")) {
      return false;
    }
    String[] groups = s.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (g.isEmpty()) {
        continue;
      }
      if (i == groups.length - 1 && g.indexOf('.') >= 0) {
        if (!isIpv4(g)) {
          return false;
        }
        count += 2;
        continue;
      }
      if (g.length() > 4) {
        return false;
      }
      for (int k = 0; k < g.length(); k++) {
        char c = g.charAt(k);
        if (Character.digit(c, 16) < 0 || c > 'f') {
          return false;
        }
      }
      count++;
    }
    return doubleColons == 1 ? count < 8 : count == 8;
  }

  private static boolean isHostname(String s) {
    if (s.isEmpty() || s.length() > 253 || s.startsWith(".") || s.startsWith("-")) {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        letter = true;
      } else if (!((c >= '0' && c <= '9') || c == '-' || c == '.')) {
        return false;
      }
    }
    return letter;
  }

  private static String clip(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "..." : s;
  }
}
