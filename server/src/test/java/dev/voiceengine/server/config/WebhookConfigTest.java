package dev.voiceengine.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.control.webhooks.WebhookEndpoint;
import dev.voiceengine.control.webhooks.WebhookEvent;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code webhooks:} section: loaded with ${ENV} secrets, validated field by field, turned into endpoints. */
class WebhookConfigTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of("HOOK_SECRET", "whsec_0123456789abcdef"));
  private final ConfigValidator validator = new ConfigValidator("w.yaml", Path.of("."));

  @Test
  void loadsEndpointsWithSecretsFromTheEnvironment() throws Exception {
    EngineConfig c = validator.validate(loader.parse("w.yaml", """
        webhooks:
          - url: https://hooks.example.com/voice
            secret: ${HOOK_SECRET}
            events: [call.started, call.ended, call.transcript]
          - url: http://127.0.0.1:9000/in
            secret: ${HOOK_SECRET}
            enabled: false
        """));
    assertThat(c.webhooks()).hasSize(2);
    WebhookEndpoint first = c.webhooks().get(0).toEndpoint();
    assertThat(first.secret()).isEqualTo("whsec_0123456789abcdef");
    assertThat(first.events()).containsExactlyInAnyOrder(WebhookEvent.CALL_STARTED, WebhookEvent.CALL_ENDED,
        WebhookEvent.CALL_TRANSCRIPT);
    WebhookEndpoint second = c.webhooks().get(1).toEndpoint();
    assertThat(second.enabled()).isFalse();
    assertThat(second.events()).isEqualTo(WebhookEvent.DEFAULTS);
    assertThat(EngineConfig.defaults().webhooks()).isEmpty();
  }

  @Test
  void problemsNameTheField() throws Exception {
    EngineConfig c = loader.parse("w.yaml", """
        webhooks:
          - url: ftp://hooks.example.com/voice
            secret: short
            events: [call.exploded]
          - url: https://ok.example.com
        """);
    assertThatThrownBy(() -> validator.validate(c)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("webhooks[0].url").hasMessageContaining("http or https")
        .hasMessageContaining("webhooks[0].secret").hasMessageContaining("16")
        .hasMessageContaining("webhooks[0].events").hasMessageContaining("call.exploded")
        .hasMessageContaining("webhooks[1].secret");
  }

  @Test
  void anEndpointServesOneOrganization() throws Exception {
    EngineConfig c = validator.validate(loader.parse("w.yaml", """
        webhooks:
          - url: https://hooks.example.com/acme
            secret: ${HOOK_SECRET}
            org: acme
          - url: https://hooks.example.com/ours
            secret: ${HOOK_SECRET}
        """));
    assertThat(c.webhooks()).extracting(w -> w.toEndpoint().orgId()).containsExactly("acme", "default");
    assertThatThrownBy(() -> validator.validate(loader.parse("w.yaml", """
        webhooks:
          - url: https://hooks.example.com/acme
            secret: ${HOOK_SECRET}
            org: "Not An Org"
        """))).isInstanceOf(ConfigException.class).hasMessageContaining("webhooks[0].org");
  }

  @Test
  void unknownKeysAreErrors() {
    assertThatThrownBy(() -> loader.parse("w.yaml", """
        webhooks:
          - url: https://hooks.example.com/voice
            secrett: x
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("secrett");
  }
}
