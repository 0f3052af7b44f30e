package dev.voiceengine.sip.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SDP we send in one dialog: offers and answers for a single audio stream, with an o= line whose session id stays
 * fixed and whose version goes up by one each time the description changes (RFC 3264 §8), and stays when it does not.
 * It remembers the m= lines of its last description, so that a later offer keeps them in order (RFC 3264 §8).
 * Not thread-safe: one dialog uses it under its own lock.
 */
public final class LocalSdp {
  private static final String CRLF = "\r\n";

  private final long sessionId;
  private long version;
  private String lastBody;
  /** The m= lines of the last description, as sent: the rejected ones rendered, null for the audio stream. */
  private List<String> mediaLines = Collections.singletonList(null);

  /**
   * @param sessionId      the o= session id, fixed for the dialog
   * @param initialVersion the o= version of the first description
   */
  public LocalSdp(long sessionId, long initialVersion) {
    this.sessionId = sessionId;
    this.version = initialVersion;
  }

  /** The o= version of the last description rendered. */
  public long version() {
    return version;
  }

  /** Which m= line of the last description is the audio stream: where the answer to our offer carries it. */
  public int audioIndex() {
    return mediaLines.indexOf(null);
  }

  /**
   * Our answer to a remote offer: one m= line per offered one (RFC 3264 §6), the negotiated audio stream with our
   * address, port, the chosen codec, telephone-event when offered, a=ptime and the answer direction; every other
   * stream rejected with port 0.
   */
  public String answer(Sdp offer, Negotiation n, String address, int port) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < offer.media().size(); i++) {
      Sdp.Media m = offer.media().get(i);
      lines.add(i == n.mediaIndex() ? null
          : "m=" + m.type() + " 0 " + m.proto() + " " + m.formats().get(0) + CRLF);
    }
    mediaLines = lines;
    StringBuilder media = new StringBuilder();
    for (String line : lines) {
      if (line == null) {
        audio(media, port, n.codec(), n.payloadType(), n.telephoneEventPayloadType(), n.localDirection(), false);
      } else {
        media.append(line);
      }
    }
    return render(address, media);
  }

  /**
   * Our offer (delayed-offer INVITE, or a re-INVITE without SDP): PCMU and PCMA, {@code first} leading,
   * telephone-event 101, sendrecv. Every m= line of our last description stays, in order, the rejected ones still
   * with port 0 (RFC 3264 §8): a session that had "m=video 0" before its audio keeps it there.
   */
  public String offer(String address, int port, Codec first) {
    StringBuilder media = new StringBuilder();
    for (String line : mediaLines) {
      if (line == null) {
        audio(media, port, first, first.staticPayloadType(), Codec.TELEPHONE_EVENT_PAYLOAD_TYPE, "sendrecv", true);
      } else {
        media.append(line);
      }
    }
    return render(address, media);
  }

  private static void audio(StringBuilder out, int port, Codec codec, int pt, int te, String direction,
                            boolean allCodecs) {
    out.append("m=audio ").append(port).append(' ').append(SdpNegotiator.RTP_AVP).append(' ').append(pt);
    if (allCodecs) {
      for (Codec c : Codec.values()) {
        if (c != codec) {
          out.append(' ').append(c.staticPayloadType());
        }
      }
    }
    if (te >= 0) {
      out.append(' ').append(te);
    }
    out.append(CRLF);
    out.append("a=rtpmap:").append(pt).append(' ').append(codec.encoding()).append('/').append(codec.clockRate())
        .append(CRLF);
    if (allCodecs) {
      for (Codec c : Codec.values()) {
        if (c != codec) {
          out.append("a=rtpmap:").append(c.staticPayloadType()).append(' ').append(c.encoding()).append('/')
              .append(c.clockRate()).append(CRLF);
        }
      }
    }
    if (te >= 0) {
      out.append("a=rtpmap:").append(te).append(" telephone-event/8000").append(CRLF);
      out.append("a=fmtp:").append(te).append(' ').append(Codec.TELEPHONE_EVENT_FMTP).append(CRLF);
    }
    out.append("a=ptime:").append(Codec.PTIME_MILLIS).append(CRLF);
    out.append("a=").append(direction).append(CRLF);
  }

  private String render(String address, StringBuilder media) {
    String addrType = address.indexOf(':') >= 0 ? "IP6" : "IP4";
    String body = "s=-" + CRLF
        + "c=IN " + addrType + " " + address + CRLF
        + "t=0 0" + CRLF
        + media;
    if (lastBody != null && !lastBody.equals(body)) {
      version++;
    }
    lastBody = body;
    return "v=0" + CRLF
        + "o=- " + sessionId + " " + version + " IN " + addrType + " " + address + CRLF
        + body;
  }
}
