package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

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
}
