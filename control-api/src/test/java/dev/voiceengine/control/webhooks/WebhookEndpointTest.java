package dev.voiceengine.control.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Endpoint settings: what is refused (by field), default events and ids. */
class WebhookEndpointTest {
  static final String SECRET = "whsec_0123456789abcdef";

  @Test
  void goodSettingsHaveNoProblems() {
    assertThat(WebhookEndpoint.problems("https://hooks.example.com/in", SECRET, List.of("call.ended"))).isEmpty();
    assertThat(WebhookEndpoint.problems("http://127.0.0.1:9000/x", SECRET, null)).isEmpty();
  }

  @Test
  void eachProblemNamesItsField() {
    assertThat(WebhookEndpoint.problems("ftp://example.com/x", SECRET, null)).containsOnlyKeys("url");
    assertThat(WebhookEndpoint.problems("https:///nohost", SECRET, null)).containsOnlyKeys("url");
    assertThat(WebhookEndpoint.problems(null, SECRET, null).get("url")).contains("required");
    assertThat(WebhookEndpoint.problems("https://example.com", null, null).get("secret")).contains("required");
    assertThat(WebhookEndpoint.problems("https://example.com", "short", null).get("secret")).contains("16");
    assertThat(WebhookEndpoint.problems("https://example.com", SECRET, List.of("call.ended", "call.exploded"))
        .get("events")).contains("call.exploded").contains("call.analyzed");
  }

  @Test
  void randomUrlsNeverThrow() {
    Random random = new Random(7);
    String alphabet = "hts:/p[]%@?#.:0123456789 abcé\\";
    for (int i = 0; i < 3_000; i++) {
      StringBuilder url = new StringBuilder();
      for (int n = random.nextInt(30); n > 0; n--) {
        url.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      var problems = WebhookEndpoint.problems(url.toString(), SECRET, null);
      assertThat(problems.keySet()).isSubsetOf("url");
    }
  }

  @Test
  void defaultsSelectAllButTranscriptsAndDeriveAStableId() {
    WebhookEndpoint e = new WebhookEndpoint(null, null, "https://example.com/a", SECRET, null, true);
    assertThat(e.events()).isEqualTo(WebhookEvent.DEFAULTS).doesNotContain(WebhookEvent.CALL_TRANSCRIPT);
    assertThat(e.orgId()).isEqualTo("default");
    assertThat(e.id()).matches("wh_[0-9a-f]{16}")
        .isEqualTo(new WebhookEndpoint("", null, "https://example.com/a", SECRET, Set.of(), true).id())
        .isNotEqualTo(WebhookEndpoint.idFor("https://example.com/b"));
    assertThat(new WebhookEndpoint(null, null, "https://example.com/a", SECRET, null, false)
        .wants(WebhookEvent.CALL_ENDED)).isFalse();
    assertThat(WebhookEvent.of(" Call.Ended ")).contains(WebhookEvent.CALL_ENDED);
  }
}
