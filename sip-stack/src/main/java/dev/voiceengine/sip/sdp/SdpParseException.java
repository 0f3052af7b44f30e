package dev.voiceengine.sip.sdp;

/** An SDP body that cannot be used: the message says what was wrong, fit for a SIP reason phrase. */
public final class SdpParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public SdpParseException(String message) {
    super(message);
  }
}
