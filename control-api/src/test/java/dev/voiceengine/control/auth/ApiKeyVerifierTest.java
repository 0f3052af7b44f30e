package dev.voiceengine.control.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyVerifierTest {
  @Test
  void acceptsExactlyTheKnownKeys() {
    ApiKeyVerifier verifier = new ApiKeyVerifier(List.of(ApiKeys.hashHex("ve_a"), ApiKeys.hashHex("ve_b")));
    assertThat(verifier.verify("ve_a")).isTrue();
    assertThat(verifier.verify("ve_b")).isTrue();
    assertThat(verifier.verify("ve_c")).isFalse();
    assertThat(verifier.verify("ve_a ")).isFalse();
    assertThat(verifier.verify("")).isFalse();
    assertThat(verifier.verify(null)).isFalse();
    assertThat(new ApiKeyVerifier(List.of()).verify("ve_a")).isFalse();
  }

  @Test
  void replacingHashesRevokesAndAdmits() {
    ApiKeyVerifier verifier = new ApiKeyVerifier(List.of(ApiKeys.hashHex("ve_a")));
    verifier.replace(List.of(ApiKeys.hashHex("ve_b")));
    assertThat(verifier.verify("ve_a")).isFalse();
    assertThat(verifier.verify("ve_b")).isTrue();
  }

  @Test
  void generatedKeysAreDistinct() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      keys.add(ApiKeys.generate());
    }
    assertThat(keys).hasSize(1_000);
  }
}
