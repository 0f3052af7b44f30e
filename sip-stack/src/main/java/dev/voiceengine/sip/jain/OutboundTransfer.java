package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.outbound.OutboundEnd;
import dev.voiceengine.sip.outbound.TransferListener;
import dev.voiceengine.sip.outbound.TransferTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

/**
 * Starts a transfer of an answered call, whichever way it came: finds its dialog, turns the target into the Refer-To
 * URI (a number goes to the trunk the call uses: the host we dialled, or the address an inbound INVITE came from) and
 * hands it to {@link Transfers}.
 */
final class OutboundTransfer {
  private OutboundTransfer() {}

  /**
   * @throws IllegalArgumentException when the target is neither an E.164 number nor a SIP URI
   * @throws IllegalStateException    when no answered call has this ref, or a transfer of it is under way
   */
  static void start(String ref, String target, TransferListener listener, OutboundCalls outbound, LiveDialogs inbound,
      Transfers transfers, Consumer<String> inboundHangup) {
    if (!TransferTarget.valid(target)) {
      throw new IllegalArgumentException("transfer target must be an E.164 number or a sip: URI: " + target);
    }
    OutboundDialog out = outbound.byRef(ref);
    if (out != null && out.state() == OutboundDialog.State.ANSWERED) {
      String referTo = TransferTarget.uri(target, out.call.trunk().hostPort()).orElseThrow();
      transfers.refer(ref, out.dialog(), out.call.trunk().transport(), target, referTo, listener,
          r -> outbound.hangup(r, OutboundEnd.TRANSFERRED));
      return;
    }
    InboundDialog in = inbound.byRef(ref);
    if (in != null && in.state() == InboundDialog.State.CONFIRMED) {
      InetSocketAddress peer = in.call.source();
      String host = peer == null ? "invalid" : literal(peer.getAddress().getHostAddress()) + ":" + peer.getPort();
      String referTo = TransferTarget.uri(target, host).orElseThrow();
      transfers.refer(ref, in.dialog, in.transport, target, referTo, listener, inboundHangup);
      return;
    }
    throw new IllegalStateException("call " + ref + " is not answered (or not live)");
  }

  /** Our address for Via and Contact: the bind address, or when that is the wildcard an interface's. */
  static String localHost(String bindAddress) {
    try {
      if (InetAddress.getByName(bindAddress).isAnyLocalAddress()) {
        return SipStackRunner.advertisedHost();
      }
    } catch (UnknownHostException e) {
      // a name: use it as configured
    }
    return bindAddress;
  }

  private static String literal(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
