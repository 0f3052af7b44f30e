package dev.voiceengine.sip.sdp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed SDP session description (RFC 4566), reduced to what offer/answer needs. Produced by {@link SdpParser}.
 *
 * @param origin       the o= line
 * @param connection   the session-level c= line, or null
 * @param attributes   session-level a= lines, in order
 * @param media        the m= sections, in order
 */
public record Sdp(Origin origin, Connection connection, List<Attribute> attributes, List<Media> media) {
  public Sdp {
    attributes = List.copyOf(attributes);
    media = List.copyOf(media);
  }

  /** The o= line. Session id and version are kept as text: RFC 4566 allows more digits than a long holds. */
  public record Origin(String username, String sessionId, String sessionVersion, String addressType,
                       String address) {}

  /**
   * A c= line.
   *
   * @param addressType "IP4" or "IP6"
   * @param address     the address without any /ttl suffix
   */
  public record Connection(String addressType, String address) {}

  /** An a= line; value is null for a property attribute such as a=sendonly. */
  public record Attribute(String name, String value) {}

  /** An a=rtpmap value. */
  public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {}

  /**
   * An m= section.
   *
   * @param type        "audio", "video", ...
   * @param port        the media port; 0 means the stream is disabled
   * @param proto       "RTP/AVP", ...
   * @param formats     the format list (payload type numbers for RTP)
   * @param connection  the media-level c= line, or null
   * @param attributes  media-level a= lines, in order
   * @param rtpMaps     the a=rtpmap lines by payload type, the first one for each: built once, so that looking up
   *                    every format costs one map lookup and not a pass over all the attributes
   */
  public record Media(String type, int port, String proto, List<String> formats, Connection connection,
                      List<Attribute> attributes, Map<Integer, RtpMap> rtpMaps) {
    public Media {
      formats = List.copyOf(formats);
      attributes = List.copyOf(attributes);
      rtpMaps = Map.copyOf(rtpMaps);
    }

    /** An m= section whose rtpmap index is read off its attributes (one pass). */
    public Media(String type, int port, String proto, List<String> formats, Connection connection,
                 List<Attribute> attributes) {
      this(type, port, proto, formats, connection, attributes, indexRtpMaps(attributes));
    }

    /** The first media-level attribute with this name. */
    public Optional<Attribute> attribute(String name) {
      return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * The rtpmap for a payload type: the a=rtpmap line when present, else the RFC 3551 static assignment for 0 and 8.
     */
    public Optional<RtpMap> rtpMap(int payloadType) {
      RtpMap map = rtpMaps.get(payloadType);
      if (map != null) {
        return Optional.of(map);
      }
      return switch (payloadType) {
        case 0 -> Optional.of(new RtpMap(0, "PCMU", 8000, 1));
        case 8 -> Optional.of(new RtpMap(8, "PCMA", 8000, 1));
        default -> Optional.empty();
      };
    }

    private static Map<Integer, RtpMap> indexRtpMaps(List<Attribute> attributes) {
      Map<Integer, RtpMap> index = new HashMap<>();
      for (Attribute a : attributes) {
        if (a.name().equals("rtpmap") && a.value() != null) {
          RtpMap map = SdpParser.parseRtpMapUnchecked(a.value());
          if (map != null) {
            index.putIfAbsent(map.payloadType(), map);
          }
        }
      }
      return index;
    }
  }

  /** The connection that applies to a media section: its own c= line, else the session's. */
  public Connection connectionFor(Media m) {
    return m.connection() != null ? m.connection() : connection;
  }

  /**
   * The direction of a media section as the remote declared it (RFC 3264 §6.1): media-level attribute, else
   * session-level, else "sendrecv".
   */
  public String directionOf(Media m) {
    for (Attribute a : m.attributes()) {
      if (SdpParser.DIRECTIONS.contains(a.name())) {
        return a.name();
      }
    }
    for (Attribute a : attributes) {
      if (SdpParser.DIRECTIONS.contains(a.name())) {
        return a.name();
      }
    }
    return "sendrecv";
  }

  /** The a=ptime of a media section (media level, else session level), or the default when absent or unusable. */
  public int ptimeOf(Media m, int defaultMillis) {
    Optional<Attribute> a = m.attribute("ptime");
    if (a.isEmpty()) {
      a = attributes.stream().filter(x -> x.name().equals("ptime")).findFirst();
    }
    if (a.isPresent() && a.get().value() != null) {
      String v = a.get().value().strip();
      int dot = v.indexOf('.');
      if (dot >= 0) {
        v = v.substring(0, dot);
      }
      if (!v.isEmpty() && v.length() <= 4 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
        int p = Integer.parseInt(v);
        if (p > 0 && p <= 1000) {
          return p;
        }
      }
    }
    return defaultMillis;
  }
}
