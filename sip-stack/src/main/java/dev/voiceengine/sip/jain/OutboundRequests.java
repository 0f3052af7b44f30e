package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.outbound.DigestAuth;
import dev.voiceengine.sip.outbound.DigestChallenge;
import dev.voiceengine.sip.outbound.OutboundInvite;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds the requests of calls we place and hand on: the INVITE with our SDP offer (RFC 3261 §8.1.1), its repeat
 * answering a digest challenge (§22.2: same Call-ID and From tag, CSeq one higher, a new branch), and the REFER of a
 * transfer (RFC 3515 §2.1).
 */
final class OutboundRequests {
  private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
  private final MessageFactoryImpl messages = new MessageFactoryImpl();
  private final AddressFactoryImpl addresses = new AddressFactoryImpl();
  private final String userAgent;
  private final String localHost;

  /** @param localHost our address as the trunk reaches it, for Via and Contact */
  OutboundRequests(String userAgent, String localHost) {
    this.userAgent = userAgent;
    this.localHost = localHost;
  }

  /**
   * The initial INVITE: Request-URI at the trunk's resolved address (so the stack never looks a name up on its
   * threads), To naming the trunk as configured.
   */
  Request invite(OutboundInvite call, InetAddress trunkAddress, int localPort, String callId, String fromTag,
      String sdp) throws ParseException, InvalidArgumentException {
    String transport = call.trunk().transport();
    SipURI target = addresses.createSipURI(call.toNumber(), literal(trunkAddress.getHostAddress()));
    target.setPort(call.trunk().port());
    if (!"udp".equals(transport)) {
      target.setTransportParam(transport);
    }
    SipURI toUri = addresses.createSipURI(call.toNumber(), call.trunk().host());
    SipURI fromUri = addresses.createSipURI(call.fromNumber(), call.trunk().host());
    CallIdHeader callIdHeader = headers.createCallIdHeader(callId);
    ViaHeader via = headers.createViaHeader(localHost, localPort, transport, null);
    Request invite = messages.createRequest(target, Request.INVITE, callIdHeader,
        headers.createCSeqHeader(1L, Request.INVITE),
        headers.createFromHeader(addresses.createAddress(fromUri), fromTag),
        headers.createToHeader(addresses.createAddress(toUri), null), List.of(via),
        headers.createMaxForwardsHeader(70));
    SipURI contact = addresses.createSipURI(call.fromNumber(), literal(localHost));
    contact.setPort(localPort);
    if (!"udp".equals(transport)) {
      contact.setTransportParam(transport);
    }
    invite.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
    invite.addHeader(headers.createUserAgentHeader(List.of(userAgent)));
    for (String m : SipResponder.ALLOWED) {
      invite.addHeader(headers.createAllowHeader(m));
    }
    invite.addHeader(headers.createAllowHeader(Request.NOTIFY));
    invite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
    return invite;
  }

  /**
   * The INVITE again, answering the challenge in {@code challenge} (401 → Authorization, 407 →
   * Proxy-Authorization), or null when the challenge is not one we can answer.
   */
  Request withCredentials(Request previous, Response challenge, String user, String password)
      throws ParseException, InvalidArgumentException, SipException {
    DigestChallenge c = challengeOf(challenge);
    if (c == null || !DigestAuth.supported(c)) {
      return null;
    }
    Request next = (Request) previous.clone();
    CSeqHeader cseq = (CSeqHeader) next.getHeader(CSeqHeader.NAME);
    cseq.setSeqNumber(cseq.getSeqNumber() + 1);
    ViaHeader via = (ViaHeader) next.getHeader(ViaHeader.NAME);
    next.removeHeader(ViaHeader.NAME);
    next.addHeader(headers.createViaHeader(via.getHost(), via.getPort(), via.getTransport(), null));
    String value = DigestAuth.authorization(c, user, password == null ? "" : password, Request.INVITE,
        next.getRequestURI().toString());
    String name = challenge.getStatusCode() == 407 ? "Proxy-Authorization" : AuthorizationHeader.NAME;
    next.removeHeader(name);
    next.addHeader(headers.createHeader(name, value));
    return next;
  }

  /** REFER in {@code dialog} to {@code referTo} (RFC 3515 §2.1), keeping the dialog's transport over TCP. */
  Request refer(Dialog dialog, String referTo, String transport) throws SipException, ParseException {
    Request refer = dialog.createRequest(Request.REFER);
    keepTransport(refer, transport);
    Address to = addresses.createAddress(referTo);
    refer.addHeader(headers.createReferToHeader(to));
    refer.addHeader(headers.createUserAgentHeader(List.of(userAgent)));
    return refer;
  }

  /** BYE in {@code dialog}. */
  Request bye(Dialog dialog, String transport) throws SipException, ParseException {
    Request bye = dialog.createRequest(Request.BYE);
    keepTransport(bye, transport);
    bye.addHeader(headers.createUserAgentHeader(List.of(userAgent)));
    return bye;
  }

  private static void keepTransport(Request request, String transport) throws ParseException {
    if (!"udp".equalsIgnoreCase(transport) && request.getRequestURI() instanceof SipURI uri
        && uri.getTransportParam() == null) {
      uri.setTransportParam(transport.toLowerCase(Locale.ROOT));
    }
  }

  private static DigestChallenge challengeOf(Response response) {
    WWWAuthenticateHeader h = response.getStatusCode() == 407
        ? (ProxyAuthenticateHeader) response.getHeader(ProxyAuthenticateHeader.NAME)
        : (WWWAuthenticateHeader) response.getHeader(WWWAuthenticateHeader.NAME);
    if (h == null || !"Digest".equalsIgnoreCase(h.getScheme())) {
      return null;
    }
    return new DigestChallenge(h.getRealm(), h.getNonce(), h.getOpaque(), h.getAlgorithm(), h.getQop());
  }

  private static String literal(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
