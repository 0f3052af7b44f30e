package dev.voiceengine.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The caps that keep offer/answer linear and small whatever an offer holds: a 60 KB body once cost seconds of CPU
 * because every format re-read every a= line. No timing here: the tests show the caps hold before any per-format
 * work and that rtpmap lookups go through a per-section index.
 */
class SdpLimitsTest {
  private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n";

  /** The reviewer's offer: ~15,000 formats and ~1,600 rtpmap lines in about 60 KB. */
  static String hostileOffer() {
    return HEAD + "m=audio 4000 RTP/AVP" + " 0".repeat(15_000) + "\r\n" + "a=rtpmap:1 X/8000\r\n".repeat(1_600);
  }

  @Test
  void theHostileOfferIsRefusedAsTooLarge() {
    assertThat(hostileOffer().length()).isLessThan(SdpParser.MAX_LENGTH);
    assertThatThrownBy(() -> SdpParser.parse(hostileOffer()))
        .isInstanceOf(SdpTooLargeException.class)
        .hasMessage("line 6: m= line has 15000 formats, more than 64");
  }

  @Test
  void aLongFormatListIsRefusedBeforeAnyOfItsFormatsIsRead() {
    // the bad payload type at the end would be reported if the formats were checked one by one first
    String sdp = HEAD + "m=audio 4000 RTP/AVP" + " 0".repeat(15_000) + " nonsense\r\n";
    assertThatThrownBy(() -> SdpParser.parse(sdp))
        .isInstanceOf(SdpTooLargeException.class)
        .hasMessageContaining("15001 formats");
  }

  @Test
  void tooManyAttributesInOneSectionAreRefused() {
    String media = HEAD + "m=audio 4000 RTP/AVP 0\r\n" + "a=rtpmap:1 X/8000\r\n".repeat(1_600);
    assertThatThrownBy(() -> SdpParser.parse(media))
        .isInstanceOf(SdpTooLargeException.class)
        .hasMessage("line " + (7 + SdpParser.MAX_ATTRIBUTES) + ": more than 256 a= lines in one m= section");
    String session = HEAD + "a=x\r\n".repeat(SdpParser.MAX_ATTRIBUTES + 1) + "m=audio 4000 RTP/AVP 0\r\n";
    assertThatThrownBy(() -> SdpParser.parse(session))
        .isInstanceOf(SdpTooLargeException.class)
        .hasMessageEndingWith("a= lines in one session");
  }

  @Test
  void anOfferAtTheLimitsStillNegotiates() throws Exception {
    StringBuilder sdp = new StringBuilder(HEAD).append("m=audio 4000 RTP/AVP");
    for (int pt = 64; pt < 64 + SdpParser.MAX_FORMATS - 1; pt++) {
      sdp.append(' ').append(pt);
    }
    sdp.append(" 8\r\n");
    for (int i = 0; i < SdpParser.MAX_ATTRIBUTES; i++) {
      sdp.append("a=rtpmap:").append(64 + i % 63).append(" X").append(i).append("/8000\r\n");
    }
    Sdp offer = SdpParser.parse(sdp.toString());
    assertThat(offer.media().get(0).formats()).hasSize(SdpParser.MAX_FORMATS);
    Negotiation n = SdpNegotiator.answer(offer, null);
    assertThat(n.codec()).isEqualTo(Codec.PCMA);
  }

  @Test
  void rtpMapsAreIndexedOncePerSectionTheFirstLineForAPayloadTypeWinning() throws Exception {
    Sdp sdp = SdpParser.parse(HEAD + "m=audio 4000 RTP/AVP 96 97\r\na=rtpmap:96 PCMU/8000\r\na=ptime:20\r\n"
        + "a=rtpmap:96 PCMA/8000\r\na=rtpmap:97 telephone-event/8000\r\n");
    Sdp.Media m = sdp.media().get(0);
    assertThat(m.rtpMaps()).containsOnlyKeys(96, 97);
    assertThat(m.rtpMap(96)).contains(new Sdp.RtpMap(96, "PCMU", 8000, 1));
    // built from the attributes when a section is made by hand, too
    Sdp.Media copy = new Sdp.Media(m.type(), m.port(), m.proto(), m.formats(), m.connection(), m.attributes());
    assertThat(copy).isEqualTo(m);
    assertThat(new Sdp.Media("audio", 4000, "RTP/AVP", List.of("0"), null, List.of()).rtpMaps()).isEmpty();
  }
}
