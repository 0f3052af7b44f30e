package dev.voiceengine.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A small client of a running engine's calls API, for the command line: Bearer key, JSON in and out. */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The API refused a request: its status and error message. */
  static final class ApiError extends IOException {
    private static final long serialVersionUID = 1L;

    ApiError(int status, String message) {
      super("HTTP " + status + ": " + message);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String key;

  ApiClient(String base, String key) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.key = key;
  }

  /** A client with the key read from {@code keyFile} (the engine writes data/api-key on first start). */
  static ApiClient of(String base, Path keyFile) throws IOException {
    if (!Files.isReadable(keyFile)) {
      throw new IOException("cannot read the API key from " + keyFile + " (use --key-file)");
    }
    return new ApiClient(base, Files.readString(keyFile).strip());
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + key)
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    if (response.statusCode() >= 300) {
      JsonNode error = body.path("error");
      String field = error.path("field").asText("");
      throw new ApiError(response.statusCode(), error.path("message").asText(response.body())
          + (field.isEmpty() ? "" : " (field " + field + ")"));
    }
    return body;
  }
}
