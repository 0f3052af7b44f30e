package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import dev.voiceengine.providers.server.ProviderServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthz of a real engine, asked without a key: every part up, then a remote provider gone and named. */
class ReadinessTest {
  static final List<String> PARTS = List.of("store", "engine", "providers.stt", "providers.llm", "providers.tts",
      "media", "sip");

  @TempDir Path dir;

  @Test
  void anEngineWithEmbeddedProvidersIsReadyAndAlive() throws Exception {
    try (EngineFixture e = EngineFixture.start(dir)) {
      Api anonymous = new Api(e.engine.ready().httpPort(), "");
      Api.Status ready = anonymous.status("/healthz");
      assertThat(ready.code()).as("%s", ready.body()).isEqualTo(200);
      JsonNode checks = ready.body().get("checks");
      assertThat(checks.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(PARTS);
      PARTS.forEach(part -> assertThat(checks.get(part).get("status").asText()).as(part).isEqualTo("up"));
      assertThat(checks.get("providers.stt").get("detail").asText()).isEqualTo("embedded");
      assertThat(anonymous.status("/healthz/live").code()).isEqualTo(200);
    }
  }

  @Test
  void aRemoteProviderThatGoesAwayIsNamed() throws Exception {
    ProviderServer providers = ProviderServer.tcp("127.0.0.1", 0, List.of(new SpeechToTextGrpc.SpeechToTextImplBase() {
    }, new LanguageModelGrpc.LanguageModelImplBase() { }, new TextToSpeechGrpc.TextToSpeechImplBase() { }));
    boolean closed = false;
    try {
      int port = providers.port();
      String remote = "grpc://127.0.0.1:" + port;
      String yaml = "providers: {stt: \"" + remote + "\", llm: \"" + remote + "\", tts: \"" + remote + "\"}\n";
      try (EngineFixture e = EngineFixture.start(dir, yaml)) {
        Api anonymous = new Api(e.engine.ready().httpPort(), "");
        Api.Status ready = anonymous.status("/healthz");
        assertThat(ready.code()).as("%s", ready.body()).isEqualTo(200);
        assertThat(ready.body().get("checks").get("providers.llm").has("detail")).as("asked, not embedded").isFalse();

        providers.close();
        closed = true;
        Api.Status down = anonymous.awaitStatus("/healthz", 503, Duration.ofSeconds(20));
        JsonNode checks = down.body().get("checks");
        for (String p : List.of("providers.stt", "providers.llm", "providers.tts")) {
          assertThat(checks.get(p).get("status").asText()).as(p).isEqualTo("down");
        }
        for (String p : List.of("store", "engine", "media", "sip")) {
          assertThat(checks.get(p).get("status").asText()).as(p).isEqualTo("up");
        }
        assertThat(down.body().get("error").get("message").asText())
            .isEqualTo("not ready: providers.stt, providers.llm, providers.tts");
        assertThat(down.body().toString()).as("nothing of the deployment is shown").doesNotContain("127.0.0.1")
            .doesNotContain(String.valueOf(port));
      }
    } finally {
      if (!closed) {
        providers.close();
      }
    }
  }
}
