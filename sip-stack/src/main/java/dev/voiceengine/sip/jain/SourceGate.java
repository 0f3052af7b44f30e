package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.inbound.SourceRule;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.BiPredicate;
import java.text.ParseException;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every request to the {@link SourceRule} as it arrives, before the stack gives it a transaction or looks at a
 * dialog (a jain-sip message valve runs first). A refused request gets a 403 sent without a transaction (an ACK gets
 * nothing), and goes no further: no dialog state changes, not even the CSeq the next request is checked against
 * (RFC 3261 §12.2.2), so a forged BYE or re-INVITE leaves the call exactly as it was. Without a transaction a
 * stranger's request costs no state and its 403 is never retransmitted to whatever address it claimed.
 */
final class SourceGate implements SIPMessageValve {
  private static final Logger LOG = LoggerFactory.getLogger(SourceGate.class);

  private final SourceRule rule;
  private final LiveDialogs dialogs;
  private final SipResponder responder;
  private final RefusalLog log;
  private final BiPredicate<String, InetAddress> outboundPeer;

  SourceGate(SourceRule rule, LiveDialogs dialogs, SipResponder responder, RefusalLog log) {
    this(rule, dialogs, responder, log, (callId, source) -> false);
  }

  /** @param outboundPeer whether a source is the trunk of the outbound call with that Call-ID (its requests pass) */
  SourceGate(SourceRule rule, LiveDialogs dialogs, SipResponder responder, RefusalLog log,
      BiPredicate<String, InetAddress> outboundPeer) {
    this.rule = rule;
    this.dialogs = dialogs;
    this.responder = responder;
    this.log = log;
    this.outboundPeer = outboundPeer;
  }

  /** False (dropped) when the source may not send this request; it has been answered 403 then. */
  @Override
  public boolean processRequest(SIPRequest request, MessageChannel channel) {
    String refusal = refusal(request);
    if (refusal == null && Request.CANCEL.equals(request.getMethod())) {
      refusal = cancelRefusal(request, channel.getSIPStack());
    }
    if (refusal == null) {
      return true;
    }
    log.refused(request.getMethod(), SipMessages.sourceOf(request), refusal);
    if (!Request.ACK.equals(request.getMethod())) {
      try {
        Response forbidden = responder.forbidden(request);
        channel.sendMessage((SIPMessage) forbidden); // back the way it came: the UDP source, or the TCP connection
      } catch (IOException | ParseException | RuntimeException e) {
        LOG.debug("cannot send 403 to {}", SipMessages.sourceOf(request), e);
      }
    }
    return false;
  }

  /**
   * Why this request may not go on, or null when it may. It belongs to a live call when its Call-ID and From tag name
   * one (every request of the caller's in the dialog, and a CANCEL of its INVITE, RFC 3261 §9.1).
   */
  String refusal(Request request) {
    InetSocketAddress source = SipMessages.sourceOf(request);
    InboundDialog d = dialogs.byCallKey(SipMessages.callIdOf(request), SipMessages.fromTagOf(request));
    InboundCall call = d == null ? null : d.call;
    if (rule.allows(call, source == null ? null : source.getAddress())) {
      return null;
    }
    if (call == null && source != null && outboundPeer.test(SipMessages.callIdOf(request), source.getAddress())) {
      return null; // in a call we placed, from the trunk we dialled
    }
    return call == null ? "a trunk's networks" : "the peer of the call with Call-ID " + clip(call.sipCallId());
  }

  /**
   * Why this CANCEL may not go on, judged by the INVITE the stack would cancel with it (matched by the top Via alone,
   * RFC 3261 §9.2, whatever Call-ID it names), or null when it may or cancels nothing (481 then). Asked only of
   * sources {@link #refusal} let through, as the stack looks through its transactions for it.
   */
  String cancelRefusal(SIPRequest cancel, SIPTransactionStack stack) {
    SIPTransaction invite = stack == null ? null : stack.findCancelTransaction(cancel, true);
    if (invite == null || invite.getOriginalRequest() == null) {
      return null;
    }
    InetSocketAddress inviteSource = SipMessages.sourceOf(invite.getOriginalRequest());
    InetSocketAddress source = SipMessages.sourceOf(cancel);
    if (rule.allowsCancelOf(inviteSource == null ? null : inviteSource.getAddress(),
        source == null ? null : source.getAddress())) {
      return null;
    }
    return "the source of the INVITE with Call-ID " + clip(SipMessages.callIdOf(invite.getOriginalRequest()));
  }

  private static String clip(String s) {
    return s == null || s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }

  @Override
  public boolean processResponse(Response response, MessageChannel channel) {
    return true; // responses match our client transactions by branch, which a stranger does not know
  }

  @Override
  public void init(SipStack stack) {
    // added to the stack by SipStackRunner, not created by it: nothing to set up
  }

  @Override
  public void destroy() {
    // nothing held
  }
}
