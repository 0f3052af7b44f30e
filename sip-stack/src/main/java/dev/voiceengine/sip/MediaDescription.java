package dev.voiceengine.sip;

/**
 * The remote side's audio as agreed by SDP offer/answer (RFC 3264): where to send, in which format.
 *
 * @param address               the connection address (c=), "0.0.0.0" when the remote put the call on hold that way
 * @param port                  the m=audio port
 * @param payloadType           the RTP payload type chosen for audio (0 PCMU, 8 PCMA, or a dynamic number)
 * @param encoding              its encoding name as in a=rtpmap, upper case: "PCMU", "PCMA"
 * @param clockRate             its clock rate, 8000 for G.711
 * @param telephoneEventPayloadType  the RFC 4733 telephone-event payload type, or -1 when not negotiated
 * @param ptimeMillis           the remote's a=ptime (20 when absent); media must still accept any packet size
 * @param direction             "sendrecv", "sendonly", "recvonly" or "inactive" as seen from the remote (RFC 3264 §6.1)
 */
public record MediaDescription(
    String address,
    int port,
    int payloadType,
    String encoding,
    int clockRate,
    int telephoneEventPayloadType,
    int ptimeMillis,
    String direction) {

  /** True when the remote wants to receive our audio (not on hold). */
  public boolean remoteReceives() {
    return (direction.equals("sendrecv") || direction.equals("recvonly")) && !address.equals("0.0.0.0");
  }

  /**
   * True when the remote said it will send us audio (sendrecv or sendonly, RFC 3264 §6.1). A c=0.0.0.0 hold (RFC 3264
   * §8.4) counts as not sending: such peers go quiet, and their silence must not end the call.
   */
  public boolean remoteSends() {
    return (direction.equals("sendrecv") || direction.equals("sendonly")) && !address.equals("0.0.0.0");
  }
}
