package dev.voiceengine.server;

import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.analysis.AnalysisSettings;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.webhooks.WebhookSettings;
import dev.voiceengine.control.files.OwnerOnlyFiles;
import dev.voiceengine.control.health.Readiness;
import dev.voiceengine.conversation.vad.VadEngine;
import dev.voiceengine.conversation.vad.VadEngines;
import dev.voiceengine.media.MediaEngine;
import dev.voiceengine.media.MediaSettings;
import dev.voiceengine.providers.scripted.AgentScript;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ConfigValidator;
import dev.voiceengine.server.config.EngineConfig;
import dev.voiceengine.server.config.WebhookConfig;
import dev.voiceengine.server.config.PortRange;
import dev.voiceengine.server.config.TrunkConfig;
import dev.voiceengine.server.health.EngineLifecycle;
import dev.voiceengine.server.health.MediaReadiness;
import dev.voiceengine.server.health.SipReadiness;
import dev.voiceengine.server.metrics.EngineMetrics;
import dev.voiceengine.server.wiring.AgentAnalyses;
import dev.voiceengine.server.wiring.AgentDirectory;
import dev.voiceengine.server.wiring.AgentScripts;
import dev.voiceengine.server.wiring.CallBridge;
import dev.voiceengine.server.wiring.EngineCommands;
import dev.voiceengine.server.wiring.ProviderAnalysisModel;
import dev.voiceengine.server.wiring.SignalledCalls;
import io.netty.util.concurrent.DefaultThreadFactory;
import dev.voiceengine.server.wiring.ProviderRuntime;
import dev.voiceengine.sip.SipSettings;
import dev.voiceengine.sip.TrunkSettings;
import dev.voiceengine.sip.jain.SipServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running engine: the control plane (store + API), the media engine and the SIP server, wired so that SIP drives
 * media and media's events reach the store, each part registered as a readiness check for {@code /healthz}. Started
 * in dependency order, stopped in reverse so live calls are ended and recorded before the store closes.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);
  static final String USER_AGENT = "voice-engine/0.1";
  /** Longest wait for the agents' phrases and the recogniser before calls are taken anyway. */
  static final Duration WARM_TIMEOUT = Duration.ofSeconds(60);

  private final ControlPlane control;
  private final ProviderRuntime providers;
  private final VadEngine vad;
  private final MediaEngine media;
  private final SipServer sip;
  private final CallBridge bridge;
  private final EngineMetrics metrics;
  private final Ready ready;
  private final EngineLifecycle lifecycle;
  private final EngineCommands commands;
  private final ExecutorService dialer;

  /** What scripts need to find a started engine; printed as the JSON ready line. */
  public record Ready(int sipPort, int httpPort, Path dataDir, Path apiKeyFile) {}

  private Engine(ControlPlane control, ProviderRuntime providers, VadEngine vad, MediaEngine media, SipServer sip,
      CallBridge bridge, EngineMetrics metrics, Ready ready, EngineLifecycle lifecycle, EngineCommands commands,
      ExecutorService dialer) {
    this.commands = commands;
    this.dialer = dialer;
    this.metrics = metrics;
    this.control = control;
    this.providers = providers;
    this.vad = vad;
    this.media = media;
    this.sip = sip;
    this.bridge = bridge;
    this.ready = ready;
    this.lifecycle = lifecycle;
  }

  /**
   * Validates the configuration and starts everything.
   *
   * @param source  the config file's name for error messages, or "(defaults)"
   * @param baseDir where relative paths in the configuration are resolved
   */
  public static Engine start(EngineConfig config, String source, Path baseDir) throws Exception {
    ConfigValidator validator = new ConfigValidator(source, baseDir);
    validator.validate(config);
    Map<String, AgentScript> scripts = AgentScripts.read(config.agents());
    Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    try {
      OwnerOnlyFiles.folder(dataDir);
    } catch (IOException e) {
      throw new ConfigException(source + ": data_dir: cannot create " + dataDir + ": " + e.getMessage(), e);
    }
    EngineMetrics metrics = new EngineMetrics();
    ControlPlane control;
    ProviderAnalysisModel analysisModel = new ProviderAnalysisModel();
    AnalysisSettings analysis = AgentAnalyses.settings(config, analysisModel);
    try {
      control = ControlPlane.start(new ControlSettings(dataDir, config.storage().url(), config.bind(),
          config.http().port(), config.api().keys().stream().filter(k -> !k.isBlank()).toList(), metrics::scrape,
          config.http().corsOrigins()).withRateLimit(config.api().rateLimitPerSecond(),
          config.api().rateLimitBurst()), WebhookSettings.of(config.webhooks().stream()
          .map(WebhookConfig::toEndpoint).toList()), analysis);
    } catch (Exception | Error e) {
      metrics.close();
      throw e;
    }
    MediaEngine media = null;
    SipServer sip = null;
    VadEngine vad = null;
    ProviderRuntime providers = null;
    ExecutorService dialer = null;
    EngineLifecycle lifecycle = new EngineLifecycle();
    Readiness readiness = control.readiness();
    readiness.register(lifecycle);
    try {
      vad = vadEngine(config.vad());
      providers = ProviderRuntime.start(config.providers(), scripts,
          scripts.values().stream().map(AgentScript::phrases).distinct().toList());
      providers.readinessChecks().forEach(readiness::register);
      analysisModel.attach(providers.providers().llm());
      AgentDirectory agents = new AgentDirectory(config.agents(), scripts, validator, providers.providers(), vad);
      CompletableFuture<Void> warm = CompletableFuture.allOf(agents.warm(), providers.prepared());
      PortRange rtp = PortRange.parse(config.rtp().ports());
      media = new MediaEngine(new MediaSettings(config.bind(), rtp.first(), rtp.last(),
          Duration.ofSeconds(config.rtp().noMediaTimeoutS()), dataDir, config.recording().enabled(),
          Duration.ofMillis(config.rtp().jitterMs()), 0), control::accept);
      readiness.register(new MediaReadiness(media));
      CallBridge bridge = new CallBridge(media, agents, control::accept, advertiseAddress(config));
      sip = new SipServer(sipSettings(config), bridge);
      readiness.register(new SipReadiness(sip));
      bridge.attach(sip);
      dialer = Executors.newFixedThreadPool(2, new DefaultThreadFactory("dialer", true));
      EngineCommands commands = new EngineCommands(config.trunks(), config.agents(), new SignalledCalls(media, agents,
          control::accept, advertiseAddress(config), sip, dialer), System::nanoTime);
      metrics.bindCalls(bridge::activeCalls);
      metrics.bindMedia(media);
      metrics.bindVad(vad);
      awaitWarm(warm);
      sip.start();
      control.attachCommands(commands); // dials start once SIP is up
      Ready ready = new Ready(sip.port(), control.httpPort(), dataDir, control.generatedKeyFile());
      lifecycle.running();
      log.info("engine ready: SIP {} {}:{}, HTTP {}:{}, RTP {}, data {}", config.sip().transports(), config.bind(),
          sip.port(), config.bind(), control.httpPort(), config.rtp().ports(), dataDir);
      if (ready.apiKeyFile() != null) {
        log.info("generated an API key; it is in {} (only its hash is stored)", ready.apiKeyFile());
      }
      return new Engine(control, providers, vad, media, sip, bridge, metrics, ready, lifecycle, commands, dialer);
    } catch (Exception | Error e) {
      if (dialer != null) {
        dialer.shutdownNow();
      }
      if (sip != null) {
        sip.close();
      }
      if (media != null) {
        media.close();
      }
      if (providers != null) {
        providers.close();
      }
      if (vad != null) {
        vad.close();
      }
      control.close();
      metrics.close();
      throw e;
    }
  }

  public Ready ready() {
    return ready;
  }

  /** Calls currently up or ringing. */
  public int activeCalls() {
    return bridge.activeCalls();
  }

  /** Places, ends and steers calls: what the control plane's API and dial queue call. */
  public EngineCommands commands() {
    return commands;
  }

  /** Waits until every call event so far is in the store (tests, and before reporting shutdown). */
  public void flushEvents() throws InterruptedException {
    control.flush();
  }

  /** Ends live calls (BYE, recordings closed, records written), then stops. */
  @Override
  public void close() {
    lifecycle.stopping();
    commands.stop();
    dialer.shutdownNow();
    log.info("engine stopping: {} live calls", bridge.activeCalls());
    sip.close();
    media.close();
    providers.close();
    vad.close();
    control.close();
    metrics.close();
    log.info("engine stopped");
  }

  /**
   * Waits, up to {@link #WARM_TIMEOUT}, until every agent's phrases are synthesised and the recogniser is prepared:
   * the engine says it is ready only when a first call is answered as promptly as later ones.
   */
  private static void awaitWarm(CompletableFuture<Void> warm) throws InterruptedException {
    try {
      warm.get(WARM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("agents not warmed within {} s; taking calls anyway (the first ones may start late)",
          WARM_TIMEOUT.toSeconds());
    } catch (ExecutionException e) {
      log.warn("warming the agents failed; taking calls anyway", e.getCause());
    }
  }

  private static VadEngine vadEngine(String name) throws ConfigException {
    if (!VadEngines.NAMES.contains(name)) {
      throw new ConfigException("vad: unknown detector '" + name + "'; expected one of " + VadEngines.NAMES);
    }
    return VadEngines.create(name);
  }

  private static SipSettings sipSettings(EngineConfig c) {
    List<TrunkSettings> trunks = c.trunks().stream()
        .map((TrunkConfig t) -> new TrunkSettings(t.id(), t.inbound().allow(), t.inbound().numbers()))
        .toList();
    return new SipSettings(c.bind(), c.sip().port(), c.sip().transports(), c.sip().maxCalls(),
        Duration.ofSeconds(c.sip().retryAfterS()), Duration.ofMillis(c.sip().answerDelayMs()), trunks, USER_AGENT);
  }

  private static String advertiseAddress(EngineConfig c) throws IOException {
    if (c.rtp().advertiseAddress() != null) {
      return c.rtp().advertiseAddress();
    }
    InetAddress bind = InetAddress.getByName(c.bind());
    if (!bind.isAnyLocalAddress()) {
      return c.bind();
    }
    String local = InetAddress.getLocalHost().getHostAddress();
    log.warn("bind is {} and rtp.advertise_address is not set: advertising {} in SDP", c.bind(), local);
    return local;
  }
}
