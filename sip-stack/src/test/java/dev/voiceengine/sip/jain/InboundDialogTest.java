package dev.voiceengine.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.CallEnd;
import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.SipSettings;
import dev.voiceengine.sip.TrunkSettings;
import dev.voiceengine.sip.sdp.LocalSdp;
import dev.voiceengine.sip.sdp.Negotiation;
import dev.voiceengine.sip.sdp.Sdp;
import dev.voiceengine.sip.sdp.SdpNegotiator;
import dev.voiceengine.sip.sdp.SdpParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sip.header.AllowHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link InboundDialog} transitions on fake transactions, for what a real peer cannot provoke. */
class InboundDialogTest {
  private final SipSettings settings = new SipSettings("127.0.0.1", 0, List.of("udp"), 10, Duration.ofSeconds(30),
      Duration.ZERO, List.of(new TrunkSettings("local", List.of("127.0.0.0/8"), Map.of("*", "demo"))), "test");
  private final CallLog log = new CallLog();
  private final JainSipAgent agent = new JainSipAgent(settings, log, Duration.ofSeconds(32));

  @AfterEach
  void stop() {
    agent.close();
  }

  /** A dialog for an INVITE with a PCMU offer, as admission makes it. */
  private InboundDialog dialog(FakeServerTransaction invite) throws Exception {
    return dialog(invite, FakeServerTransaction.PCMU);
  }

  private InboundDialog dialog(FakeServerTransaction invite, String sdp) throws Exception {
    Sdp offer = SdpParser.parse(sdp);
    Negotiation n = SdpNegotiator.answer(offer, null);
    InboundCall call = new InboundCall("ref-1", "call-1", "+15550001111", "5551234", "local", "demo",
        new InetSocketAddress("127.0.0.1", 5062), n.remote());
    return new InboundDialog(agent, log, call, "call-1;fake1", invite.tx, null, "ourtag", "udp", offer, n,
        new LocalSdp(1, 1));
  }

  private static String body(Response r) {
    return new String(r.getRawContent(), StandardCharsets.UTF_8);
  }

  private static Request inDialog(String method, int cseq, String sdp) throws Exception {
    return FakeServerTransaction.parse(method + " sip:5551234@127.0.0.1:5060 SIP/2.0\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + "\n"
        + "Max-Forwards: 70\n"
        + "From: <sip:+15550001111@127.0.0.1:5062>;tag=fake1\n"
        + "To: <sip:5551234@127.0.0.1:5060>;tag=ourtag\n"
        + "Call-ID: call-1\n"
        + "CSeq: " + cseq + " " + method + "\n"
        + "Contact: <sip:alice@127.0.0.1:5062>\n"
        + (sdp == null ? "" : "Content-Type: application/sdp\n\n" + sdp));
  }

  @Test
  void a200ThatCannotBeSentBecomesA500() throws Exception {
    FakeServerTransaction invite = new FakeServerTransaction(FakeServerTransaction.invite("5551234",
        FakeServerTransaction.PCMU));
    invite.refuse(status -> status == 200);
    InboundDialog d = dialog(invite);
    d.offered();
    assertThat(invite.statuses()).containsExactly(500);
    assertThat(invite.last().getHeader("To").toString()).contains("tag=ourtag");
    assertThat(d.state()).isEqualTo(InboundDialog.State.ENDED);
    assertThat(log.lines()).containsExactly("invite", "media", "ended FAILED");
  }

  @Test
  void theReInvite200CarriesAllowAndSupported() throws Exception {
    agent.start();
    FakeServerTransaction invite = new FakeServerTransaction(FakeServerTransaction.invite("5551234",
        FakeServerTransaction.PCMU));
    InboundDialog d = dialog(invite);
    d.offered();
    d.ack(inDialog("ACK", 1, null));
    FakeServerTransaction hold = new FakeServerTransaction(inDialog("INVITE", 2,
        FakeServerTransaction.PCMU + "a=sendonly\n"));
    d.reInvite(hold.tx, hold.request);
    assertThat(hold.statuses()).containsExactly(200);
    List<String> allowed = new ArrayList<>();
    hold.last().getHeaders(AllowHeader.NAME).forEachRemaining(h -> allowed.add(((AllowHeader) h).getMethod()));
    assertThat(allowed).containsExactly("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO");
    assertThat(hold.last().getHeader(SupportedHeader.NAME)).isNotNull();
  }

  @Test
  void aReInvite200ThatCannotBeSentBecomesA500AndTheSessionStaysAsItWas() throws Exception {
    agent.start(); // the ACK timer needs the agent's timer thread
    FakeServerTransaction invite = new FakeServerTransaction(FakeServerTransaction.invite("5551234",
        FakeServerTransaction.PCMU));
    InboundDialog d = dialog(invite);
    d.offered();
    assertThat(invite.statuses()).containsExactly(200);
    d.ack(inDialog("ACK", 1, null));
    assertThat(d.state()).isEqualTo(InboundDialog.State.CONFIRMED);

    FakeServerTransaction moved = new FakeServerTransaction(inDialog("INVITE", 2,
        FakeServerTransaction.PCMU.replace("49170", "49180")));
    moved.refuse(status -> status == 200);
    d.reInvite(moved.tx, moved.request);
    assertThat(moved.statuses()).containsExactly(500);
    assertThat(log.media()).extracting(m -> m.port()).containsExactly(49170, 49180, 49170);

    FakeServerTransaction delayed = new FakeServerTransaction(inDialog("INVITE", 3, null));
    delayed.refuse(status -> status == 200);
    d.reInvite(delayed.tx, delayed.request);
    assertThat(delayed.statuses()).containsExactly(500);
    assertThat(d.state()).isEqualTo(InboundDialog.State.CONFIRMED);
    assertThat(log.lines()).containsExactly("invite", "media", "confirmed", "media", "media");
  }

  /** close() (or a CANCEL) may end the call between admission and offered(): no onInvite for an ended call. */
  @Test
  void aCallEndedBeforeItIsOfferedIsNotOfferedToTheListener() throws Exception {
    FakeServerTransaction invite = new FakeServerTransaction(FakeServerTransaction.invite("5551234",
        FakeServerTransaction.PCMU));
    InboundDialog d = dialog(invite);
    d.hangup(CallEnd.SHUTDOWN);
    d.offered();
    assertThat(invite.statuses()).containsExactly(503);
    assertThat(log.lines()).containsExactly("ended SHUTDOWN");
  }

  /** RFC 3264 §8: our re-offer keeps the rejected m=video before the audio; the ACK's answer is read there. */
  @Test
  void theAnswerToOurReOfferIsReadAtTheAudioStreamsIndex() throws Exception {
    agent.start();
    String videoFirst = FakeServerTransaction.PCMU.replace("m=audio", "m=video 51372 RTP/AVP 96\n"
        + "a=rtpmap:96 H264/90000\nm=audio");
    FakeServerTransaction invite = new FakeServerTransaction(FakeServerTransaction.invite("5551234", videoFirst));
    InboundDialog d = dialog(invite, videoFirst);
    d.offered();
    assertThat(body(invite.last())).contains("m=video 0 RTP/AVP 96\r\nm=audio 40000 RTP/AVP 0\r\n");
    d.ack(inDialog("ACK", 1, null));

    FakeServerTransaction refresh = new FakeServerTransaction(inDialog("INVITE", 2, null));
    d.reInvite(refresh.tx, refresh.request);
    assertThat(refresh.statuses()).containsExactly(200);
    assertThat(body(refresh.last())).contains("m=video 0 RTP/AVP 96\r\nm=audio 40000 RTP/AVP 0 8 101\r\n");
    d.ack(inDialog("ACK", 2, "v=0\no=bob 1 2 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
        + "m=video 0 RTP/AVP 96\nm=audio 49180 RTP/AVP 8\n"));

    assertThat(d.state()).isEqualTo(InboundDialog.State.CONFIRMED);
    assertThat(log.lines()).containsExactly("invite", "media", "confirmed", "media");
    assertThat(log.media().get(1).port()).isEqualTo(49180);
    assertThat(log.media().get(1).encoding()).isEqualTo("PCMA");
  }
}
