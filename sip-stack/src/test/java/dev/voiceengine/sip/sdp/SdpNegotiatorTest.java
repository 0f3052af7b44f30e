package dev.voiceengine.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SdpNegotiatorTest {
  private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n";

  private static Sdp sdp(String media) throws SdpParseException {
    return SdpParser.parse(HEAD + media);
  }

  @Test
  void noCommonCodecNamesWhatWasOffered() {
    assertThatThrownBy(() -> SdpNegotiator.answer(sdp("m=audio 4000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n"), null))
        .isInstanceOf(NoCommonCodecException.class)
        .hasMessage("no common codec (offered: G729/8000)");
  }

  @Test
  void telephoneEventAloneIsNoCodec() {
    assertThatThrownBy(() -> SdpNegotiator.answer(
        sdp("m=audio 4000 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000\r\n"), null))
        .isInstanceOf(NoCommonCodecException.class);
  }

  @Test
  void noAudioAtAllOrOnlyDisabledAudio() {
    assertThatThrownBy(() -> SdpNegotiator.answer(sdp("m=video 4000 RTP/AVP 96\r\n"), null))
        .hasMessage("no audio stream offered");
    assertThatThrownBy(() -> SdpNegotiator.answer(sdp("m=audio 0 RTP/AVP 0\r\n"), null))
        .hasMessage("no audio stream offered");
    assertThatThrownBy(() -> SdpNegotiator.answer(SdpParser.parse(HEAD), null))
        .hasMessage("no audio stream offered");
  }

  @Test
  void stereoPcmuIsNotOurs() {
    assertThatThrownBy(() -> SdpNegotiator.answer(sdp("m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 PCMU/8000/2\r\n"),
        null)).isInstanceOf(NoCommonCodecException.class);
  }

  @Test
  void reOfferKeepsTheCodecInUseEvenWhenNoLongerFirst() throws Exception {
    Sdp reOffer = sdp("m=audio 4000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n");
    assertThat(SdpNegotiator.answer(reOffer, Codec.PCMU).codec()).isEqualTo(Codec.PCMU);
    assertThat(SdpNegotiator.answer(reOffer, null).codec()).isEqualTo(Codec.PCMA);
    // the codec in use is gone: take the first we support
    Sdp pcmaOnly = sdp("m=audio 4000 RTP/AVP 8\r\n");
    assertThat(SdpNegotiator.answer(pcmaOnly, Codec.PCMU).codec()).isEqualTo(Codec.PCMA);
  }

  @Test
  void answerToOurOfferPicksTheirFirstCodecAndTelephoneEvent() throws Exception {
    Negotiation n = SdpNegotiator.acceptAnswer(
        sdp("m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:30\r\na=sendonly\r\n"),
        0, "sendrecv");
    assertThat(n.codec()).isEqualTo(Codec.PCMA);
    assertThat(n.remote().telephoneEventPayloadType()).isEqualTo(101);
    assertThat(n.remote().ptimeMillis()).isEqualTo(30);
    assertThat(n.remote().direction()).isEqualTo("sendonly");
    assertThat(n.remote().remoteReceives()).isFalse();
    assertThat(n.remote().remoteSends()).isTrue();
  }

  @Test
  void remoteThatHoldsUsSendsNothing() throws Exception {
    for (String direction : new String[] {"recvonly", "inactive"}) {
      Negotiation n = SdpNegotiator.answer(sdp("m=audio 4000 RTP/AVP 0\r\na=" + direction + "\r\n"), null);
      assertThat(n.remote().remoteSends()).as(direction).isFalse();
    }
    Negotiation sendrecv = SdpNegotiator.answer(sdp("m=audio 4000 RTP/AVP 0\r\n"), null);
    assertThat(sendrecv.remote().remoteSends()).isTrue();
    Negotiation oldStyleHold = SdpNegotiator.answer(
        SdpParser.parse(HEAD.replace("c=IN IP4 198.51.100.1", "c=IN IP4 0.0.0.0") + "m=audio 4000 RTP/AVP 0\r\n"),
        null);
    assertThat(oldStyleHold.remote().remoteSends()).as("c=0.0.0.0, RFC 3264 §8.4").isFalse();
  }

  @Test
  void answerThatRejectsTheStreamOrPicksNothingOfOurs() {
    assertThatThrownBy(() -> SdpNegotiator.acceptAnswer(sdp("m=audio 0 RTP/AVP 0\r\n"), 0, "sendrecv"))
        .hasMessage("answer rejected the audio stream");
    assertThatThrownBy(() -> SdpNegotiator.acceptAnswer(sdp("m=audio 4000 RTP/AVP 18\r\n"), 0, "sendrecv"))
        .isInstanceOf(NoCommonCodecException.class);
    assertThatThrownBy(() -> SdpNegotiator.acceptAnswer(SdpParser.parse(HEAD), 0, "sendrecv"))
        .hasMessage("answer has no m= line");
    assertThatThrownBy(() -> SdpNegotiator.acceptAnswer(sdp("m=audio 4000 RTP/AVP 0\r\n"), 1, "sendrecv"))
        .hasMessage("answer has no m= line 2 for the audio stream");
  }

  /** Our offer had m=video (rejected) before the audio: the answer's audio is its second m= line, RFC 3264 §6. */
  @Test
  void theAnswerIsReadAtTheIndexOfOurAudioStream() throws Exception {
    Sdp answer = sdp("m=video 0 RTP/AVP 96\r\nm=audio 4002 RTP/AVP 8\r\n");
    Negotiation n = SdpNegotiator.acceptAnswer(answer, 1, "sendrecv");
    assertThat(n.mediaIndex()).isEqualTo(1);
    assertThat(n.codec()).isEqualTo(Codec.PCMA);
    assertThat(n.remote().port()).isEqualTo(4002);
    assertThatThrownBy(() -> SdpNegotiator.acceptAnswer(answer, 0, "sendrecv"))
        .hasMessage("answer rejected the audio stream");
  }

  @Test
  void directionsFollowRfc3264() {
    assertThat(SdpNegotiator.answerDirection("sendrecv")).isEqualTo("sendrecv");
    assertThat(SdpNegotiator.answerDirection("sendonly")).isEqualTo("recvonly");
    assertThat(SdpNegotiator.answerDirection("recvonly")).isEqualTo("sendonly");
    assertThat(SdpNegotiator.answerDirection("inactive")).isEqualTo("inactive");
  }
}
