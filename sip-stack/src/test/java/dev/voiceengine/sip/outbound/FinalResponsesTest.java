package dev.voiceengine.sip.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of final responses to outcomes that the issue specifies. */
class FinalResponsesTest {
  @ParameterizedTest
  @CsvSource({
      "486, busy", "600, busy",
      "408, no_answer", "480, no_answer",
      "404, invalid_number", "484, invalid_number", "604, invalid_number",
      "487, canceled",
      "403, failed", "500, failed", "503, failed", "502, failed", "488, failed", "603, failed", "401, failed",
      "302, failed"})
  void maps(int status, String outcome) {
    assertThat(FinalResponses.outcome(status)).isEqualTo(outcome);
    assertThat(FinalResponses.end(status, "Why")).isEqualTo(new OutboundEnd(outcome, status, "Why"));
  }
}
