package dev.voiceengine.sip.jain;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and sends what the engine says in SIP: responses (stateful and stateless) with our Server header, To tags,
 * Contact, Retry-After, Allow and Accept where RFC 3261 wants them, and the BYE requests of a dialog.
 */
final class SipResponder {
  private static final Logger LOG = LoggerFactory.getLogger(SipResponder.class);
  /** What we accept; everything else gets 405 with this list. */
  static final List<String> ALLOWED = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
      Request.OPTIONS, Request.INFO);
  /**
   * The reason phrase of every refusal by source. The same words whether or not the Call-ID names a live call, so
   * that a prober learns nothing about which calls exist.
   */
  static final String SOURCE_NOT_ALLOWED = "Forbidden (source not allowed)";

  private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
  private final MessageFactoryImpl messages = new MessageFactoryImpl();
  private final AddressFactoryImpl addresses = new AddressFactoryImpl();
  private final SecureRandom random = new SecureRandom();
  private final String userAgent;
  private final int retryAfterSeconds;
  private final String bindAddress;
  private final IntSupplier port;

  /**
   * @param bindAddress the SIP listen address (Contact uses it, or a concrete local address when it is the wildcard)
   * @param port        the port we listen on, known once the stack started
   */
  SipResponder(String userAgent, int retryAfterSeconds, String bindAddress, IntSupplier port) {
    this.userAgent = userAgent;
    this.retryAfterSeconds = retryAfterSeconds;
    this.bindAddress = bindAddress;
    this.port = port;
  }

  /**
   * Sends a response on a server transaction: a To tag for everything above 100 ({@code toTag}, else the dialog's,
   * else a new one); for 18x/2xx to INVITE a Contact when asked, and Allow and an empty Supported; an SDP body when
   * given; Retry-After on 503; Allow on 405; Accept on 415.
   *
   * @param phrase reason phrase, or null for the standard one
   * @return false when it could not be sent
   */
  boolean respond(ServerTransaction tx, int status, String phrase, String toTag, String sdp, boolean contact) {
    try {
      Request request = tx.getRequest();
      String tag = toTag;
      if (tag == null && tx.getDialog() != null) {
        tag = tx.getDialog().getLocalTag();
      }
      Response response = prepare(request, status, phrase, tag);
      if (contact) {
        response.addHeader(contactFor(request));
      }
      if (status == 503) {
        response.addHeader(headers.createRetryAfterHeader(retryAfterSeconds));
      }
      if (status == 405) {
        allow(response);
      }
      if (status > 100 && status < 300 && Request.INVITE.equals(request.getMethod())) {
        // RFC 3261 §13.3.1.4: the caller learns what we take without probing; an empty Supported says we do not do
        // session timers (RFC 4028), and with no UPDATE in Allow a timer-minded peer refreshes with re-INVITE
        allow(response);
        response.addHeader(headers.createSupportedHeader(""));
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

  /** 420 Bad Extension naming each option tag we do not support (RFC 3261 §8.2.2.3). */
  void respondUnsupported(ServerTransaction tx, List<String> tags) {
    try {
      Response response = prepare(tx.getRequest(), 420, null, null);
      for (String tag : tags) {
        response.addHeader(headers.createUnsupportedHeader(tag));
      }
      tx.sendResponse(response);
    } catch (Exception e) {
      LOG.debug("cannot send 420", e);
    }
  }

  /** 200 to OPTIONS with what we allow and accept (RFC 3261 §11.2); trunks use it as a health check. */
  void respondOptions(ServerTransaction tx) {
    try {
      Response response = prepare(tx.getRequest(), 200, null, null);
      allow(response);
      response.addHeader(headers.createAcceptHeader("application", "sdp"));
      tx.sendResponse(response);
    } catch (Exception e) {
      LOG.debug("cannot answer OPTIONS", e);
    }
  }

  /**
   * 403 to a source the request may not come from, to send without a transaction: no Server header (a stranger's
   * OPTIONS scan learns nothing of what answers), nor anything else about us.
   */
  Response forbidden(Request request) throws ParseException {
    return bare(request, 403, SOURCE_NOT_ALLOWED, null);
  }

  /** {@link #forbidden} on a server transaction. */
  void respondForbidden(ServerTransaction tx) {
    try {
      tx.sendResponse(forbidden(tx.getRequest()));
    } catch (Exception e) {
      LOG.debug("cannot send 403", e);
    }
  }

  /** A response without a transaction, for requests the stack would not give one (malformed ones). Never to ACK. */
  void respondStateless(SipProvider provider, Request request, int status, String phrase) {
    if (Request.ACK.equals(request.getMethod())) {
      return;
    }
    try {
      provider.sendResponse(prepare(request, status, phrase, null));
    } catch (Exception e) {
      LOG.debug("cannot answer a malformed {} statelessly", request.getMethod(), e);
    }
  }

  /** A BYE in {@code dialog}. Over TCP, keeps the transport when the remote target does not name one. */
  Request bye(Dialog dialog, String transport) throws SipException, ParseException {
    Request bye = dialog.createRequest(Request.BYE);
    if (!"udp".equalsIgnoreCase(transport) && bye.getRequestURI() instanceof SipURI uri
        && uri.getTransportParam() == null) {
      uri.setTransportParam(transport.toLowerCase(Locale.ROOT));
    }
    bye.addHeader(headers.createUserAgentHeader(List.of(userAgent)));
    return bye;
  }

  /** A fresh tag for a To header (RFC 3261 §19.3: at least 32 bits of randomness). */
  String newTag() {
    return Long.toHexString(random.nextLong() & Long.MAX_VALUE);
  }

  /** A fresh SDP session id. */
  long newSessionId() {
    return Math.abs(random.nextLong() % 1_000_000_000L) + 1;
  }

  private Response prepare(Request request, int status, String phrase, String toTag) throws ParseException {
    Response response = bare(request, status, phrase, toTag);
    response.addHeader(headers.createServerHeader(List.of(userAgent)));
    return response;
  }

  /** The response with its reason phrase and To tag (RFC 3261 §8.2.6.2), and nothing of ours. */
  private Response bare(Request request, int status, String phrase, String toTag) throws ParseException {
    Response response = messages.createResponse(status, request);
    if (phrase != null) {
      response.setReasonPhrase(SipMessages.sanitizePhrase(phrase));
    }
    ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
    if (status > 100 && to != null && to.getTag() == null) {
      to.setTag(toTag != null ? toTag : newTag());
    }
    return response;
  }

  private void allow(Response response) throws ParseException {
    for (String m : ALLOWED) {
      response.addHeader(headers.createAllowHeader(m));
    }
  }

  private ContactHeader contactFor(Request request) throws ParseException {
    SipURI uri = addresses.createSipURI(SipMessages.escapedUserOf(request.getRequestURI()), contactHost(request));
    uri.setPort(port.getAsInt());
    String transport = SipMessages.transportOf(request);
    if (!"udp".equalsIgnoreCase(transport)) {
      uri.setTransportParam(transport.toLowerCase(Locale.ROOT));
    }
    return headers.createContactHeader(addresses.createAddress(uri));
  }

  private String contactHost(Request request) {
    String host = bindAddress;
    try {
      InetAddress bound = InetAddress.getByName(host);
      if (bound.isAnyLocalAddress()) {
        InetAddress local = ((SIPMessage) request).getLocalAddress();
        if (local != null && !local.isAnyLocalAddress()) {
          bound = local;
        } else if (request.getRequestURI() instanceof SipURI uri && isIpLiteral(uri.getHost())) {
          return uri.getHost();
        } else {
          return SipStackRunner.advertisedHost();
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
}
