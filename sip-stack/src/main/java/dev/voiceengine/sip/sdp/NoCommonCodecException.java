package dev.voiceengine.sip.sdp;

/** An offer or answer with no audio stream we can use: "488 Not Acceptable Here" for an offer. */
public final class NoCommonCodecException extends Exception {
  private static final long serialVersionUID = 1L;

  public NoCommonCodecException(String message) {
    super(message);
  }
}
