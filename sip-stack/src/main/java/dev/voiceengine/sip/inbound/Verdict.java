package dev.voiceengine.sip.inbound;

import dev.voiceengine.sip.MediaDescription;
import dev.voiceengine.sip.sdp.Negotiation;
import dev.voiceengine.sip.sdp.Sdp;

/** What to do with a new INVITE, decided by {@link InviteScreening}. */
public sealed interface Verdict {

  /**
   * Refuse with a final status; the call is recorded ({@code SipCallListener.onRejected}).
   *
   * @param status       the SIP status
   * @param phrase       the reason phrase to send
   * @param reason       what went wrong, for the call record
   * @param trunkId      the trunk the source belongs to
   * @param agentId      the agent the number routes to, or null when not known yet
   * @param offer        the remote's media, or null when not known
   */
  record Rejected(int status, String phrase, String reason, String trunkId, String agentId, MediaDescription offer)
      implements Verdict {}

  /**
   * Accept: ask the engine for media and answer.
   *
   * @param trunkId      the trunk
   * @param agentId      the agent
   * @param offer        the parsed SDP offer, or null for an INVITE without SDP (delayed offer)
   * @param negotiation  the answer to that offer, or null for a delayed offer
   */
  record Accepted(String trunkId, String agentId, Sdp offer, Negotiation negotiation) implements Verdict {}
}
