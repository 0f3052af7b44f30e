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

  @Test
  void resolvesEachKeyToItsOrganizationAndReloadsFromItsSource() throws Exception {
    java.util.Map<String, String> stored = new java.util.LinkedHashMap<>(java.util.Map.of(
        ApiKeys.hashHex("ve_a"), "default", ApiKeys.hashHex("ve_b"), "acme"));
    ApiKeyVerifier verifier = ApiKeyVerifier.reloading(() -> java.util.Map.copyOf(stored));
    assertThat(verifier.organization("ve_a")).isEqualTo("default");
    assertThat(verifier.organization("ve_b")).isEqualTo("acme");
    assertThat(verifier.organization("ve_c")).isNull();
    stored.remove(ApiKeys.hashHex("ve_b"));
    assertThat(verifier.organization("ve_b")).as("until reloaded").isEqualTo("acme");
    verifier.reload();
    assertThat(verifier.organization("ve_b")).isNull();
    assertThat(verifier.verify("ve_a")).isTrue();
    assertThat(new ApiKeyVerifier(List.of(ApiKeys.hashHex("ve_a"))).organization("ve_a")).isEqualTo("default");
  }

  @Test
  void aFailingReloadKeepsTheKeysItHad() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
    ApiKeyVerifier verifier = ApiKeyVerifier.reloading(() -> {
      if (broken.get()) {
        throw new java.sql.SQLException("store down");
      }
      return java.util.Map.of(ApiKeys.hashHex("ve_a"), "acme");
    });
    broken.set(true);
    verifier.reload();
    assertThat(verifier.organization("ve_a")).isEqualTo("acme");
  }

  @Test
  void listsShowAtMostHalfOfAKey() {
    String key = ApiKeys.generate();
    assertThat(ApiKeys.displayPrefix(key)).hasSize(11).isEqualTo(key.substring(0, 11));
    assertThat(ApiKeys.displayPrefix("ve_short")).isEqualTo("ve_s");
  }
}
