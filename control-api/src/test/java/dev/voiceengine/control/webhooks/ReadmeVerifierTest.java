package dev.voiceengine.control.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's Java verification snippet is exactly {@link WebhookVerifier} (which {@link WebhookDeliveryTest} runs
 * against real deliveries): the documented code cannot drift from the tested code.
 */
class ReadmeVerifierTest {
  @Test
  void readmeSnippetIsTheTestedVerifier() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int marker = readme.indexOf("<!-- webhook-verifier-java -->");
    assertThat(marker).as("README marks the Java snippet").isNotNegative();
    int start = readme.indexOf("```java\n", marker) + "```java\n".length();
    int end = readme.indexOf("```", start);
    String snippet = readme.substring(start, end).strip();
    String source = Files.readString(
        Path.of("src/test/java/dev/voiceengine/control/webhooks/WebhookVerifier.java"));
    String withoutPackage = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).strip();
    assertThat(snippet).isEqualTo(withoutPackage);
  }
}
