package dev.voiceengine.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {
  @Test
  void normalisesTheBaseUrlAndDefaultsTheTimeouts() {
    OpenAiSettings s = OpenAiSettings.of(" http://localhost:11434/v1/ ", null, "llama3.2", null);

    assertThat(s.baseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(s.endpoint("/chat/completions").toString()).isEqualTo("http://localhost:11434/v1/chat/completions");
    assertThat(s.apiKey()).isEmpty();
    assertThat(s.voice()).isEmpty();
    assertThat(s.requestTimeout()).isEqualTo(OpenAiSettings.DEFAULT_REQUEST_TIMEOUT);
    assertThat(s.connectTimeout()).isEqualTo(OpenAiSettings.DEFAULT_CONNECT_TIMEOUT);
  }

  @Test
  void rejectsWhatCannotWorkWithAMessageThatSaysWhy() {
    assertThatThrownBy(() -> OpenAiSettings.of("localhost:11434/v1", "", "m", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
    assertThatThrownBy(() -> OpenAiSettings.of("http:///v1", "", "m", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no host");
    assertThatThrownBy(() -> OpenAiSettings.of("http://h/v1 x", "", "m", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid URL");
    assertThatThrownBy(() -> OpenAiSettings.of("http://h/v1", "sk-\nX", "m", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiKey");
    assertThatThrownBy(() -> new OpenAiSettings("http://h/v1", "", "m", "", Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> new OpenAiSettings(null, "", "m", "", null, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("baseUrl");
  }

  @Test
  void neverPrintsTheKey() {
    assertThat(OpenAiSettings.of("https://api.openai.com/v1", "sk-secret", "gpt-4o-mini", "").toString())
        .doesNotContain("sk-secret").contains("(set)");
  }
}
