package dev.voiceengine.providers.openai;

import io.grpc.Context;
import io.grpc.Deadline;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side shared by the adapters: one {@link HttpClient} (connection pool, async I/O on its own executor, so
 * gRPC threads never wait on the network) and requests that carry the key and the tighter of the configured timeout
 * and the gRPC caller's deadline.
 */
public final class OpenAiHttp {
  private final OpenAiSettings settings;
  private final HttpClient client;

  public OpenAiHttp(OpenAiSettings settings, HttpClient client) {
    this.settings = settings;
    this.client = client;
  }

  public OpenAiHttp(OpenAiSettings settings) {
    this(settings, newClient(settings));
  }

  /**
   * A client for these settings. Plain {@code http://} servers get HTTP/1.1 (many self-hosted servers mishandle the
   * h2c upgrade); {@code https://} negotiates HTTP/2 by ALPN.
   */
  public static HttpClient newClient(OpenAiSettings settings) {
    HttpClient.Version version =
        settings.baseUrl().startsWith("https:") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    return HttpClient.newBuilder()
        .version(version)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public OpenAiSettings settings() {
    return settings;
  }

  public HttpClient client() {
    return client;
  }

  /** A request to {@code path} below the base URL, with authorization and timeout set. */
  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(settings.endpoint(path)).timeout(timeout());
    if (!settings.apiKey().isEmpty()) {
      b.header("Authorization", "Bearer " + settings.apiKey());
    }
    return b;
  }

  private Duration timeout() {
    Duration timeout = settings.requestTimeout();
    Deadline deadline = Context.current().getDeadline();
    if (deadline != null) {
      long left = Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS));
      if (left < timeout.toMillis()) {
        timeout = Duration.ofMillis(left);
      }
    }
    return timeout;
  }
}
