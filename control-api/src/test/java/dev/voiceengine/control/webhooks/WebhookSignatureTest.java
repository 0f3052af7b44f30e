package dev.voiceengine.control.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The signature header, checked against a published HMAC-SHA256 vector and the README's verifier. */
class WebhookSignatureTest {
  static final String SECRET = "whsec_0123456789abcdef";

  @Test
  void hmacMatchesRfc4231TestCase2() {
    assertThat(WebhookSignature.hmacHex("Jefe", "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void headerSignsTheTimestampAndTheBody() {
    String body = "{\"id\":\"evt_1\",\"type\":\"call.ended\"}";
    String header = WebhookSignature.header(SECRET, 1_700_000_000L, body);
    assertThat(header).isEqualTo("t=1700000000,v1=" + WebhookSignature.hmacHex(SECRET, "1700000000." + body));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookVerifier.verify(SECRET, header, bytes, 1_700_000_000L)).isTrue();
    assertThat(WebhookVerifier.verify(SECRET, header, bytes, 1_700_000_300L)).isTrue();
    assertThat(WebhookVerifier.verify(SECRET, header, bytes, 1_700_000_301L)).as("older than 5 minutes").isFalse();
    assertThat(WebhookVerifier.verify(SECRET, header, (body + " ").getBytes(StandardCharsets.UTF_8),
        1_700_000_000L)).as("body changed").isFalse();
    assertThat(WebhookVerifier.verify(SECRET, header.replace("t=1700000000", "t=1700000001"), bytes,
        1_700_000_000L)).as("timestamp changed").isFalse();
  }

  @Test
  void malformedHeadersAreRejectedNotThrown() {
    Random random = new Random(12);
    String alphabet = "t=v1,0123456789abcdefxyz .-";
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder header = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) {
        header.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(WebhookVerifier.verify(SECRET, header.toString(), body, 0)).as(header.toString()).isFalse();
    }
  }
}
