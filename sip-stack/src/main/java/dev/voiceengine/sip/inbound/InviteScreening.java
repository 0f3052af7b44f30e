package dev.voiceengine.sip.inbound;

import dev.voiceengine.sip.MediaDescription;
import dev.voiceengine.sip.TrunkSettings;
import dev.voiceengine.sip.sdp.NoCommonCodecException;
import dev.voiceengine.sip.sdp.Sdp;
import dev.voiceengine.sip.sdp.SdpNegotiator;
import dev.voiceengine.sip.sdp.SdpParseException;
import dev.voiceengine.sip.sdp.SdpParser;
import dev.voiceengine.sip.sdp.SdpTooLargeException;
import dev.voiceengine.sip.trunk.TrunkRouter;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks a new INVITE goes through, in order: trunk allow-list ({@link #trunkFor}, 403, before anything else is
 * said to the source, even 100 Trying), capacity (503), dialled number (404), SDP syntax (400), SDP size and codecs
 * (488). Pure: the SIP glue feeds it what it read off the wire. {@link #screen} does the work (SDP parsing and
 * negotiation) outside the admission lock, {@link #admit} only counts and runs under it, so that no offer, however
 * hostile, holds up the other INVITEs.
 */
public final class InviteScreening {
  private final TrunkRouter router;
  private final int maxCalls;

  public InviteScreening(TrunkRouter router, int maxCalls) {
    this.router = router;
    this.maxCalls = maxCalls;
  }

  /** The trunk whose allow-list holds the INVITE's source; none means 403, and no call record. */
  public Optional<TrunkSettings> trunkFor(InetAddress source) {
    return router.trunkFor(source);
  }

  /**
   * Every check after the trunk's, without the admission lock.
   *
   * @param trunk        the trunk the source belongs to ({@link #trunkFor})
   * @param dialled      the Request-URI user part, or null
   * @param activeCalls  dialogs not yet ended, read without the lock: a full server refuses before parsing anything,
   *                     and {@link #admit} counts again exactly
   * @param contentType  "type/subtype" of the body (parameters allowed), or null
   * @param body         the body, or null / empty when there is none
   */
  public Verdict screen(TrunkSettings trunk, String dialled, int activeCalls, String contentType, String body) {
    String trunkId = trunk.id();
    if (activeCalls >= maxCalls) {
      return atCapacity(trunkId, null, null);
    }
    Optional<String> agent = TrunkRouter.agentFor(trunk, dialled);
    if (agent.isEmpty()) {
      return new Verdict.Rejected(404, "Not Found", "no route for number " + dialled + " on trunk " + trunkId,
          trunkId, null, null);
    }
    String agentId = agent.get();
    if (body == null || body.isBlank()) {
      return new Verdict.Accepted(trunkId, agentId, null, null);
    }
    if (contentType != null && !isSdp(contentType)) {
      return new Verdict.Rejected(415, "Unsupported Media Type", "body is " + contentType + ", not application/sdp",
          trunkId, agentId, null);
    }
    Sdp offer;
    try {
      offer = SdpParser.parse(body);
    } catch (SdpTooLargeException e) {
      return new Verdict.Rejected(488, "Not Acceptable Here: " + e.getMessage(), "SDP too large: " + e.getMessage(),
          trunkId, agentId, null);
    } catch (SdpParseException e) {
      return new Verdict.Rejected(400, "Bad SDP: " + e.getMessage(), "bad SDP: " + e.getMessage(), trunkId, agentId,
          null);
    }
    try {
      return new Verdict.Accepted(trunkId, agentId, offer, SdpNegotiator.answer(offer, null));
    } catch (NoCommonCodecException e) {
      return new Verdict.Rejected(488, "Not Acceptable Here", e.getMessage(), trunkId, agentId, null);
    }
  }

  /**
   * The capacity check again, under the admission lock, for an INVITE {@link #screen} accepted: other INVITEs may
   * have been admitted since. Counting only, so the lock is held for no longer than that.
   *
   * @param activeCalls dialogs not yet ended, counted under the lock
   * @return {@code accepted}, or a 503 refusal
   */
  public Verdict admit(Verdict.Accepted accepted, int activeCalls) {
    if (activeCalls < maxCalls) {
      return accepted;
    }
    return atCapacity(accepted.trunkId(), accepted.agentId(),
        accepted.negotiation() == null ? null : accepted.negotiation().remote());
  }

  private Verdict.Rejected atCapacity(String trunkId, String agentId, MediaDescription offer) {
    return new Verdict.Rejected(503, "Service Unavailable", "at capacity (" + maxCalls + " calls)", trunkId, agentId,
        offer);
  }

  /** True for "application/sdp", any case, parameters ignored. */
  public static boolean isSdp(String contentType) {
    int semi = contentType.indexOf(';');
    String t = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    return t.equals("application/sdp");
  }
}
