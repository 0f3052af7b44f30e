package dev.voiceengine.bench.dialer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.bench.engine.EngineProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's jar as a separate process with one outbound trunk to the benchmark's sipp, and its REST API reached
 * with the key the engine wrote to {@code data/api-key} on its first start.
 */
final class DialerEngine implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CALLER_ID = "+15559876543";

  private final Process process;
  private final int httpPort;
  private final String key;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private DialerEngine(Process process, int httpPort, String key) {
    this.process = process;
    this.httpPort = httpPort;
    this.key = key;
  }

  /** The configuration: recording, analysis and the API's rate limit off; the embedded default agent and providers. */
  static String yaml(Path dataDir, DialerOptions o, int sippPort, int rtpBase) {
    return String.join("\n",
        "bind: 127.0.0.1",
        "sip: {port: 0, transports: [udp], max_calls: " + (o.maxConcurrent() + 100) + "}",
        "rtp: {ports: " + rtpBase + "-" + (rtpBase + 2 * o.maxConcurrent() + 399) + "}",
        "http: {port: 0}",
        "data_dir: " + dataDir,
        "api: {rate_limit_per_second: 0}",
        "recording: {enabled: false}",
        "analysis: {enabled: false}",
        "vad: " + o.vad(),
        "trunks:",
        "  - id: carrier",
        "    outbound: {host: 127.0.0.1, port: " + sippPort + ", caller_ids: [\"" + CALLER_ID + "\"],",
        "               max_concurrent: " + o.maxConcurrent() + ", calls_per_second: " + o.trunkCps()
            + ", ring_timeout_seconds: 10}",
        "");
  }

  /** Starts the engine with {@code config}; returns once it printed its ready line. */
  static DialerEngine start(Path dir, Path config, String jvm, Path jar) throws IOException {
    EngineProcess.Started e = EngineProcess.start(dir, config, jar, jvm,
        List.of("-Duser.timezone=UTC"), Duration.ofSeconds(180)); // its log's times of day are read as UTC
    Path keyFile = dir.resolve("data").resolve("api-key");
    return new DialerEngine(e.process(), e.ready().get("http_port").asInt(), Files.readString(keyFile).trim());
  }

  long pid() {
    return process.pid();
  }

  /** GET with the key; the parsed body, or an exception naming the status. */
  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET(), 200, path);
  }

  /** POST a JSON body; the parsed answer if its status is {@code expected}. */
  JsonNode post(String path, JsonNode body, int expected) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    return send(b, expected, path);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private JsonNode send(HttpRequest.Builder b, int expected, String path) throws IOException, InterruptedException {
    HttpRequest request = b.timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key).build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IOException(request.method() + " " + path + " → " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Every call of a batch, page by page. */
  List<JsonNode> batchCalls(String batchId) throws IOException, InterruptedException {
    List<JsonNode> all = new ArrayList<>();
    for (int offset = 0; ; offset += 1000) {
      JsonNode page = get("/v1/calls?batch_id=" + batchId + "&limit=1000&offset=" + offset);
      page.get("data").forEach(all::add);
      if (!page.get("pagination").get("has_more").asBoolean()) {
        return all;
      }
    }
  }

  /** SIGTERM, then waits for the engine to exit. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
