package dev.voiceengine.sip.sdp;

/**
 * An SDP body that cannot be used: the message says what was wrong, fit for a SIP reason phrase. Malformed SDP is
 * "400 Bad Request"; the {@link SdpTooLargeException} subclass is well-formed SDP beyond our limits.
 */
public class SdpParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public SdpParseException(String message) {
    super(message);
  }
}
