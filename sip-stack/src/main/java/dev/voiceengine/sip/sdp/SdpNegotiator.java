package dev.voiceengine.sip.sdp;

import dev.voiceengine.sip.MediaDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 3264 offer/answer decisions for one audio stream, free of any SIP stack. Rendering the SDP we send is
 * {@link LocalSdp}'s job.
 */
public final class SdpNegotiator {
  /** The only transport profile we answer. */
  public static final String RTP_AVP = "RTP/AVP";

  private SdpNegotiator() {}

  /**
   * Answers a remote offer: the first usable audio stream (port not 0, RTP/AVP), and in it the first codec in the
   * offer's order that we support, unless {@code keep} (the codec already in use, for a re-INVITE) is offered too.
   *
   * @param keep the codec to keep if still offered, or null
   * @throws NoCommonCodecException when no audio stream carries a codec we support
   */
  public static Negotiation answer(Sdp offer, Codec keep) throws NoCommonCodecException {
    List<String> offered = new ArrayList<>();
    boolean sawAudio = false;
    for (int i = 0; i < offer.media().size(); i++) {
      Sdp.Media m = offer.media().get(i);
      if (!m.type().equals("audio") || m.port() == 0) {
        continue;
      }
      sawAudio = true;
      if (!m.proto().equalsIgnoreCase(RTP_AVP)) {
        offered.add(m.proto());
        continue;
      }
      Chosen chosen = choose(m, keep, offered);
      if (chosen != null) {
        String remoteDirection = offer.directionOf(m);
        MediaDescription remote = describe(offer, m, chosen, remoteDirection);
        return new Negotiation(i, chosen.codec, chosen.payloadType, chosen.telephoneEvent, remote,
            answerDirection(remoteDirection));
      }
    }
    if (!sawAudio) {
      throw new NoCommonCodecException("no audio stream offered");
    }
    return throwNoCodec(offered);
  }

  /**
   * Reads the remote's answer to an offer we made ({@link LocalSdp#offer}): the m= line at the index of our audio
   * stream (RFC 3264 §6: an answer has the offer's m= lines, in order) must be audio, not rejected, with one of our
   * codecs.
   *
   * @param audioIndex       which m= line of our offer was the audio ({@link LocalSdp#audioIndex})
   * @param offeredDirection the direction we offered ("sendrecv")
   * @throws NoCommonCodecException when the answer rejects the stream or picks nothing we offered
   */
  public static Negotiation acceptAnswer(Sdp answer, int audioIndex, String offeredDirection)
      throws NoCommonCodecException {
    if (answer.media().size() <= audioIndex) {
      throw new NoCommonCodecException(answer.media().isEmpty() ? "answer has no m= line"
          : "answer has no m= line " + (audioIndex + 1) + " for the audio stream");
    }
    Sdp.Media m = answer.media().get(audioIndex);
    if (!m.type().equals("audio") || m.port() == 0) {
      throw new NoCommonCodecException("answer rejected the audio stream");
    }
    if (!m.proto().equalsIgnoreCase(RTP_AVP)) {
      throw new NoCommonCodecException("answer uses " + m.proto() + ", not " + RTP_AVP);
    }
    List<String> offered = new ArrayList<>();
    Chosen chosen = choose(m, null, offered);
    if (chosen == null) {
      return throwNoCodec(offered);
    }
    String remoteDirection = answer.directionOf(m);
    return new Negotiation(audioIndex, chosen.codec, chosen.payloadType, chosen.telephoneEvent,
        describe(answer, m, chosen, remoteDirection), offeredDirection);
  }

  /** Our direction for a remote direction, RFC 3264 §6.1. */
  public static String answerDirection(String remoteDirection) {
    return switch (remoteDirection) {
      case "sendonly" -> "recvonly";
      case "recvonly" -> "sendonly";
      case "inactive" -> "inactive";
      default -> "sendrecv";
    };
  }

  private record Chosen(Codec codec, int payloadType, int telephoneEvent) {}

  private static Chosen choose(Sdp.Media m, Codec keep, List<String> offered) {
    Codec codec = null;
    int pt = -1;
    int te = -1;
    for (String f : m.formats()) {
      // the parser lets only 0-127 through for RTP profiles, which are the only ones negotiated
      int p = Integer.parseInt(f);
      Optional<Sdp.RtpMap> map = m.rtpMap(p);
      if (map.isEmpty()) {
        offered.add(f);
        continue;
      }
      offered.add(map.get().encoding() + "/" + map.get().clockRate());
      if (Codec.isTelephoneEvent(map.get())) {
        if (te < 0) {
          te = p;
        }
        continue;
      }
      Optional<Codec> c = Codec.of(map.get());
      if (c.isPresent() && (codec == null || (c.get() == keep && codec != keep))) {
        codec = c.get();
        pt = p;
      }
    }
    return codec == null ? null : new Chosen(codec, pt, te);
  }

  private static MediaDescription describe(Sdp sdp, Sdp.Media m, Chosen chosen, String direction) {
    Sdp.Connection c = sdp.connectionFor(m);
    return new MediaDescription(c.address(), m.port(), chosen.payloadType, chosen.codec.encoding(),
        chosen.codec.clockRate(), chosen.telephoneEvent, sdp.ptimeOf(m, Codec.PTIME_MILLIS), direction);
  }

  private static <T> T throwNoCodec(List<String> offered) throws NoCommonCodecException {
    String list = String.join(" ", offered.subList(0, Math.min(offered.size(), 8)));
    throw new NoCommonCodecException("no common codec (offered: " + list + ")");
  }
}
