package dev.voiceengine.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.server.Engine;
import dev.voiceengine.server.config.ConfigLoader;
import dev.voiceengine.server.config.EngineConfig;
import dev.voiceengine.server.config.HttpConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An engine started in this JVM on free ports with its own data folder, from YAML like a user's, plus an API client
 * holding the key the engine generated.
 */
final class EngineFixture implements AutoCloseable {
  final Engine engine;
  final Api api;
  final Path dataDir;

  private EngineFixture(Engine engine, Path dataDir) throws IOException {
    this.engine = engine;
    this.dataDir = dataDir;
    this.api = new Api(engine.ready().httpPort(), Files.readString(dataDir.resolve("api-key")).trim());
  }

  static EngineFixture start(Path dir) throws Exception {
    return start(dir, "");
  }

  /** Starts with {@code yaml} (may be empty) and ports chosen at run time. */
  static EngineFixture start(Path dir, String yaml) throws Exception {
    Path dataDir = dir.resolve("data");
    EngineConfig cfg = new ConfigLoader(Map.of()).parse("test.yaml", yaml);
    cfg = cfg.withSip(cfg.sip().withPort(0)).withHttp(new HttpConfig(0)).withDataDir(dataDir.toString());
    return new EngineFixture(Engine.start(cfg, "test.yaml", dir), dataDir);
  }

  int sipPort() {
    return engine.ready().sipPort();
  }

  /** Polls GET /v1/calls until {@code done} holds for its data array, or fails after {@code timeout}. */
  JsonNode awaitCalls(String query, Duration timeout, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      engine.flushEvents();
      last = api.get("/v1/calls" + query);
      if (done.test(last.get("data"))) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("calls never reached the expected state; last: " + last);
  }

  /** Polls GET /metrics until {@code done} holds for the scrape, or fails after {@code timeout}. */
  PrometheusText awaitMetrics(Duration timeout, Predicate<PrometheusText> done) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      last = api.text("/metrics");
      PrometheusText metrics = new PrometheusText(last);
      if (done.test(metrics)) {
        return metrics;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("metrics never reached the expected state; last:\n" + last);
  }

  @Override
  public void close() {
    engine.close();
  }
}
