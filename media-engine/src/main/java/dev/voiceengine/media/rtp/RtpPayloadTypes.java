package dev.voiceengine.media.rtp;

/** Static payload types this engine knows by number (RFC 3551 §6). */
public final class RtpPayloadTypes {
  public static final int PCMU = 0;
  public static final int PCMA = 8;
  /** Comfort noise (RFC 3389); received and ignored. */
  public static final int CN = 13;

  private RtpPayloadTypes() {}
}
