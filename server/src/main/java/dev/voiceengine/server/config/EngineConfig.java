package dev.voiceengine.server.config;

import java.util.List;

/**
 * The whole configuration, one YAML file. Every key has a safe default, so the engine runs with none: SIP and HTTP on
 * loopback, calls accepted only from 127.0.0.0/8, one demo agent that plays the shipped greeting.
 *
 * <p>Keys are snake_case in YAML. Unknown keys are errors (a typo must not silently fall back to a default).
 */
public record EngineConfig(
    String bind,
    SipConfig sip,
    RtpConfig rtp,
    HttpConfig http,
    String dataDir,
    StorageConfig storage,
    ApiConfig api,
    RecordingConfig recording,
    String vad,
    ProvidersConfig providers,
    List<TrunkConfig> trunks,
    List<AgentConfig> agents,
    List<WebhookConfig> webhooks,
    AnalysisConfig analysis) {

  public static final String DEFAULT_AGENT = "demo";

  public EngineConfig {
    bind = bind == null ? "127.0.0.1" : bind;
    sip = sip == null ? new SipConfig(null, null, null, null, null) : sip;
    rtp = rtp == null ? new RtpConfig(null, null, null, null) : rtp;
    http = http == null ? new HttpConfig(null) : http;
    dataDir = dataDir == null ? "./data" : dataDir;
    storage = storage == null ? new StorageConfig(null) : storage;
    api = api == null ? new ApiConfig(null) : api;
    recording = recording == null ? new RecordingConfig(null) : recording;
    vad = vad == null ? "silero" : vad;
    providers = providers == null ? new ProvidersConfig(null, null, null) : providers;
    trunks = trunks == null ? List.of(TrunkConfig.loopback()) : List.copyOf(trunks);
    agents = agents == null ? List.of(AgentConfig.demo()) : List.copyOf(agents);
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    analysis = analysis == null ? new AnalysisConfig(null, null) : analysis;
  }

  /** Without webhooks, with the default analysis. */
  public EngineConfig(String bind, SipConfig sip, RtpConfig rtp, HttpConfig http, String dataDir,
      StorageConfig storage, ApiConfig api, RecordingConfig recording, String vad, ProvidersConfig providers,
      List<TrunkConfig> trunks, List<AgentConfig> agents) {
    this(bind, sip, rtp, http, dataDir, storage, api, recording, vad, providers, trunks, agents, null, null);
  }

  /** The configuration used when no file is given. */
  public static EngineConfig defaults() {
    return new EngineConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public EngineConfig withBind(String value) {
    return new EngineConfig(value, sip, rtp, http, dataDir, storage, api, recording, vad, providers, trunks, agents,
        webhooks, analysis);
  }

  public EngineConfig withSip(SipConfig value) {
    return new EngineConfig(bind, value, rtp, http, dataDir, storage, api, recording, vad, providers, trunks, agents,
        webhooks, analysis);
  }

  public EngineConfig withRtp(RtpConfig value) {
    return new EngineConfig(bind, sip, value, http, dataDir, storage, api, recording, vad, providers, trunks, agents,
        webhooks, analysis);
  }

  public EngineConfig withHttp(HttpConfig value) {
    return new EngineConfig(bind, sip, rtp, value, dataDir, storage, api, recording, vad, providers, trunks, agents,
        webhooks, analysis);
  }

  public EngineConfig withDataDir(String value) {
    return new EngineConfig(bind, sip, rtp, http, value, storage, api, recording, vad, providers, trunks, agents,
        webhooks, analysis);
  }
}
