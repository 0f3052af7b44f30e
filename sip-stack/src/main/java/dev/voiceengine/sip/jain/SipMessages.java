package dev.voiceengine.sip.jain;

import gov.nist.javax.sip.message.SIPMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** Reading the parts of a SIP request the engine cares about, tolerant of what jain-sip leaves null. */
final class SipMessages {
  private SipMessages() {}

  /** The body as text, or null when there is none. */
  static String body(Request request) {
    byte[] raw = request.getRawContent();
    if (raw == null || raw.length == 0) {
      return null;
    }
    String s = new String(raw, StandardCharsets.UTF_8);
    return s.isBlank() ? null : s;
  }

  /** "type/subtype" of the body, or null. */
  static String contentType(Request request) {
    ContentTypeHeader ct = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
    return ct == null ? null : ct.getContentType() + "/" + ct.getContentSubType();
  }

  /** The transport of the top Via ("udp" when it does not say). */
  static String transportOf(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    return via == null || via.getTransport() == null ? "udp" : via.getTransport();
  }

  /**
   * Where a request came from: the UDP packet's source or the TCP connection's peer, as the stack recorded it on
   * arrival; never the Via, which the sender writes. Null when the stack recorded neither.
   */
  static InetSocketAddress sourceOf(Request request) {
    SIPMessage m = (SIPMessage) request;
    if (m.getPeerPacketSourceAddress() != null) {
      return new InetSocketAddress(m.getPeerPacketSourceAddress(), m.getPeerPacketSourcePort());
    }
    return m.getRemoteAddress() == null ? null : new InetSocketAddress(m.getRemoteAddress(), m.getRemotePort());
  }

  /** The tag of the From header, or null. */
  static String fromTagOf(Request request) {
    FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
    return from == null ? null : from.getTag();
  }

  static String callIdOf(Request request) {
    CallIdHeader h = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    return h == null ? null : h.getCallId();
  }

  /** Option tags in Require headers: we support none (no 100rel, no session timers), RFC 3261 §8.2.2.3. */
  static List<String> requiredExtensions(Request request) {
    List<String> tags = new ArrayList<>();
    ListIterator<?> it = request.getHeaders(RequireHeader.NAME);
    while (it != null && it.hasNext()) {
      if (it.next() instanceof RequireHeader r && r.getOptionTag() != null) {
        tags.add(r.getOptionTag());
      }
    }
    return tags;
  }

  /** The user part of a sip:/sips: URI, or the number of a tel: URI; null otherwise. */
  static String userOf(URI uri) {
    if (uri instanceof SipURI sip) {
      return percentDecode(sip.getUser());
    }
    if (uri instanceof TelURL tel) {
      return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
    }
    return null;
  }

  /**
   * The user part of a sip:/sips: URI exactly as it came, still %-escaped, or the number of a tel: URI; null when
   * there is none or it is not an RFC 3261 §25.1 {@code user}. For our Contact: a decoded user would let
   * "a%40evil.com%3A5060" name another host there, and "%0D%0A" or "%20" would break the header.
   */
  static String escapedUserOf(URI uri) {
    String user = uri instanceof SipURI sip ? sip.getUser() : uri instanceof TelURL ? userOf(uri) : null;
    return user != null && isUser(user) ? user : null;
  }

  /** RFC 3261 §25.1: user = 1*( unreserved / escaped / user-unreserved ). */
  static boolean isUser(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          return false;
        }
        i += 2;
      } else if (!(c < 0x80 && (Character.isLetterOrDigit(c) || "-_.!~*'()&=+$,;?/".indexOf(c) >= 0))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 3261 §19.1.2: the user part may be %-escaped ("%2B1555..." is "+1555..."). */
  static String percentDecode(String s) {
    if (s == null || s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A reason phrase safe to put on the status line: no control characters, at most 120 characters. */
  static String sanitizePhrase(String phrase) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < phrase.length() && b.length() < 120; i++) {
      char c = phrase.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return b.toString();
  }
}
