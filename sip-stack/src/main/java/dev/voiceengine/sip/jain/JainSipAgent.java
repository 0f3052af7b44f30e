package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.CallEnd;
import dev.voiceengine.sip.SipCallListener;
import dev.voiceengine.sip.SipSettings;
import dev.voiceengine.sip.inbound.InviteScreening;
import dev.voiceengine.sip.inbound.SourceRule;
import dev.voiceengine.sip.outbound.OutboundCallListener;
import dev.voiceengine.sip.outbound.OutboundEnd;
import dev.voiceengine.sip.outbound.OutboundInvite;
import dev.voiceengine.sip.outbound.TransferListener;
import dev.voiceengine.sip.trunk.TrunkRouter;
import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jain-sip glue behind {@link SipServer}: admits INVITEs, keeps the live dialogs, and
 * dispatches the stack's events to the {@link InboundDialog} they belong to. Only requests the {@link SourceGate} let
 * through get here: from a trunk's networks, and for a live call only from its peer. The stack itself is started and stopped
 * by {@link SipStackRunner}; what we send is built by {@link SipResponder}. Internal: the public API is
 * {@code SipServer}.
 */
public final class JainSipAgent implements SipListenerExt {
  private static final Logger LOG = LoggerFactory.getLogger(JainSipAgent.class);

  private final SipSettings settings;
  private final SipCallListener listener;
  private final Duration ackTimeout;
  private final String stackName = "voice-engine-sip-" + UUID.randomUUID();
  private final SipStackRunner runner;
  private final SipResponder responder;
  private final LiveDialogs dialogs = new LiveDialogs();
  private final InviteAdmission admission;
  private final SourceGate gate;
  private final ByeSender byes;
  private final OutboundCalls outbound;
  private final Transfers transfers;

  private ScheduledExecutorService timers;
  private volatile boolean closing;

  /**
   * @param ackTimeout how long to wait for the ACK of a 2xx before hanging up (RFC 3261: 64*T1 = 32 s)
   * @throws IllegalArgumentException on unusable settings (unknown transport, bad CIDR, ...)
   */
  public JainSipAgent(SipSettings settings, SipCallListener listener, Duration ackTimeout) {
    this.settings = settings;
    this.listener = listener;
    this.ackTimeout = ackTimeout;
    if (settings.transports().isEmpty()) {
      throw new IllegalArgumentException("no SIP transport configured");
    }
    for (String t : settings.transports()) {
      if (!t.equalsIgnoreCase("udp") && !t.equalsIgnoreCase("tcp")) {
        throw new IllegalArgumentException("unsupported SIP transport: " + t);
      }
    }
    if (settings.port() < 0 || settings.port() > 65535) {
      throw new IllegalArgumentException("bad SIP port: " + settings.port());
    }
    if (settings.bindAddress() == null || settings.bindAddress().isBlank()) {
      throw new IllegalArgumentException("no SIP bind address");
    }
    String userAgent = settings.userAgent() == null || settings.userAgent().isBlank()
        ? "voice-engine" : settings.userAgent().strip();
    int retryAfterSeconds = settings.retryAfter() == null ? 0 : (int) Math.max(0,
        Math.min(Integer.MAX_VALUE, settings.retryAfter().toSeconds()));
    this.runner = new SipStackRunner(settings, stackName);
    this.responder = new SipResponder(userAgent, retryAfterSeconds, settings.bindAddress(), runner::port);
    this.byes = new ByeSender(responder);
    TrunkRouter trunks = new TrunkRouter(settings.trunks());
    OutboundRequests requests = new OutboundRequests(userAgent, OutboundTransfer.localHost(settings.bindAddress()));
    this.outbound = new OutboundCalls(requests, responder, this::schedule);
    this.transfers = new Transfers(requests, responder);
    this.gate = new SourceGate(new SourceRule(trunks), dialogs, responder, new RefusalLog(), outbound::peerOf);
    this.admission = new InviteAdmission(this, listener, responder,
        new InviteScreening(trunks, settings.maxCalls()), dialogs, () -> closing);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Creates the stack and listens on every configured transport, on one port. */
  public synchronized void start() throws IOException {
    if (timers != null) {
      throw new IllegalStateException("already started");
    }
    timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, stackName + "-timer");
      t.setDaemon(true);
      return t;
    });
    try {
      javax.sip.SipProvider provider = runner.start(this, gate);
      byes.use(provider);
      outbound.use(provider, runner.port());
      transfers.use(provider);
    } catch (IOException e) {
      timers.shutdownNow();
      throw e;
    }
  }

  public int port() {
    return runner.port();
  }

  /** Whether the stack runs and listens on every configured transport, and is not shutting down. */
  public boolean listening() {
    return !closing && runner.listening();
  }

  public int activeCalls() {
    return dialogs.size() + outbound.size();
  }

  /** See {@link SipServer#dial}. */
  public void dial(OutboundInvite call, OutboundCallListener callListener) throws IOException {
    if (closing) {
      throw new IOException("the SIP server is shutting down");
    }
    outbound.dial(call, callListener);
  }

  /** See {@link SipServer#transfer}. */
  public void transfer(String ref, String target, TransferListener transferListener) {
    OutboundTransfer.start(ref, target, transferListener, outbound, dialogs, transfers, this::hangup);
  }

  public void hangup(String ref) {
    if (outbound.hangup(ref, OutboundEnd.AGENT_HANGUP)) {
      return;
    }
    InboundDialog d = dialogs.byRef(ref);
    if (d != null) {
      d.hangup(CallEnd.LOCAL_BYE);
    }
  }

  /** Ends every call ({@link ShutdownHangups}), then stops the stack. Bounded in time. */
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      synchronized (dialogs.lock()) {
        closing = true; // an INVITE being admitted now either sees this or is in the snapshot ShutdownHangups takes
      }
    }
    outbound.shutdown();
    ShutdownHangups.run(dialogs, byes);
    runner.stop();
    if (timers != null) {
      timers.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- what InboundDialog uses

  Duration answerDelay() {
    return settings.answerDelay() == null ? Duration.ZERO : settings.answerDelay();
  }

  Duration ackTimeout() {
    return ackTimeout;
  }

  ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    Runnable guarded = () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("SIP timer task failed", e);
      }
    };
    try {
      return timers.schedule(guarded, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null; // shutting down
    }
  }

  void forget(InboundDialog d) {
    dialogs.remove(d);
  }

  /** See {@link SipResponder#respond}. */
  boolean respond(ServerTransaction tx, int status, String phrase, String toTag, String sdp, boolean contact) {
    return responder.respond(tx, status, phrase, toTag, sdp, contact);
  }

  /** Sends BYE in the dialog; close() waits (bounded) for the final responses of those in flight. */
  void sendBye(InboundDialog d) {
    byes.send(d);
  }

  /** See {@link LiveDialogs#owesBye}. */
  void owesBye(InboundDialog d) {
    dialogs.owesBye(d);
  }

  void byeSettled(InboundDialog d) {
    dialogs.byeSettled(d);
  }

  // ---------------------------------------------------------------- SipListener

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    try {
      switch (request.getMethod()) {
        case Request.INVITE -> onInvite(event);
        case Request.ACK -> {
          InboundDialog d = named(dialogOf(event.getDialog()), request);
          if (d != null) {
            d.ack(request);
          }
        }
        case Request.BYE -> onBye(event);
        case Request.CANCEL -> onCancel(event);
        case Request.NOTIFY -> {
          ServerTransaction tx = ServerTransactions.of(event, responder);
          if (tx != null) {
            transfers.onNotify(request, event.getDialog(), tx);
          }
        }
        case Request.OPTIONS -> {
          ServerTransaction tx = ServerTransactions.of(event, responder);
          if (tx != null) {
            responder.respondOptions(tx);
          }
        }
        case Request.INFO -> {
          ServerTransaction tx = ServerTransactions.of(event, responder);
          if (tx != null) {
            respond(tx, named(dialogOf(event.getDialog()), request) != null ? 200 : 481, null, null, null, false);
          }
        }
        default -> {
          ServerTransaction tx = ServerTransactions.of(event, responder);
          if (tx != null) {
            respond(tx, 405, null, null, null, false);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("failed to handle {} {}", request.getMethod(), SipMessages.callIdOf(request), e);
    }
  }

  private void onInvite(RequestEvent event) {
    ServerTransaction tx = ServerTransactions.of(event, responder);
    if (tx == null) {
      return; // a retransmission the stack did not absorb itself, or malformed (answered 400)
    }
    if (((ToHeader) event.getRequest().getHeader(ToHeader.NAME)).getTag() != null) {
      onReInvite(event, tx);
    } else {
      admission.admit(event, tx);
    }
  }

  /** An INVITE inside a dialog (hold, unhold, a new address): RFC 3261 §14.2. */
  private void onReInvite(RequestEvent event, ServerTransaction tx) {
    InboundDialog existing = named(dialogOf(event.getDialog()), event.getRequest());
    List<String> required = SipMessages.requiredExtensions(event.getRequest());
    if (existing == null) {
      respond(tx, 481, null, null, null, false);
    } else if (!required.isEmpty()) {
      responder.respondUnsupported(tx, required);
    } else {
      existing.reInvite(tx, event.getRequest());
    }
  }

  private void onBye(RequestEvent event) {
    ServerTransaction tx = ServerTransactions.of(event, responder);
    if (tx == null || outbound.onBye(event.getDialog(), tx)) {
      return;
    }
    InboundDialog live = dialogOf(event.getDialog());
    InboundDialog d = named(live, event.getRequest());
    // a 200 would end the stack's dialog, and with it the call: only for a BYE that names it
    boolean known = live != null ? d != null : event.getDialog() != null;
    respond(tx, known ? 200 : 481, null, null, null, false);
    if (d != null) {
      d.remoteBye();
    }
  }

  private void onCancel(RequestEvent event) {
    ServerTransaction tx = ServerTransactions.of(event, responder);
    if (tx == null) {
      return;
    }
    InboundDialog d = null;
    if (tx instanceof SIPServerTransaction st && st.getCanceledInviteTransaction() != null
        && st.getCanceledInviteTransaction().getApplicationData() instanceof InboundDialog id) {
      d = named(id, event.getRequest()); // the stack matched it by the top Via alone
    }
    if (d == null) {
      FromHeader from = (FromHeader) event.getRequest().getHeader(FromHeader.NAME);
      d = dialogs.byCallKey(SipMessages.callIdOf(event.getRequest()), from.getTag());
    }
    respond(tx, d != null ? 200 : 481, null, d != null ? d.toTag : null, null, false);
    if (d != null) {
      d.canceled();
    }
  }

  @Override
  public void processResponse(ResponseEvent event) {
    if (outbound.onResponse(event) || transfers.onResponse(event)) {
      return;
    }
    if (event.getResponse().getStatusCode() >= 200) {
      byes.settled(event.getClientTransaction());
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    if (!event.isServerTransaction() && (outbound.onTimeout(event) || transfers.onTimeout(event))) {
      return;
    }
    if (!event.isServerTransaction()) {
      byes.settled(event.getClientTransaction());
    }
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {
    if (!event.isServerTransaction()) {
      byes.settled(event.getClientTransaction());
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    LOG.debug("SIP I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
  }

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {
    InboundDialog d = dialogOf(event.getDialog());
    if (d != null) {
      d.dialogTerminated();
    }
  }

  @Override
  public void processDialogTimeout(DialogTimeoutEvent event) {
    InboundDialog d = dialogOf(event.getDialog());
    if (d != null && event.getReason() == DialogTimeoutEvent.Reason.AckNotReceived) {
      d.ackTimedOut();
    } else if (d != null && event.getReason() == DialogTimeoutEvent.Reason.EarlyStateTimeout) {
      d.hangup(CallEnd.FAILED);
    }
  }

  /**
   * The call, when the request's own Call-ID and From tag name it, else null. SourceGate judged the request's source
   * by that name, while the stack matches a CANCEL to its INVITE by the top Via alone (RFC 3261 §9.2): a request that
   * names no call, or another, must not act on this one.
   */
  private static InboundDialog named(InboundDialog d, Request request) {
    return d != null && d.callKey.equals(LiveDialogs.callKey(SipMessages.callIdOf(request),
        SipMessages.fromTagOf(request))) ? d : null;
  }

  private static InboundDialog dialogOf(Dialog dialog) {
    return dialog != null && dialog.getApplicationData() instanceof InboundDialog d ? d : null;
  }
}
