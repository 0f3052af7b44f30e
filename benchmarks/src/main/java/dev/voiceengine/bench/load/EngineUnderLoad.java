package dev.voiceengine.bench.load;

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
 * The engine as a separate process with the load profile: the real SIP stack, RTP, Silero VAD, recording and
 * turn-taking on every call, with providers reached over gRPC/TCP at the harness's fast fake services. Its CPU and
 * memory are then the engine's alone.
 */
final class EngineUnderLoad implements AutoCloseable {
  static final String API_KEY = "ve_load_harness";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int sipPort;
  private final int httpPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private EngineUnderLoad(Process process, int sipPort, int httpPort) {
    this.process = process;
    this.sipPort = sipPort;
    this.httpPort = httpPort;
  }

  /** Writes the load profile's configuration and starts the engine; returns once it printed its ready line. */
  static EngineUnderLoad start(Path dir, LoadOptions o, int providersPort) throws IOException, InterruptedException {
    String providers = "grpc://127.0.0.1:" + providersPort;
    String yaml = String.join("\n",
        "bind: 127.0.0.1",
        "sip: {port: 0, transports: [udp], max_calls: " + o.maxCalls() + ", retry_after_s: 5}",
        "rtp: {ports: " + o.rtpPorts() + ", no_media_timeout_s: 30, jitter_ms: " + o.jitterMs() + "}",
        "http: {port: 0}",
        "data_dir: " + dir.resolve("data"),
        "api: {keys: [" + API_KEY + "]}",
        "recording: {enabled: true}",
        "vad: " + o.vad(),
        "providers: {stt: " + providers + ", llm: " + providers + ", tts: " + providers + "}",
        "trunks: [{id: load, inbound: {allow: [127.0.0.0/8], numbers: {\"*\": agent}}}]",
        "agents: [{id: agent, name: Load, first_message: \"Hello, how can I help?\"}]",
        "");
    Path config = dir.resolve("engine.yaml");
    Files.writeString(config, yaml);
    EngineProcess.Started e = EngineProcess.start(dir, config, o.engineJar(), o.engineJvm(), List.of(),
        Duration.ofSeconds(120));
    return new EngineUnderLoad(e.process(), e.ready().get("sip_port").asInt(), e.ready().get("http_port").asInt());
  }

  long pid() {
    return process.pid();
  }

  int sipPort() {
    return sipPort;
  }

  /** The engine's Prometheus metrics. */
  PromMetrics metrics() throws IOException, InterruptedException {
    return PromMetrics.parse(get("/metrics"));
  }

  /** GET an API path with the harness's key; the body, or an exception naming the status. */
  String get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + API_KEY).GET().build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " → " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Every call record with its transcript, page by page. */
  List<JsonNode> calls() throws IOException, InterruptedException {
    List<JsonNode> all = new ArrayList<>();
    for (int offset = 0; ; offset += 100) {
      JsonNode page = JSON.readTree(get("/v1/calls?include=transcript&limit=100&offset=" + offset));
      page.get("data").forEach(all::add);
      if (!page.get("pagination").get("has_more").asBoolean()) {
        return all;
      }
    }
  }

  /** SIGTERM, then waits for the engine to end its calls and exit. @return the exit code */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
