package dev.voiceengine.server.wiring;

import dev.voiceengine.conversation.AgentProfile;
import dev.voiceengine.conversation.ConversationFactory;
import dev.voiceengine.conversation.amd.AmdSettings;
import dev.voiceengine.conversation.amd.VoicemailSettings;
import dev.voiceengine.conversation.FailurePolicy;
import dev.voiceengine.conversation.PhraseCache;
import dev.voiceengine.conversation.ProviderSet;
import dev.voiceengine.conversation.turn.TurnSettings;
import dev.voiceengine.conversation.vad.VadEngine;
import dev.voiceengine.media.CallContext;
import dev.voiceengine.media.WavFiles;
import dev.voiceengine.media.session.AgentPlayout;
import dev.voiceengine.media.session.CallAudio;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.providers.scripted.AgentScript;
import dev.voiceengine.server.config.AgentConfig;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ConfigValidator;
import dev.voiceengine.server.config.FailureConfig;
import dev.voiceengine.server.config.VoicemailConfig;
import dev.voiceengine.server.config.TurnConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured agents, each ready to hold conversations: its profile (first message, phrases, turn-taking, failure
 * policy, voice) and the engine's providers and voice activity detector. Built once at start, so a bad setting fails
 * the start, not a call.
 */
public final class AgentDirectory {
  private static final Logger log = LoggerFactory.getLogger(AgentDirectory.class);

  private final Map<String, ConversationFactory> agents = new HashMap<>();

  public AgentDirectory(List<AgentConfig> configs, Map<String, AgentScript> scripts, ConfigValidator paths,
      ProviderSet providers, VadEngine vad) throws ConfigException {
    for (int i = 0; i < configs.size(); i++) {
      AgentConfig agent = configs.get(i);
      AgentScript script = scripts.get(agent.id());
      String key = "agents[" + i + "]";
      AgentProfile profile;
      try {
        String first = agent.firstMessage() != null ? agent.firstMessage()
            : script != null ? script.firstMessage() : "";
        if (first.isBlank() && agent.greeting() != null) {
          first = "(recorded greeting)";
        }
        profile = new AgentProfile(agent.id(), first, agent.instructions(),
            script == null ? List.of() : script.phrases(), turn(agent.turn()), failure(agent.onProviderError()),
            agent.voice(), agent.language(), AgentProfile.standardTools(), voicemail(agent.voicemail()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + ": " + e.getMessage(), e);
      }
      PhraseCache phrases = new PhraseCache(providers.tts(), SynthesisRequest.newBuilder()
          .setLanguage(profile.language()).setModel(providers.ttsModel()).build());
      if (agent.greeting() != null) {
        Path file = paths.resolve(agent.greeting());
        try {
          phrases.put(profile.firstMessage(), profile.voice(), WavFiles.readMono8k(file));
        } catch (IOException e) {
          throw new ConfigException(key + ".greeting: " + e.getMessage(), e);
        }
      }
      agents.put(agent.id(), new ConversationFactory(profile, providers, vad, phrases));
    }
  }

  /** What answers a call routed to {@code agentId}: its conversation (silence for an unknown agent). */
  public Function<CallContext, CallAudio> audio(String agentId) {
    ConversationFactory factory = agents.get(agentId);
    return factory == null ? ctx -> new AgentPlayout() : factory::create;
  }

  /**
   * What answers a call placed with {@code agentId}: its conversation opening with {@code firstMessage} when given
   * (else the agent's own), and with {@code context} beside the call's details for the language model.
   */
  public Function<CallContext, CallAudio> audio(String agentId, String firstMessage, Map<String, String> context) {
    ConversationFactory factory = agents.get(agentId);
    if (factory == null) {
      return ctx -> new AgentPlayout();
    }
    ConversationFactory f = factory.withFirstMessage(firstMessage);
    return context == null || context.isEmpty() ? f::create : ctx -> f.create(new ContextWithValues(ctx, context));
  }

  /**
   * Synthesises every agent's fixed phrases (greeting, apology, goodbye) in the background, so that the first call's
   * greeting plays at once. Completes when all are cached or have failed (a failure is logged, and the phrase is
   * synthesised again when a call needs it).
   */
  public CompletableFuture<Void> warm() {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (ConversationFactory f : agents.values()) {
      long start = System.nanoTime();
      all.add(f.warm().handle((v, e) -> {
        if (e != null) {
          log.warn("agent {}: could not synthesise its greeting ahead of calls: {}", f.profile().agentId(),
              e.getMessage());
        } else {
          log.info("agent {}: greeting ready in {} ms", f.profile().agentId(), (System.nanoTime() - start) / 1_000_000);
        }
        return null;
      }));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture<?>[]::new));
  }

  private static TurnSettings turn(TurnConfig t) {
    return t == null ? TurnSettings.DEFAULTS
        : TurnSettings.DEFAULTS.with(t.endpointSilenceMs(), t.minInterruptionMs(), t.minInterruptionWords(),
            t.interruptible());
  }

  private static FailurePolicy failure(FailureConfig f) {
    if (f == null) {
      return FailurePolicy.DEFAULTS;
    }
    FailurePolicy d = FailurePolicy.DEFAULTS;
    String action = f.action() == null ? "apologize" : f.action();
    if (!action.equals("apologize") && !action.equals("hang_up")) {
      throw new IllegalArgumentException("on_provider_error.action must be apologize or hang_up, got " + action);
    }
    return new FailurePolicy(action.equals("hang_up"), f.apology() == null ? d.apology() : f.apology(),
        f.goodbye() == null ? d.goodbye() : f.goodbye(),
        f.maxConsecutiveFailures() == null ? d.maxConsecutiveFailures() : f.maxConsecutiveFailures());
  }

  private static VoicemailSettings voicemail(VoicemailConfig v) {
    if (v == null || !Boolean.TRUE.equals(v.detect())) {
      return VoicemailSettings.OFF;
    }
    String action = v.action() == null ? "hang_up" : v.action();
    if (!action.equals("leave_message") && !action.equals("hang_up")) {
      throw new IllegalArgumentException("voicemail.action must be leave_message or hang_up, got " + action);
    }
    if (action.equals("leave_message") && (v.message() == null || v.message().isBlank())) {
      throw new IllegalArgumentException("voicemail.message is required when voicemail.action is leave_message");
    }
    double wait = v.maxWaitForBeepSeconds() == null ? VoicemailSettings.DEFAULT_MAX_WAIT_FOR_BEEP_MS / 1000.0
        : v.maxWaitForBeepSeconds();
    double timeout = v.timeoutSeconds() == null ? AmdSettings.DEFAULTS.timeoutMs() / 1000.0 : v.timeoutSeconds();
    if (!(wait > 0 && wait <= 120)) {
      throw new IllegalArgumentException("voicemail.max_wait_for_beep_seconds must be in (0, 120], got " + wait);
    }
    if (!(timeout >= 1 && timeout <= 30)) {
      throw new IllegalArgumentException("voicemail.timeout_seconds must be in [1, 30], got " + timeout);
    }
    return new VoicemailSettings(true, action.equals("hang_up") ? VoicemailSettings.Action.HANG_UP
        : VoicemailSettings.Action.LEAVE_MESSAGE, v.message(), (int) Math.round(wait * 1000),
        AmdSettings.DEFAULTS.withTimeout((int) Math.round(timeout * 1000)));
  }
}
