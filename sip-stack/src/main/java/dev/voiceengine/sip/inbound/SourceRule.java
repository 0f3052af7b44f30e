package dev.voiceengine.sip.inbound;

import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.trunk.TrunkRouter;
import java.net.InetAddress;

/**
 * Who may send us a request, judged on its source address. Anyone who learns a call's Call-ID and tags could
 * otherwise end it (BYE), cancel it, or move its media elsewhere (re-INVITE), so a request that belongs to a live call
 * (in its dialog, or a CANCEL of its INVITE) is taken only from that call's peer: the address its INVITE came from, or
 * any address in the same trunk's networks (a carrier may answer from another of its proxies). Any other request is
 * taken only from a trunk's networks. Ports are not compared: a TCP peer connects from an ephemeral port, and a UDP
 * peer may send from another port than its Via says.
 */
public final class SourceRule {
  private final TrunkRouter router;

  public SourceRule(TrunkRouter router) {
    this.router = router;
  }

  /**
   * @param call   the live call the request belongs to, or null when it belongs to none
   * @param source the request's source address (the packet's, or the TCP connection's)
   * @return true when the request may go on
   */
  public boolean allows(InboundCall call, InetAddress source) {
    if (source == null) {
      return false;
    }
    if (call == null) {
      return router.trunkFor(source).isPresent();
    }
    InetAddress admitted = call.source() == null ? null : call.source().getAddress();
    return source.equals(admitted) || router.allows(call.trunkId(), source);
  }

  /**
   * A CANCEL is judged by the INVITE the stack matches it to, by its top Via alone (RFC 3261 §9.2), whatever Call-ID
   * and From tag it names: it may come from that INVITE's source, or from the networks of that source's trunk. Said
   * of the INVITE's source rather than its call, so that it holds before the call is admitted too.
   *
   * @param inviteSource where the INVITE it cancels came from
   * @param source       the CANCEL's source address
   */
  public boolean allowsCancelOf(InetAddress inviteSource, InetAddress source) {
    if (source == null || inviteSource == null) {
      return false;
    }
    return source.equals(inviteSource)
        || router.trunkFor(inviteSource).map(t -> router.allows(t.id(), source)).orElse(false);
  }
}
