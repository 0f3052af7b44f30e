package dev.voiceengine.sip.sdp;

/**
 * Well-formed SDP with more formats or attributes than {@link SdpParser} reads. RFC 4566 sets no such limits, so this
 * is not a syntax error (400) but a session description we will not negotiate: "488 Not Acceptable Here" (RFC 3261
 * §21.4.26), which also tells the caller a smaller offer may succeed.
 */
public final class SdpTooLargeException extends SdpParseException {
  private static final long serialVersionUID = 1L;

  public SdpTooLargeException(String message) {
    super(message);
  }
}
