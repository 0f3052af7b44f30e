package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.HttpHeaders;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BearerAuthTest {
  @Test
  void extractsTheTokenOfABearerHeaderOnly() {
    assertThat(BearerAuth.bearerToken("Bearer ve_abc")).isEqualTo("ve_abc");
    assertThat(BearerAuth.bearerToken("bearer   ve_abc  ")).isEqualTo("ve_abc");
    assertThat(BearerAuth.bearerToken("BEARER ve_abc")).isEqualTo("ve_abc");
    assertThat(BearerAuth.bearerToken("Basic dXNlcjpwYXNz")).isNull();
    assertThat(BearerAuth.bearerToken("Bearer")).isNull();
    assertThat(BearerAuth.bearerToken("Bearer ")).isNull();
    assertThat(BearerAuth.bearerToken("ve_abc")).isNull();
    assertThat(BearerAuth.bearerToken("")).isNull();
    assertThat(BearerAuth.bearerToken(null)).isNull();
  }

  @Test
  void collectsTheDistinctKeysOfBothHeaders() {
    assertThat(BearerAuth.presentedKeys(HttpHeaders.of())).isEmpty();
    assertThat(BearerAuth.presentedKeys(HttpHeaders.of("x-api-key", " ve_a "))).containsExactly("ve_a");
    assertThat(BearerAuth.presentedKeys(HttpHeaders.of("authorization", "Bearer ve_a", "x-api-key", "ve_a")))
        .containsExactly("ve_a");
    assertThat(BearerAuth.presentedKeys(HttpHeaders.of("authorization", "Bearer ve_a", "x-api-key", "ve_b")))
        .containsExactly("ve_a", "ve_b");
    assertThat(BearerAuth.presentedKeys(HttpHeaders.builder().add("x-api-key", "ve_a").add("x-api-key", "ve_b")
        .build())).containsExactly("ve_a", "ve_b");
    assertThat(BearerAuth.presentedKeys(HttpHeaders.of("authorization", "Basic x", "x-api-key", ""))).isEmpty();
  }

  @Test
  void randomHeadersGiveNoKeyOrAStrippedNonEmptyOne() {
    Random random = new Random(12);
    String alphabet = "Bb earR\t_ve-xyz=:;,\"'\\";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
      for (int k = random.nextInt(12); k > 0; k--) {
        header.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x3000)
            : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String token = BearerAuth.bearerToken(header.toString());
      if (token != null) {
        assertThat(token).as(header.toString()).isNotEmpty().isEqualTo(token.strip());
        assertThat(header.toString().strip().toLowerCase(java.util.Locale.ROOT)).startsWith("bearer");
      }
    }
  }
}
