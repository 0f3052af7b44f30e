package dev.voiceengine.sip.outbound;

import java.util.Objects;

/**
 * One call to place.
 *
 * @param ref        the call's id (the call record's id): every callback and command names the call by it
 * @param toNumber   the number to dial (the Request-URI's user part)
 * @param fromNumber our caller id (the From user part)
 * @param trunk      where the INVITE goes
 * @param rtpAddress where we receive RTP, for our SDP offer
 * @param rtpPort    the port, from the same allocator inbound calls use
 * @param sipCallId  the Call-ID to use (random, unguessable), or null to have one made
 */
public record OutboundInvite(String ref, String toNumber, String fromNumber, OutboundTrunk trunk, String rtpAddress,
    int rtpPort, String sipCallId) {
  public OutboundInvite {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(toNumber, "toNumber");
    Objects.requireNonNull(trunk, "trunk");
    Objects.requireNonNull(rtpAddress, "rtpAddress");
    sipCallId = sipCallId == null || sipCallId.isBlank() ? java.util.UUID.randomUUID().toString() : sipCallId;
    fromNumber = fromNumber == null || fromNumber.isBlank() ? "anonymous" : fromNumber;
  }
}
