package dev.voiceengine.sip;

/** Why a dialog ended, as far as signalling knows. */
public enum CallEnd {
  /** The remote sent BYE. */
  REMOTE_BYE,
  /** We sent BYE (after {@link dev.voiceengine.sip.jain.SipServer#hangup}). */
  LOCAL_BYE,
  /** The remote sent CANCEL before we answered; the INVITE got 487. */
  CANCELED,
  /** No ACK came for our 200 OK (RFC 3261 §13.3.1.4), or the transaction failed. */
  FAILED,
  /** The SIP server is shutting down. */
  SHUTDOWN
}
