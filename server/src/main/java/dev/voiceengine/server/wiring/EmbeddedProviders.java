package dev.voiceengine.server.wiring;

import dev.voiceengine.providers.freetts.FreeTtsTextToSpeech;
import dev.voiceengine.providers.openai.OpenAiChatModel;
import dev.voiceengine.providers.openai.OpenAiSettings;
import dev.voiceengine.providers.openai.OpenAiSpeech;
import dev.voiceengine.providers.openai.OpenAiTranscription;
import dev.voiceengine.providers.scripted.AgentScript;
import dev.voiceengine.providers.scripted.ScriptedLanguageModel;
import dev.voiceengine.providers.sphinx.SphinxSpeechToText;
import dev.voiceengine.providers.vosk.VoskSpeechToText;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ProviderConfig;
import dev.voiceengine.server.config.ProvidersConfig;
import io.grpc.BindableService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the providers that run inside the engine from configuration: the offline ones (Sphinx4, Vosk, FreeTTS, the
 * scripted agent) and the adapters to OpenAI-compatible services. Returns null for a capability served elsewhere
 * ({@code grpc://}). Keeps what it made, to close it.
 */
public final class EmbeddedProviders implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedProviders.class);

  private final List<AutoCloseable> owned = new ArrayList<>();
  private Thread preparing;
  private CompletableFuture<Void> prepared = CompletableFuture.completedFuture(null);

  public BindableService stt(ProviderConfig p, String key, List<List<String>> phrases) throws ConfigException {
    if (p.openai() != null) {
      return new OpenAiTranscription(settings(p, key));
    }
    if (p.vosk() != null) {
      try {
        VoskSpeechToText vosk = new VoskSpeechToText(Path.of(p.vosk().modelPath()));
        owned.add(vosk);
        return vosk;
      } catch (RuntimeException | LinkageError e) {
        throw new ConfigException(key + ".vosk.model_path: " + e.getMessage(), e);
      }
    }
    if (ProvidersConfig.SPHINX4.equals(p.uri())) {
      SphinxSpeechToText sphinx = new SphinxSpeechToText();
      owned.add(sphinx);
      CompletableFuture<Void> done = new CompletableFuture<>();
      Thread warm = new Thread(() -> {
        try {
          long start = System.nanoTime();
          for (List<String> set : phrases) {
            if (Thread.currentThread().isInterrupted()) {
              return;
            }
            sphinx.prepare(set);
          }
          log.info("speech recogniser ready for {} phrase sets in {} ms", phrases.size(),
              (System.nanoTime() - start) / 1_000_000);
        } finally {
          done.complete(null);
        }
      }, "sphinx-prepare");
      warm.setDaemon(true);
      warm.start();
      preparing = warm;
      prepared = done;
      return sphinx;
    }
    return other(p, key);
  }

  public BindableService llm(ProviderConfig p, String key, Map<String, AgentScript> scripts) throws ConfigException {
    if (p.openai() != null) {
      return new OpenAiChatModel(settings(p, key));
    }
    if (ProvidersConfig.SCRIPTED.equals(p.uri())) {
      return new ScriptedLanguageModel(scripts);
    }
    return other(p, key);
  }

  public BindableService tts(ProviderConfig p, String key) throws ConfigException {
    if (p.openai() != null) {
      return new OpenAiSpeech(settings(p, key));
    }
    if (ProvidersConfig.FREETTS.equals(p.uri())) {
      FreeTtsTextToSpeech freetts;
      try {
        freetts = new FreeTtsTextToSpeech();
      } catch (RuntimeException | LinkageError e) {
        throw new ConfigException(key + ": cannot start the embedded voice: " + e, e);
      }
      owned.add(freetts);
      return freetts;
    }
    return other(p, key);
  }

  /** Completes when the embedded recogniser has prepared every agent's phrases (at once if there is none). */
  public CompletableFuture<Void> prepared() {
    return prepared;
  }

  @Override
  public void close() {
    if (preparing != null) {
      preparing.interrupt();
      try {
        preparing.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {} failed", c.getClass().getSimpleName(), e);
      }
    }
    owned.clear();
  }

  private static BindableService other(ProviderConfig p, String key) throws ConfigException {
    String uri = p.uri();
    if (uri != null && uri.startsWith("grpc://")) {
      return null;
    }
    throw new ConfigException(key + ": unknown provider '" + p.displayName() + "'; expected one of "
        + "embedded:sphinx4, embedded:scripted, embedded:freetts (each for its capability), grpc://host:port, "
        + "{openai: {base_url: …}} or, for stt, {vosk: {model_path: …}}");
  }

  private static OpenAiSettings settings(ProviderConfig p, String key) throws ConfigException {
    ProviderConfig.OpenAiConfig o = p.openai();
    try {
      String model = !p.model().isEmpty() ? p.model() : o.model();
      return new OpenAiSettings(o.baseUrl(), o.apiKey(), model, o.voice(), Duration.ofMillis(o.timeoutMs()),
          OpenAiSettings.DEFAULT_CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw new ConfigException(key + ".openai: " + e.getMessage(), e);
    }
  }
}
