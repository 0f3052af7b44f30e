package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.SipCallListener;
import dev.voiceengine.sip.TrunkSettings;
import dev.voiceengine.sip.inbound.InviteScreening;
import dev.voiceengine.sip.inbound.Verdict;
import dev.voiceengine.sip.sdp.LocalSdp;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to a new INVITE: 403 and nothing else when its source belongs to no trunk (not reported); else
 * 100 Trying, then 503 while shutting down, 420 for required extensions, and the {@link InviteScreening} verdict: a
 * refusal (reported through {@code onRejected}) or a new {@link InboundDialog} registered and offered to the
 * listener. Screening runs without {@link LiveDialogs#lock()}; the lock covers only the count-and-add.
 */
final class InviteAdmission {
  private static final Logger LOG = LoggerFactory.getLogger(InviteAdmission.class);

  private final JainSipAgent agent;
  private final SipCallListener listener;
  private final SipResponder responder;
  private final InviteScreening screening;
  private final LiveDialogs dialogs;
  private final BooleanSupplier closing;

  /** @param closing true once close() began; it sets it holding {@link LiveDialogs#lock()} */
  InviteAdmission(JainSipAgent agent, SipCallListener listener, SipResponder responder, InviteScreening screening,
      LiveDialogs dialogs, BooleanSupplier closing) {
    this.agent = agent;
    this.listener = listener;
    this.responder = responder;
    this.screening = screening;
    this.dialogs = dialogs;
    this.closing = closing;
  }

  /** Handles a dialog-creating INVITE on its server transaction. */
  void admit(RequestEvent event, ServerTransaction tx) {
    Request request = event.getRequest();
    InetSocketAddress source = SipMessages.sourceOf(request);
    String callId = SipMessages.callIdOf(request);
    Optional<TrunkSettings> trunk = source == null ? Optional.empty() : screening.trunkFor(source.getAddress());
    if (trunk.isEmpty()) {
      // SourceGate refuses these before they get a transaction; this is the same rule, should it ever be bypassed.
      // Nothing was said yet, not even 100 Trying: a stranger gets the 403 and nothing else.
      LOG.debug("INVITE {} from {} belongs to no trunk: 403", callId, source);
      responder.respondForbidden(tx);
      return;
    }
    responder.respond(tx, 100, null, null, null, false);
    if (closing.getAsBoolean()) {
      responder.respond(tx, 503, null, null, null, false);
      return;
    }
    List<String> required = SipMessages.requiredExtensions(request);
    if (!required.isEmpty()) {
      responder.respondUnsupported(tx, required);
      return;
    }
    String dialled = SipMessages.userOf(request.getRequestURI());
    FromHeader fromHeader = (FromHeader) request.getHeader(FromHeader.NAME);
    String from = SipMessages.userOf(fromHeader.getAddress().getURI());
    String ref = UUID.randomUUID().toString();
    String tag = responder.newTag();

    // parsing and negotiating the SDP happen here, outside the lock: one hostile offer must not stall the others
    Verdict verdict = screening.screen(trunk.get(), dialled, dialogs.size(), SipMessages.contentType(request),
        SipMessages.body(request));
    if (verdict instanceof Verdict.Accepted a) {
      InboundCall call = new InboundCall(ref, callId, from, dialled, a.trunkId(), a.agentId(), source,
          a.negotiation() == null ? null : a.negotiation().remote());
      Dialog sipDialog = event.getDialog() != null ? event.getDialog() : tx.getDialog();
      InboundDialog dialog = new InboundDialog(agent, listener, call, LiveDialogs.callKey(callId,
          fromHeader.getTag()), tx, sipDialog, tag, SipMessages.transportOf(request), a.offer(), a.negotiation(),
          new LocalSdp(responder.newSessionId(), 1));
      verdict = register(a, dialog);
      if (verdict == null) {
        responder.respond(tx, 503, null, tag, null, false); // close() began since the check above
        return;
      }
      if (verdict instanceof Verdict.Accepted) {
        if (sipDialog != null) {
          sipDialog.setApplicationData(dialog);
        } else {
          LOG.warn("no dialog for INVITE {}", callId);
        }
        tx.setApplicationData(dialog);
        dialog.offered();
        return;
      }
    }
    if (verdict instanceof Verdict.Rejected r) {
      responder.respond(tx, r.status(), r.phrase(), tag, null, false);
      InboundCall call = new InboundCall(ref, callId, from, dialled, r.trunkId(), r.agentId(), source, r.offer());
      try {
        listener.onRejected(call, r.status(), r.reason());
      } catch (RuntimeException e) {
        LOG.warn("onRejected failed for {}", ref, e);
      }
    }
  }

  /**
   * Counts and adds: the only part of admission that holds the lock, and it parses nothing. Null when close() began:
   * it sets its flag under this lock before it hangs up the live dialogs, so a dialog added here is among them.
   */
  private Verdict register(Verdict.Accepted accepted, InboundDialog dialog) {
    synchronized (dialogs.lock()) {
      if (closing.getAsBoolean()) {
        return null;
      }
      Verdict verdict = screening.admit(accepted, dialogs.size());
      if (verdict instanceof Verdict.Accepted) {
        dialogs.add(dialog);
      }
      return verdict;
    }
  }
}
