package dev.voiceengine.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where one capability (STT, LLM or TTS) comes from. In YAML either a string — {@code embedded:sphinx4},
 * {@code embedded:freetts}, {@code embedded:scripted}, {@code grpc://host:port} — or an object:
 * {@code {openai: {base_url: …, api_key: …, model: …}}} or {@code {vosk: {model_path: …}}}, each with an optional
 * {@code model}.
 *
 * @param uri    the string form (null for the object forms)
 * @param openai an OpenAI-compatible service
 * @param vosk   the Vosk recogniser with a model folder
 * @param model  the model to ask for (empty: the provider's default)
 */
public record ProviderConfig(String uri, OpenAiConfig openai, VoskConfig vosk, String model) {
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public ProviderConfig(@JsonProperty("uri") String uri, @JsonProperty("openai") OpenAiConfig openai,
      @JsonProperty("vosk") VoskConfig vosk, @JsonProperty("model") String model) {
    this.uri = uri;
    this.openai = openai;
    this.vosk = vosk;
    this.model = model == null ? "" : model;
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ProviderConfig of(String uri) {
    return new ProviderConfig(uri, null, null, null);
  }

  /** How the provider is named on call records: the URI, "openai:<base url>" or "embedded:vosk". */
  public String displayName() {
    if (openai != null) {
      return "openai:" + openai.baseUrl();
    }
    if (vosk != null) {
      return "embedded:vosk";
    }
    return uri == null ? "" : uri;
  }

  /** An OpenAI-compatible service (OpenAI, Ollama, vLLM, llama.cpp server…). */
  public record OpenAiConfig(String baseUrl, String apiKey, String model, String voice, Integer timeoutMs) {
    public OpenAiConfig {
      apiKey = apiKey == null ? "" : apiKey;
      model = model == null ? "" : model;
      voice = voice == null ? "" : voice;
      timeoutMs = timeoutMs == null ? 30_000 : timeoutMs;
    }
  }

  /** The Vosk recogniser, with a model folder the user supplies. */
  public record VoskConfig(String modelPath) {}
}
