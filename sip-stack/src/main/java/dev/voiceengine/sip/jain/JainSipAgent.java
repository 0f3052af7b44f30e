package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.CallEnd;
import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.SipCallListener;
import dev.voiceengine.sip.SipSettings;
import dev.voiceengine.sip.inbound.InviteScreening;
import dev.voiceengine.sip.inbound.Verdict;
import dev.voiceengine.sip.sdp.LocalSdp;
import dev.voiceengine.sip.trunk.TrunkRouter;
import gov.nist.core.CommonLogger;
import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jain-sip glue behind {@link dev.voiceengine.sip.SipServer}: owns one SIP stack (its own STACK_NAME), its listening
 * points and provider, and dispatches the stack's events to the {@link InboundDialog} they belong to. Internal: the
 * public API is {@code SipServer}.
 */
public final class JainSipAgent implements SipListenerExt {
  private static final Logger LOG = LoggerFactory.getLogger(JainSipAgent.class);
  /** What we accept; everything else gets 405 with this list. */
  static final List<String> ALLOWED = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
      Request.OPTIONS, Request.INFO);
  private static final Duration CLOSE_BYE_WAIT = Duration.ofSeconds(2);
  private static final Duration STACK_STOP_WAIT = Duration.ofSeconds(5);

  private final SipSettings settings;
  private final SipCallListener listener;
  private final Duration ackTimeout;
  private final String userAgent;
  private final int retryAfterSeconds;
  private final InviteScreening screening;
  private final String stackName = "voice-engine-sip-" + UUID.randomUUID();
  private final SecureRandom random = new SecureRandom();
  private final Object admission = new Object();
  private final Map<String, InboundDialog> byRef = new ConcurrentHashMap<>();
  private final Map<String, InboundDialog> byCallKey = new ConcurrentHashMap<>();
  private final AtomicInteger pendingByes = new AtomicInteger();

  private ScheduledExecutorService timers;
  private SipStackImpl stack;
  private SipProvider provider;
  private HeaderFactoryImpl headers;
  private MessageFactoryImpl messages;
  private AddressFactoryImpl addresses;
  private volatile int port = -1;
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
    this.userAgent = settings.userAgent() == null || settings.userAgent().isBlank()
        ? "voice-engine" : settings.userAgent().strip();
    this.retryAfterSeconds = settings.retryAfter() == null ? 0 : (int) Math.max(0,
        Math.min(Integer.MAX_VALUE, settings.retryAfter().toSeconds()));
    this.screening = new InviteScreening(new TrunkRouter(settings.trunks()), settings.maxCalls());
  }

  // ---------------------------------------------------------------- lifecycle

  /** Creates the stack and listens on every configured transport, on one port. */
  public synchronized void start() throws IOException {
    if (stack != null) {
      throw new IllegalStateException("already started");
    }
    // Route logging done before the first stack exists (static initialisers) to slf4j as well.
    if (!(CommonLogger.legacyLogger instanceof Slf4jStackLogger)) {
      CommonLogger.legacyLogger = new Slf4jStackLogger();
    }
    timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, stackName + "-timer");
      t.setDaemon(true);
      return t;
    });
    try {
      stack = new SipStackImpl(stackProperties());
      headers = new HeaderFactoryImpl();
      messages = new MessageFactoryImpl();
      addresses = new AddressFactoryImpl();
      List<ListeningPoint> points = listen();
      provider = stack.createSipProvider(points.get(0));
      for (int i = 1; i < points.size(); i++) {
        provider.addListeningPoint(points.get(i));
      }
      provider.addSipListener(this);
      stack.start();
    } catch (SipException | TooManyListenersException | RuntimeException e) {
      stopStack();
      throw new IOException("cannot start SIP stack: " + e.getMessage(), e);
    }
  }

  private Properties stackProperties() {
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", stackName);
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE",
        Integer.toString(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(64 * 1024));
    // TCP: one thread per connection in jain-sip; bound them, and do not let a slow sender hold one forever
    p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "1024");
    p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "5000");
    p.setProperty("gov.nist.javax.sip.THREAD_AUDIT_INTERVAL_IN_MILLISECS", "0");
    p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", NoTls.class.getName());
    p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", NoTls.class.getName());
    return p;
  }

  /** Listening points for each transport on the same port; for port 0, a port free for all of them. */
  private List<ListeningPoint> listen() throws IOException, SipException {
    String bind = settings.bindAddress();
    int attempts = settings.port() == 0 ? 10 : 1;
    Exception last = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      int p = settings.port() == 0 ? freePort(bind) : settings.port();
      List<ListeningPoint> points = new ArrayList<>();
      try {
        String sentBy = InetAddress.getByName(bind).isAnyLocalAddress() ? advertisedHost() + ":" + p : null;
        for (String t : settings.transports()) {
          ListeningPoint lp = stack.createListeningPoint(bind, p, t.toLowerCase(Locale.ROOT));
          points.add(lp);
          if (sentBy != null) {
            // bound to every interface: Via sent-by must still name one we can be reached at
            lp.setSentBy(sentBy);
          }
        }
        port = p;
        return points;
      } catch (javax.sip.TransportNotSupportedException | javax.sip.InvalidArgumentException
               | java.text.ParseException e) {
        last = e;
        for (ListeningPoint lp : points) {
          try {
            stack.deleteListeningPoint(lp);
          } catch (javax.sip.ObjectInUseException ignored) {
            // not attached to a provider yet
          }
        }
      }
    }
    throw new IOException("cannot listen on " + bind + ":" + settings.port() + ": "
        + (last == null ? "" : last.getMessage()), last);
  }

  /**
   * The address to put in Via and Contact when bound to the wildcard address: the first IPv4 address of an interface
   * that is up and not loopback, else the loopback address. Behind NAT a configured public address would be needed.
   */
  static String advertisedHost() {
    try {
      for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
          if (a instanceof java.net.Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (java.net.SocketException e) {
      LOG.debug("cannot list network interfaces", e);
    }
    return InetAddress.getLoopbackAddress().getHostAddress();
  }

  /** A port that is free for both UDP and TCP right now. */
  private static int freePort(String bind) throws IOException {
    InetAddress address = InetAddress.getByName(bind);
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
        int p = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket()) {
          tcp.setReuseAddress(true);
          tcp.bind(new InetSocketAddress(address, p));
          return p;
        } catch (IOException busy) {
          // taken for TCP: try another
        }
      }
    }
    throw new IOException("no port free for both UDP and TCP on " + bind);
  }

  public int port() {
    return port;
  }

  public int activeCalls() {
    return byRef.size();
  }

  public void hangup(String ref) {
    InboundDialog d = ref == null ? null : byRef.get(ref);
    if (d != null) {
      d.hangup(CallEnd.LOCAL_BYE);
    }
  }

  /** BYE (or a final response) to every live call, then stop the stack. Bounded in time. */
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    for (InboundDialog d : List.copyOf(byRef.values())) {
      try {
        d.hangup(CallEnd.SHUTDOWN);
      } catch (RuntimeException e) {
        LOG.warn("hanging up {} at shutdown failed", d.ref(), e);
      }
    }
    long deadline = System.nanoTime() + CLOSE_BYE_WAIT.toNanos();
    while (pendingByes.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stopStack();
  }

  private void stopStack() {
    SipStackImpl s = stack;
    if (s != null) {
      Thread stopper = new Thread(() -> {
        try {
          s.stop();
        } catch (RuntimeException e) {
          LOG.debug("SIP stack stop failed", e);
        }
      }, stackName + "-stop");
      stopper.setDaemon(true);
      stopper.start();
      long deadline = System.nanoTime() + STACK_STOP_WAIT.toNanos();
      try {
        while (stopper.isAlive() && System.nanoTime() < deadline) {
          stopper.join(10);
          // jain-sip's stopStack() closes the sockets and then sleeps a fixed second before clearing its tables.
          // Every call has been ended by then: cut the nap short.
          if (isInStopStackSleep(stopper)) {
            stopper.interrupt();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (stopper.isAlive()) {
        LOG.warn("SIP stack {} did not stop within {}", stackName, STACK_STOP_WAIT);
      }
    }
    if (timers != null) {
      timers.shutdownNow();
    }
  }

  private static boolean isInStopStackSleep(Thread t) {
    if (t.getState() != Thread.State.TIMED_WAITING) {
      return false;
    }
    StackTraceElement[] trace = t.getStackTrace();
    for (int i = 0; i < trace.length && i < 4; i++) {
      if (trace[i].getMethodName().equals("stopStack")) {
        return trace[0].getMethodName().startsWith("sleep");
      }
    }
    return false;
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
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return null; // shutting down
    }
  }

  void forget(InboundDialog d) {
    byRef.remove(d.ref(), d);
    byCallKey.remove(d.callKey, d);
  }

  /**
   * Sends a response on a server transaction with our Server header; a To tag for everything above 100; for 18x/2xx to
   * INVITE a Contact; an SDP body when given; Retry-After on 503; Allow on 405.
   *
   * @param phrase reason phrase, or null for the standard one
   * @return false when it could not be sent
   */
  boolean respond(ServerTransaction tx, int status, String phrase, String toTag, String sdp, boolean contact) {
    try {
      Request request = tx.getRequest();
      Response response = messages.createResponse(status, request);
      if (phrase != null) {
        response.setReasonPhrase(sanitizePhrase(phrase));
      }
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (status > 100 && to.getTag() == null) {
        String tag = toTag;
        if (tag == null && tx.getDialog() != null) {
          tag = tx.getDialog().getLocalTag();
        }
        to.setTag(tag != null ? tag : newTag());
      }
      response.addHeader(headers.createServerHeader(List.of(userAgent)));
      if (contact) {
        response.addHeader(contactFor(request));
      }
      if (status == 503) {
        response.addHeader(headers.createRetryAfterHeader(retryAfterSeconds));
      }
      if (status == 405) {
        for (String m : ALLOWED) {
          response.addHeader(headers.createAllowHeader(m));
        }
      }
      if (status == 415) {
        response.addHeader(headers.createAcceptHeader("application", "sdp"));
      }
      if (sdp != null) {
        response.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
      }
      tx.sendResponse(response);
      return true;
    } catch (Exception e) {
      LOG.debug("cannot send {} for {}", status, tx.getRequest().getMethod(), e);
      return false;
    }
  }

  /** Sends BYE in the dialog. Over TCP, keeps the transport when the remote target does not name one. */
  void sendBye(InboundDialog d) {
    try {
      Request bye = d.dialog.createRequest(Request.BYE);
      if (!"udp".equalsIgnoreCase(d.transport) && bye.getRequestURI() instanceof SipURI uri
          && uri.getTransportParam() == null) {
        uri.setTransportParam(d.transport.toLowerCase(Locale.ROOT));
      }
      bye.addHeader(headers.createUserAgentHeader(List.of(userAgent)));
      ClientTransaction ct = provider.getNewClientTransaction(bye);
      pendingByes.incrementAndGet();
      ct.setApplicationData(Boolean.TRUE);
      d.dialog.sendRequest(ct);
    } catch (SipException | java.text.ParseException | RuntimeException e) {
      LOG.info("cannot send BYE for {}: {}", d.ref(), e.toString());
    }
  }

  private ContactHeader contactFor(Request request) throws java.text.ParseException {
    String user = userOf(request.getRequestURI());
    SipURI uri = addresses.createSipURI(user == null || user.isEmpty() ? null : user, contactHost(request));
    uri.setPort(port);
    String transport = transportOf(request);
    if (!"udp".equalsIgnoreCase(transport)) {
      uri.setTransportParam(transport.toLowerCase(Locale.ROOT));
    }
    Address address = addresses.createAddress(uri);
    return headers.createContactHeader(address);
  }

  private String contactHost(Request request) {
    String host = settings.bindAddress();
    try {
      InetAddress bound = InetAddress.getByName(host);
      if (bound.isAnyLocalAddress()) {
        InetAddress local = ((SIPMessage) request).getLocalAddress();
        if (local != null && !local.isAnyLocalAddress()) {
          bound = local;
        } else if (request.getRequestURI() instanceof SipURI uri && isIpLiteral(uri.getHost())) {
          return uri.getHost();
        } else {
          return advertisedHost();
        }
      }
      host = bound.getHostAddress();
    } catch (UnknownHostException e) {
      // keep the configured name
    }
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static boolean isIpLiteral(String host) {
    return host != null && host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':' || c == '['
        || c == ']' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) && (host.indexOf('.') > 0
        || host.indexOf(':') >= 0);
  }

  // ---------------------------------------------------------------- SipListener

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    try {
      switch (request.getMethod()) {
        case Request.INVITE -> onInvite(event);
        case Request.ACK -> {
          InboundDialog d = dialogOf(event.getDialog());
          if (d != null) {
            d.ack(request);
          }
        }
        case Request.BYE -> onBye(event);
        case Request.CANCEL -> onCancel(event);
        case Request.OPTIONS -> {
          ServerTransaction tx = serverTransaction(event);
          if (tx != null) {
            respondOptions(tx);
          }
        }
        case Request.INFO -> {
          ServerTransaction tx = serverTransaction(event);
          if (tx != null) {
            respond(tx, dialogOf(event.getDialog()) != null ? 200 : 481, null, null, null, false);
          }
        }
        default -> {
          ServerTransaction tx = serverTransaction(event);
          if (tx != null) {
            respond(tx, 405, null, null, null, false);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("failed to handle {} {}", request.getMethod(), callIdOf(request), e);
    }
  }

  private void onInvite(RequestEvent event) {
    Request request = event.getRequest();
    InboundDialog existing = dialogOf(event.getDialog());
    String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
    if (toTag != null) {
      ServerTransaction tx = serverTransaction(event);
      if (tx == null) {
        return;
      }
      List<String> required = requiredExtensions(request);
      if (existing == null) {
        respond(tx, 481, null, null, null, false);
      } else if (!required.isEmpty()) {
        respondUnsupported(tx, required);
      } else {
        existing.reInvite(tx, request);
      }
      return;
    }
    ServerTransaction tx = serverTransaction(event);
    if (tx == null) {
      return; // a retransmission the stack did not absorb itself
    }
    respond(tx, 100, null, null, null, false);
    if (closing) {
      respond(tx, 503, null, null, null, false);
      return;
    }
    List<String> required = requiredExtensions(request);
    if (!required.isEmpty()) {
      respondUnsupported(tx, required);
      return;
    }
    SIPMessage message = (SIPMessage) request;
    InetAddress sourceAddress = message.getPeerPacketSourceAddress() != null
        ? message.getPeerPacketSourceAddress() : message.getRemoteAddress();
    int sourcePort = message.getPeerPacketSourceAddress() != null
        ? message.getPeerPacketSourcePort() : message.getRemotePort();
    String dialled = userOf(request.getRequestURI());
    FromHeader fromHeader = (FromHeader) request.getHeader(FromHeader.NAME);
    String from = userOf(fromHeader.getAddress().getURI());
    String callId = callIdOf(request);
    String body = body(request);
    String ref = UUID.randomUUID().toString();
    InetSocketAddress source = new InetSocketAddress(sourceAddress, sourcePort);
    String callKey = callId + ";" + fromHeader.getTag();
    String tag = newTag();

    Verdict verdict;
    InboundDialog dialog = null;
    synchronized (admission) {
      verdict = screening.screen(sourceAddress, dialled, byRef.size(), contentType(request), body);
      if (verdict instanceof Verdict.Accepted a) {
        InboundCall call = new InboundCall(ref, callId, from, dialled, a.trunkId(), a.agentId(), source,
            a.negotiation() == null ? null : a.negotiation().remote());
        LocalSdp localSdp = new LocalSdp(Math.abs(random.nextLong() % 1_000_000_000L) + 1, 1);
        Dialog sipDialog = event.getDialog() != null ? event.getDialog() : tx.getDialog();
        dialog = new InboundDialog(this, listener, call, callKey, tx, sipDialog, tag, transportOf(request),
            a.offer(), a.negotiation(), localSdp);
        if (sipDialog != null) {
          sipDialog.setApplicationData(dialog);
        }
        tx.setApplicationData(dialog);
        byRef.put(ref, dialog);
        byCallKey.put(callKey, dialog);
      }
    }
    if (verdict instanceof Verdict.Forbidden) {
      LOG.debug("INVITE {} from {} belongs to no trunk: 403", callId, sourceAddress.getHostAddress());
      respond(tx, 403, null, tag, null, false);
    } else if (verdict instanceof Verdict.Rejected r) {
      respond(tx, r.status(), r.phrase(), tag, null, false);
      InboundCall call = new InboundCall(ref, callId, from, dialled, r.trunkId(), r.agentId(), source, r.offer());
      try {
        listener.onRejected(call, r.status(), r.reason());
      } catch (RuntimeException e) {
        LOG.warn("onRejected failed for {}", ref, e);
      }
    } else if (dialog != null) {
      if (dialog.dialog == null) {
        LOG.warn("no dialog for INVITE {}", callId);
      }
      dialog.offered();
    }
  }

  private void onBye(RequestEvent event) {
    ServerTransaction tx = serverTransaction(event);
    if (tx == null) {
      return;
    }
    InboundDialog d = dialogOf(event.getDialog());
    respond(tx, d != null || event.getDialog() != null ? 200 : 481, null, null, null, false);
    if (d != null) {
      d.remoteBye();
    }
  }

  private void onCancel(RequestEvent event) {
    ServerTransaction tx = serverTransaction(event);
    if (tx == null) {
      return;
    }
    InboundDialog d = null;
    if (tx instanceof SIPServerTransaction st && st.getCanceledInviteTransaction() != null
        && st.getCanceledInviteTransaction().getApplicationData() instanceof InboundDialog id) {
      d = id;
    }
    if (d == null) {
      FromHeader from = (FromHeader) event.getRequest().getHeader(FromHeader.NAME);
      d = byCallKey.get(callIdOf(event.getRequest()) + ";" + from.getTag());
    }
    respond(tx, d != null ? 200 : 481, null, d != null ? d.toTag : null, null, false);
    if (d != null) {
      d.canceled();
    }
  }

  /** Option tags in Require headers: we support none (no 100rel, no session timers), RFC 3261 §8.2.2.3. */
  private static List<String> requiredExtensions(Request request) {
    List<String> tags = new ArrayList<>();
    java.util.ListIterator<?> it = request.getHeaders(javax.sip.header.RequireHeader.NAME);
    while (it != null && it.hasNext()) {
      Object h = it.next();
      if (h instanceof javax.sip.header.RequireHeader r && r.getOptionTag() != null) {
        tags.add(r.getOptionTag());
      }
    }
    return tags;
  }

  private void respondUnsupported(ServerTransaction tx, List<String> tags) {
    try {
      Response response = messages.createResponse(420, tx.getRequest());
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (to.getTag() == null) {
        to.setTag(newTag());
      }
      response.addHeader(headers.createServerHeader(List.of(userAgent)));
      for (String tag : tags) {
        response.addHeader(headers.createUnsupportedHeader(tag));
      }
      tx.sendResponse(response);
    } catch (Exception e) {
      LOG.debug("cannot send 420", e);
    }
  }

  private void respondOptions(ServerTransaction tx) {
    try {
      Response response = messages.createResponse(200, tx.getRequest());
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (to.getTag() == null) {
        to.setTag(newTag());
      }
      response.addHeader(headers.createServerHeader(List.of(userAgent)));
      for (String m : ALLOWED) {
        response.addHeader(headers.createAllowHeader(m));
      }
      response.addHeader(headers.createAcceptHeader("application", "sdp"));
      tx.sendResponse(response);
    } catch (Exception e) {
      LOG.debug("cannot answer OPTIONS", e);
    }
  }

  /** The request's server transaction, created if the stack did not; null for a retransmission. */
  private ServerTransaction serverTransaction(RequestEvent event) {
    ServerTransaction tx = event.getServerTransaction();
    if (tx != null) {
      return tx;
    }
    Request request = event.getRequest();
    try {
      return ((SipProvider) event.getSource()).getNewServerTransaction(request);
    } catch (TransactionAlreadyExistsException e) {
      return null;
    } catch (SipException | RuntimeException e) {
      // jain-sip parses a request with a broken non-essential header (Max-Forwards, Contact, ...) by dropping that
      // header, hands it to us, and then refuses it a transaction: answer 400 statelessly, saying what is missing.
      String problem = e.getMessage();
      try {
        ((SIPRequest) request).checkHeaders();
      } catch (java.text.ParseException bad) {
        problem = bad.getMessage();
      }
      LOG.debug("no server transaction for {}: {}", request.getMethod(), problem);
      respondStateless(request, 400, "Bad Request - " + (problem == null ? "malformed" : problem));
      return null;
    }
  }

  private void respondStateless(Request request, int status, String phrase) {
    if (Request.ACK.equals(request.getMethod())) {
      return;
    }
    try {
      Response response = messages.createResponse(status, request);
      response.setReasonPhrase(sanitizePhrase(phrase));
      ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
      if (to != null && to.getTag() == null) {
        to.setTag(newTag());
      }
      response.addHeader(headers.createServerHeader(List.of(userAgent)));
      provider.sendResponse(response);
    } catch (Exception e) {
      LOG.debug("cannot answer a malformed {} statelessly", request.getMethod(), e);
    }
  }

  @Override
  public void processResponse(ResponseEvent event) {
    ClientTransaction ct = event.getClientTransaction();
    Response response = event.getResponse();
    if (ct != null && Boolean.TRUE.equals(ct.getApplicationData()) && response.getStatusCode() >= 200) {
      ct.setApplicationData(null);
      pendingByes.decrementAndGet();
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    if (!event.isServerTransaction()) {
      ClientTransaction ct = event.getClientTransaction();
      if (ct != null && Boolean.TRUE.equals(ct.getApplicationData())) {
        ct.setApplicationData(null);
        pendingByes.decrementAndGet();
      }
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    LOG.debug("SIP I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {
    if (event.isServerTransaction()) {
      return;
    }
    ClientTransaction ct = event.getClientTransaction();
    if (ct != null && Boolean.TRUE.equals(ct.getApplicationData())) {
      ct.setApplicationData(null);
      pendingByes.decrementAndGet();
    }
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

  // ---------------------------------------------------------------- message helpers

  private static InboundDialog dialogOf(Dialog dialog) {
    return dialog != null && dialog.getApplicationData() instanceof InboundDialog d ? d : null;
  }

  /** The body as text, or null when there is none. */
  static String body(Request request) {
    byte[] raw = request.getRawContent();
    if (raw == null || raw.length == 0) {
      return null;
    }
    String s = new String(raw, StandardCharsets.UTF_8);
    return s.isBlank() ? null : s;
  }

  /** "type/subtype" of the body, or null. */
  static String contentType(Request request) {
    ContentTypeHeader ct = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
    return ct == null ? null : ct.getContentType() + "/" + ct.getContentSubType();
  }

  private static String transportOf(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    return via == null || via.getTransport() == null ? "udp" : via.getTransport();
  }

  private static String callIdOf(Request request) {
    CallIdHeader h = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    return h == null ? null : h.getCallId();
  }

  /** The user part of a sip:/sips: URI, or the number of a tel: URI; null otherwise. */
  static String userOf(URI uri) {
    if (uri instanceof SipURI sip) {
      return percentDecode(sip.getUser());
    }
    if (uri instanceof TelURL tel) {
      return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
    }
    return null;
  }

  /** RFC 3261 §19.1.2: the user part may be %-escaped ("%2B1555..." is "+1555..."). */
  static String percentDecode(String s) {
    if (s == null || s.indexOf('%') < 0) {
      return s;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private String newTag() {
    return Long.toHexString(random.nextLong() & Long.MAX_VALUE);
  }

  private static String sanitizePhrase(String phrase) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < phrase.length() && b.length() < 120; i++) {
      char c = phrase.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return b.toString();
  }
}
