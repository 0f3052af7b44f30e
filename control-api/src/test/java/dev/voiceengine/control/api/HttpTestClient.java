package dev.voiceengine.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain java.net.http client against a running control plane, speaking HTTP/1.1. */
final class HttpTestClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One response, body fully read. */
  record Response(int status, HttpHeaders headers, byte[] body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final String base;
  private final String key;

  HttpTestClient(int port, String key) {
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  /** GET with the client's key. */
  Response get(String pathAndQuery) {
    return send("GET", pathAndQuery, key, Map.of());
  }

  /** GET with the client's key and extra headers. */
  Response get(String pathAndQuery, Map<String, String> headers) {
    return send("GET", pathAndQuery, key, headers);
  }

  /** Any method; key may be null (no Authorization header). */
  Response send(String method, String pathAndQuery, String bearerKey, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (bearerKey != null) {
      request.header("Authorization", "Bearer " + bearerKey);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** POST with this JSON body (and the client's key). */
  Response post(String path, String json, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError("POST " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** POST with this JSON body. */
  Response post(String path, String json) {
    return post(path, json, Map.of());
  }
}
