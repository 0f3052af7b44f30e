package dev.voiceengine.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.SipSettings;
import dev.voiceengine.sip.TrunkSettings;
import dev.voiceengine.sip.inbound.SourceRule;
import dev.voiceengine.sip.sdp.LocalSdp;
import dev.voiceengine.sip.trunk.TrunkRouter;
import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sip.header.ServerHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SourceGate#refusal} on parsed requests: which sources may send what, with a live call from 127.0.0.1. */
class SourceGateTest {
  private final List<TrunkSettings> trunks = List.of(
      new TrunkSettings("local", List.of("127.0.0.1/32"), Map.of("*", "demo")),
      new TrunkSettings("other", List.of("10.0.0.0/8"), Map.of("*", "demo")));
  private final SipSettings settings = new SipSettings("127.0.0.1", 0, List.of("udp"), 10, Duration.ofSeconds(30),
      Duration.ZERO, trunks, "test");
  private final CallLog log = new CallLog();
  private final JainSipAgent agent = new JainSipAgent(settings, log, Duration.ofSeconds(32));
  private final LiveDialogs dialogs = new LiveDialogs();
  private final SipResponder responder = new SipResponder("voice-engine/test", 30, "127.0.0.1", () -> 5060);
  private final SourceGate gate = new SourceGate(new SourceRule(new TrunkRouter(trunks)), dialogs, responder,
      new RefusalLog());

  @AfterEach
  void stop() {
    agent.close();
  }

  /** The call of "call-1" with From tag "fake1", admitted from 127.0.0.1:5062 on trunk "local". */
  private void liveCall() throws Exception {
    FakeServerTransaction invite = new FakeServerTransaction(FakeServerTransaction.invite("5551234", null));
    InboundCall call = new InboundCall("ref-1", "call-1", "+15550001111", "5551234", "local", "demo",
        new InetSocketAddress("127.0.0.1", 5062), null);
    dialogs.add(new InboundDialog(agent, log, call, LiveDialogs.callKey("call-1", "fake1"), invite.tx, null,
        "ourtag", "udp", null, null, new LocalSdp(1, 1)));
  }

  /** A request of the caller's, to tag "ourtag" or (null) none, as if it came from {@code source}:{@code port}. */
  private static Request request(String method, String toTag, String source, int port) throws Exception {
    Request r = FakeServerTransaction.parse(method + " sip:5551234@127.0.0.1:5060 SIP/2.0\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + "\n"
        + "Max-Forwards: 70\n"
        + "From: <sip:+15550001111@127.0.0.1:5062>;tag=fake1\n"
        + "To: <sip:5551234@127.0.0.1:5060>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
        + "Call-ID: call-1\n"
        + "CSeq: 2 " + method + "\n");
    ((SIPMessage) r).setPeerPacketSourceAddress(InetAddress.getByName(source));
    ((SIPMessage) r).setPeerPacketSourcePort(port);
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"BYE", "INVITE", "INFO", "ACK", "OPTIONS", "UPDATE"})
  void theCallsPeerMaySendAnythingInItsDialogFromAnyPort(String method) throws Exception {
    liveCall();
    assertThat(gate.refusal(request(method, "ourtag", "127.0.0.1", 5062))).isNull();
    assertThat(gate.refusal(request(method, "ourtag", "127.0.0.1", 40123))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"BYE", "INVITE", "INFO", "ACK", "OPTIONS", "UPDATE"})
  void noOtherSourceMayEvenAnotherTrunks(String method) throws Exception {
    liveCall();
    assertThat(gate.refusal(request(method, "ourtag", "127.0.0.2", 5062))).isEqualTo("the peer of the call with Call-ID call-1");
    assertThat(gate.refusal(request(method, "ourtag", "10.1.2.3", 5062))).isEqualTo("the peer of the call with Call-ID call-1");
  }

  @Test
  void aCancelOfThePendingInviteOnlyFromItsPeer() throws Exception {
    liveCall();
    assertThat(gate.refusal(request("CANCEL", null, "127.0.0.1", 5062))).isNull();
    assertThat(gate.refusal(request("CANCEL", null, "127.0.0.2", 5062))).isEqualTo("the peer of the call with Call-ID call-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"INVITE", "OPTIONS", "BYE", "CANCEL", "MESSAGE"})
  void outsideALiveCallAnyTrunkSourceMayAndNoOtherMay(String method) throws Exception {
    assertThat(gate.refusal(request(method, null, "127.0.0.1", 5062))).isNull();
    assertThat(gate.refusal(request(method, null, "10.9.9.9", 5062))).isNull();
    assertThat(gate.refusal(request(method, null, "127.0.0.2", 5062))).isEqualTo("a trunk's networks");
  }

  @Test
  void theRefusalSaysWhyAndNothingAboutUs() throws Exception {
    Response r = responder.forbidden(request("OPTIONS", null, "127.0.0.2", 5062));
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getReasonPhrase()).isEqualTo("Forbidden (source not allowed)");
    assertThat(r.getHeader(ServerHeader.NAME)).isNull();
    assertThat(((ToHeader) r.getHeader(ToHeader.NAME)).getTag()).as("RFC 3261 §8.2.6.2").isNotBlank();
  }
}
