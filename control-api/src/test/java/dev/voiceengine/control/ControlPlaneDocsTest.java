package dev.voiceengine.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane as started for real serves the API's description: the document with a key, the page without. */
class ControlPlaneDocsTest {
  @TempDir Path dir;

  @Test
  void theDocumentIsServedWithAKeyAndTheDocsPageWithout() throws Exception {
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of()))) {
      String key = Files.readString(plane.generatedKeyFile()).strip();
      assertThat(ControlPlaneTest.get(plane, key, "/v1/openapi.json").get("openapi").asText()).startsWith("3.1.");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI base = URI.create("http://127.0.0.1:" + plane.httpPort());
      HttpResponse<String> noKey = client.send(HttpRequest.newBuilder(base.resolve("/v1/openapi.json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(noKey.statusCode()).isEqualTo(401);
      HttpResponse<String> page = client.send(HttpRequest.newBuilder(base.resolve("/docs")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
      assertThat(page.body()).contains("/v1/openapi.json");
    }
  }
}
