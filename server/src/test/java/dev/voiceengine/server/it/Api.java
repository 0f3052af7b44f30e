package dev.voiceengine.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A client of the engine's REST API, as an operator's script would use it. */
final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String key;

  Api(int port, String key) {
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** A response's status and JSON body. */
  record Status(int code, JsonNode body) {}

  /** GET with whatever status comes back (an empty key sends none). */
  Status status(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    return new Status(r.statusCode(), JSON.readTree(r.body()));
  }

  /** POST of a JSON body with extra headers (name, value, ...); whatever status comes back. */
  Status post(String path, JsonNode body, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Status(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  /** Polls GET until the status is {@code code}, or fails after {@code timeout}. */
  Status awaitStatus(String path, int code, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Status last = status(path);
    while (last.code() != code && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = status(path);
    }
    if (last.code() != code) {
      throw new AssertionError("GET " + path + " never answered " + code + "; last: " + last);
    }
    return last;
  }

  /** A text resource such as /metrics. */
  String text(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  HttpResponse<Path> download(String path, Path to) throws IOException, InterruptedException {
    return http.send(request(path).build(), HttpResponse.BodyHandlers.ofFile(to));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    return key.isEmpty() ? b : b.header("Authorization", "Bearer " + key);
  }
}
