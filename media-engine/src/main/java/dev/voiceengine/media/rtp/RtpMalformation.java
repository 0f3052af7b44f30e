package dev.voiceengine.media.rtp;

/** Why a datagram is not a usable RTP packet (RFC 3550 §5.1 and the validity checks of Appendix A.1). */
public enum RtpMalformation {
  /** Well formed. */
  NONE,
  /** Shorter than the 12-byte fixed header. */
  TOO_SHORT,
  /** Version bits are not 2. */
  BAD_VERSION,
  /** The CSRC count runs past the end of the packet. */
  CSRC_OVERFLOW,
  /** The header extension header or its declared length runs past the end of the packet. */
  EXTENSION_OVERFLOW,
  /** P bit set but the padding count is 0 or larger than what follows the header. */
  BAD_PADDING,
  /** Payload type 72-76: an RTCP packet multiplexed on the RTP port (RFC 5761 §4), not RTP. */
  RTCP
}
