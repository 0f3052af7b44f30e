package dev.voiceengine.conversation.provider.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderDeadlinesTest {
  private static final Duration S = Duration.ofSeconds(1);

  @Test
  void defaultsSuitALiveCall() {
    ProviderDeadlines d = ProviderDeadlines.DEFAULTS;
    assertThat(d.sttMaxStream()).isEqualTo(Duration.ofSeconds(120));
    assertThat(d.sttFinalResult()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.sttMaxLag()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.llmFirstEvent()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.llmTotal()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.ttsFirstAudio()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.ttsTotal()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void refusesMissingZeroOrNegativeDurations() {
    assertThatThrownBy(() -> new ProviderDeadlines(S, S, Duration.ZERO, S, S, S, S))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sttMaxLag must be positive, was PT0S");
    assertThatThrownBy(() -> new ProviderDeadlines(S, S, S, S, S, S, Duration.ofMillis(-1)))
        .hasMessage("ttsTotal must be positive, was PT-0.001S");
    assertThatThrownBy(() -> new ProviderDeadlines(S, S, S, null, S, S, S))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("llmFirstEvent");
  }

  @Test
  void refusesAFirstResponseDeadlineLongerThanTheTotal() {
    Duration two = Duration.ofSeconds(2);
    assertThatThrownBy(() -> new ProviderDeadlines(S, S, S, two, S, S, S))
        .hasMessage("llmFirstEvent (PT2S) must not exceed llmTotal (PT1S)");
    assertThatThrownBy(() -> new ProviderDeadlines(S, S, S, S, S, two, S))
        .hasMessage("ttsFirstAudio (PT2S) must not exceed ttsTotal (PT1S)");
    assertThatThrownBy(() -> new ProviderDeadlines(S, two, S, S, S, S, S))
        .hasMessage("sttFinalResult (PT2S) must not exceed sttMaxStream (PT1S)");
  }
}
