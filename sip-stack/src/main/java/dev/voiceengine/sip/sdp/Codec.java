package dev.voiceengine.sip.sdp;

import java.util.Locale;
import java.util.Optional;

/** The audio codecs this engine speaks, in our order of preference when we make the offer. */
public enum Codec {
  PCMU(0, "PCMU", 8000),
  PCMA(8, "PCMA", 8000);

  /** The payload type we offer for RFC 4733 telephone-event. */
  public static final int TELEPHONE_EVENT_PAYLOAD_TYPE = 101;
  /** The RFC 4733 events we accept: DTMF 0-9, *, #, A-D and flash. */
  public static final String TELEPHONE_EVENT_FMTP = "0-16";
  /** The packet time we send. */
  public static final int PTIME_MILLIS = 20;

  private final int staticPayloadType;
  private final String encoding;
  private final int clockRate;

  Codec(int staticPayloadType, String encoding, int clockRate) {
    this.staticPayloadType = staticPayloadType;
    this.encoding = encoding;
    this.clockRate = clockRate;
  }

  /** The RFC 3551 static payload type. */
  public int staticPayloadType() {
    return staticPayloadType;
  }

  /** The rtpmap encoding name, upper case. */
  public String encoding() {
    return encoding;
  }

  public int clockRate() {
    return clockRate;
  }

  /** The codec an rtpmap describes, if we support it (name case-insensitive, mono). */
  public static Optional<Codec> of(Sdp.RtpMap map) {
    for (Codec c : values()) {
      if (c.encoding.equalsIgnoreCase(map.encoding()) && c.clockRate == map.clockRate() && map.channels() == 1) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** True for telephone-event/8000. */
  static boolean isTelephoneEvent(Sdp.RtpMap map) {
    return map.encoding().toLowerCase(Locale.ROOT).equals("telephone-event") && map.clockRate() == 8000;
  }
}
