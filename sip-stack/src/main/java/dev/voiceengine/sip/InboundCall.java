package dev.voiceengine.sip;

import java.net.InetSocketAddress;

/**
 * An INVITE that passed the trunk, capacity and routing checks.
 *
 * @param ref          the call's id: a UUID made for the INVITE, used in every later callback and command; the rest
 *                     of the engine keys the call by it too (its record, its media session)
 * @param sipCallId    the Call-ID header
 * @param fromNumber   user part of the From URI (the caller)
 * @param toNumber     user part of the Request-URI (the dialled number)
 * @param trunkId      the trunk whose allow-list matched
 * @param agentId      the agent the dialled number routes to
 * @param source       where the INVITE came from
 * @param offer        the remote's media from the SDP offer, or null for an INVITE without SDP (delayed offer:
 *                     the answer comes in the ACK and is reported through {@link SipCallListener#onMedia})
 */
public record InboundCall(
    String ref,
    String sipCallId,
    String fromNumber,
    String toNumber,
    String trunkId,
    String agentId,
    InetSocketAddress source,
    MediaDescription offer) {}
