package dev.voiceengine.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.MediaDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden offer/answer pairs in src/test/resources/sdp/: NAME.offer is what a trunk sends, NAME.answer exactly what we
 * answer (local media 192.0.2.10:30000, or 2001:db8::10 for ipv6; session id 123456789, version 1), NAME.remote the
 * {@link MediaDescription} the engine gets: address port pt encoding clock te-pt ptime direction.
 */
class SdpNegotiatorGoldenTest {

  static String resource(String name) {
    try {
      Path p = Path.of(SdpNegotiatorGoldenTest.class.getResource("/sdp/" + name).toURI());
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing /sdp/" + name, e);
    }
  }

  static String crlf(String lf) {
    return lf.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pcmu-te", "pcma-first", "g729-first", "dynamic-pcmu", "static-no-rtpmap", "hold-sendonly",
      "inactive", "recvonly", "hold-zero-address", "session-direction", "video-and-audio", "srtp-then-avp", "ipv6",
      "te-16k-ignored", "asterisk"})
  void answersTheOfferExactly(String name) throws Exception {
    // offers arrive with CRLF or bare LF line ends: both parse the same
    for (String offerText : new String[] {resource(name + ".offer"), crlf(resource(name + ".offer"))}) {
      Sdp offer = SdpParser.parse(offerText);
      Negotiation n = SdpNegotiator.answer(offer, null);
      String local = name.equals("ipv6") ? "2001:db8::10" : "192.0.2.10";
      String answer = new LocalSdp(123456789L, 1).answer(offer, n, local, 30000);

      assertThat(answer).isEqualTo(crlf(resource(name + ".answer")));
      String[] r = resource(name + ".remote").strip().split(" ");
      assertThat(n.remote()).isEqualTo(new MediaDescription(r[0], Integer.parseInt(r[1]), Integer.parseInt(r[2]),
          r[3], Integer.parseInt(r[4]), Integer.parseInt(r[5]), Integer.parseInt(r[6]), r[7]));
      // our own answer is valid SDP that reads back as the same choice
      Negotiation back = SdpNegotiator.acceptAnswer(SdpParser.parse(answer), n.mediaIndex(), "sendrecv");
      assertThat(back.codec()).isEqualTo(n.codec());
      assertThat(back.payloadType()).isEqualTo(n.payloadType());
      assertThat(back.telephoneEventPayloadType()).isEqualTo(n.telephoneEventPayloadType());
    }
  }

  /**
   * NAME.reoffer: our offer for a re-INVITE without SDP once we answered NAME.offer. It keeps the session's m= lines
   * in order, rejected ones with port 0 (RFC 3264 §8), and the answer to it is read where our audio is.
   */
  @ParameterizedTest
  @ValueSource(strings = {"pcmu-te", "video-and-audio", "srtp-then-avp"})
  void reoffersKeepTheSessionsMediaLines(String name) throws Exception {
    Sdp offer = SdpParser.parse(resource(name + ".offer"));
    Negotiation n = SdpNegotiator.answer(offer, null);
    LocalSdp local = new LocalSdp(123456789L, 1);
    local.answer(offer, n, "192.0.2.10", 30000);
    String reoffer = local.offer("192.0.2.10", 30000, n.codec());

    assertThat(reoffer).isEqualTo(crlf(resource(name + ".reoffer")));
    assertThat(local.audioIndex()).isEqualTo(n.mediaIndex());
    // the remote answers as we would, and we read its audio at that index
    Sdp theirOffer = SdpParser.parse(reoffer);
    String theirAnswer = new LocalSdp(5, 1).answer(theirOffer, SdpNegotiator.answer(theirOffer, null),
        "198.51.100.7", 50000);
    Negotiation back = SdpNegotiator.acceptAnswer(SdpParser.parse(theirAnswer), local.audioIndex(), "sendrecv");
    assertThat(back.codec()).isEqualTo(n.codec());
    assertThat(back.remote().port()).isEqualTo(50000);
  }
}
