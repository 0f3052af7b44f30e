package dev.voiceengine.sip;

/** Thrown by a {@link SipCallListener} to refuse an INVITE with a final SIP status, e.g. 503 when no RTP port is free. */
public final class CallRejectedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  public CallRejectedException(int status, String reason) {
    super(reason);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
