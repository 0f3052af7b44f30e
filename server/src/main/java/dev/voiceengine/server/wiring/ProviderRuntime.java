package dev.voiceengine.server.wiring;

import dev.voiceengine.conversation.ProviderSet;
import dev.voiceengine.conversation.provider.grpc.GrpcLanguageModel;
import dev.voiceengine.conversation.provider.grpc.GrpcSpeechToText;
import dev.voiceengine.conversation.provider.grpc.GrpcTextToSpeech;
import dev.voiceengine.conversation.provider.grpc.ProviderDeadlines;
import dev.voiceengine.control.health.ReadinessCheck;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import dev.voiceengine.providers.scripted.AgentScript;
import dev.voiceengine.providers.server.ProviderServer;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ProviderConfig;
import dev.voiceengine.server.config.ProvidersConfig;
import dev.voiceengine.server.health.ProviderReadiness;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of a running engine, all reached through gRPC: embedded ones and adapters to HTTP services are
 * served in this process over the in-process transport, remote ones ({@code grpc://host:port}) over TCP. The engine
 * talks to both through the same clients, so the embedded path is the remote path minus the network.
 */
public final class ProviderRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProviderRuntime.class);

  private final ProviderServer server;
  private final List<ManagedChannel> channels;
  private final ScheduledExecutorService scheduler;
  private final EmbeddedProviders embedded;
  private final ProviderSet set;
  private final List<ReadinessCheck> readiness;

  private ProviderRuntime(ProviderServer server, List<ManagedChannel> channels, ScheduledExecutorService scheduler,
      EmbeddedProviders embedded, ProviderSet set, List<ReadinessCheck> readiness) {
    this.server = server;
    this.channels = channels;
    this.scheduler = scheduler;
    this.embedded = embedded;
    this.set = set;
    this.readiness = readiness;
  }

  /**
   * Starts the in-process provider server (when any capability is served in process) and the clients.
   *
   * @param scripts the scripted agent's scripts by agent id
   * @param phrases every agent's expected phrases, to prepare the embedded recogniser before the first call
   */
  public static ProviderRuntime start(ProvidersConfig config, Map<String, AgentScript> scripts, List<List<String>> phrases)
      throws ConfigException {
    EmbeddedProviders embedded = new EmbeddedProviders();
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("provider-deadlines", true));
    scheduler.setRemoveOnCancelPolicy(true);
    List<ManagedChannel> channels = new ArrayList<>();
    ProviderServer server = null;
    try {
      BindableService stt = embedded.stt(config.stt(), "providers.stt", phrases);
      BindableService llm = embedded.llm(config.llm(), "providers.llm", scripts);
      BindableService tts = embedded.tts(config.tts(), "providers.tts");
      List<BindableService> local = new ArrayList<>();
      for (BindableService s : new BindableService[] {stt, llm, tts}) {
        if (s != null) {
          local.add(s);
        }
      }
      ManagedChannel inProcess = null;
      if (!local.isEmpty()) {
        String name = "voice-engine-providers-" + UUID.randomUUID();
        server = ProviderServer.inProcess(name, local);
        inProcess = InProcessChannelBuilder.forName(name).build();
        channels.add(inProcess);
      }
      ProviderDeadlines deadlines = ProviderDeadlines.DEFAULTS;
      ManagedChannel sttChannel = stt != null ? inProcess : remote(config.stt(), "providers.stt", channels);
      ManagedChannel llmChannel = llm != null ? inProcess : remote(config.llm(), "providers.llm", channels);
      ManagedChannel ttsChannel = tts != null ? inProcess : remote(config.tts(), "providers.tts", channels);
      ProviderSet set = new ProviderSet(
          new GrpcSpeechToText(sttChannel, deadlines, scheduler), config.stt().displayName(), config.stt().model(),
          new GrpcLanguageModel(llmChannel, deadlines, scheduler), config.llm().displayName(), config.llm().model(),
          new GrpcTextToSpeech(ttsChannel, deadlines, scheduler), config.tts().displayName(), config.tts().model());
      log.info("providers: stt {}, llm {}, tts {}", set.sttName(), set.llmName(), set.ttsName());
      List<ReadinessCheck> checks = List.of(
          readiness("providers.stt", stt != null, sttChannel, SpeechToTextGrpc.SERVICE_NAME),
          readiness("providers.llm", llm != null, llmChannel, LanguageModelGrpc.SERVICE_NAME),
          readiness("providers.tts", tts != null, ttsChannel, TextToSpeechGrpc.SERVICE_NAME));
      return new ProviderRuntime(server, channels, scheduler, embedded, set, checks);
    } catch (ConfigException | RuntimeException | Error e) {
      channels.forEach(ManagedChannel::shutdownNow);
      if (server != null) {
        server.close();
      }
      embedded.close();
      scheduler.shutdownNow();
      throw e;
    }
  }

  public ProviderSet providers() {
    return set;
  }

  /** Completes when the embedded providers are ready for a first call (the recogniser has its phrase grammars). */
  public CompletableFuture<Void> prepared() {
    return embedded.prepared();
  }

  /** One readiness check per capability: embedded ones are up, remote ones are asked for their health. */
  public List<ReadinessCheck> readinessChecks() {
    return readiness;
  }

  private static ReadinessCheck readiness(String name, boolean embedded, ManagedChannel channel, String service) {
    return embedded ? ProviderReadiness.embedded(name) : ProviderReadiness.remote(name, channel, service);
  }

  @Override
  public void close() {
    for (ManagedChannel c : channels) {
      c.shutdown();
    }
    for (ManagedChannel c : channels) {
      try {
        if (!c.awaitTermination(2, TimeUnit.SECONDS)) {
          c.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        c.shutdownNow();
      }
    }
    if (server != null) {
      server.close();
    }
    embedded.close();
    scheduler.shutdownNow();
  }

  private static ManagedChannel remote(ProviderConfig p, String key, List<ManagedChannel> channels)
      throws ConfigException {
    String uri = p.uri();
    if (uri == null || !uri.startsWith("grpc://")) {
      throw new ConfigException(key + ": unknown provider '" + p.displayName() + "'; expected embedded:…, "
          + "grpc://host:port or {openai: {…}}");
    }
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": not a valid grpc://host:port address: " + uri, e);
    }
    if (parsed.getHost() == null || parsed.getPort() <= 0) {
      throw new ConfigException(key + ": expected grpc://host:port, got " + uri);
    }
    ManagedChannel c = NettyChannelBuilder.forAddress(parsed.getHost(), parsed.getPort()).usePlaintext().build();
    channels.add(c);
    return c;
  }
}
