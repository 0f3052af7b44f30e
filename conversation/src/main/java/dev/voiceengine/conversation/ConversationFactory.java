package dev.voiceengine.conversation;

import dev.voiceengine.conversation.vad.VadEngine;
import dev.voiceengine.media.CallContext;
import dev.voiceengine.media.session.CallAudio;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Starts conversations for one agent: its profile, its providers, the engine's voice activity detector and the
 * cache of its fixed phrases. {@link #warm()} synthesises the greeting, apology, goodbye and voicemail message ahead of the first call.
 */
public final class ConversationFactory {
  private final AgentProfile profile;
  private final ProviderSet providers;
  private final VadEngine vad;
  private final PhraseCache phrases;

  public ConversationFactory(AgentProfile profile, ProviderSet providers, VadEngine vad, PhraseCache phrases) {
    this.profile = profile;
    this.providers = providers;
    this.vad = vad;
    this.phrases = phrases;
  }

  public AgentProfile profile() {
    return profile;
  }

  /** Synthesises the agent's fixed phrases; completes when all are cached (exceptionally if one failed). */
  public CompletableFuture<Void> warm() {
    CompletableFuture<?>[] all = Stream.of(profile.firstMessage(), profile.failure().apology(),
            profile.failure().goodbye(), profile.voicemail().message())
        .filter(t -> !t.isBlank())
        .map(t -> phrases.get(t, profile.voice()))
        .toArray(CompletableFuture<?>[]::new);
    return CompletableFuture.allOf(all);
  }

  /**
   * The same agent opening with {@code firstMessage} instead of its own (a call placed with its own first line);
   * this factory when {@code firstMessage} is null or blank. Shares the providers and the phrase cache.
   */
  public ConversationFactory withFirstMessage(String firstMessage) {
    if (firstMessage == null || firstMessage.isBlank()) {
      return this;
    }
    AgentProfile p = profile;
    return new ConversationFactory(new AgentProfile(p.agentId(), firstMessage, p.instructions(), p.phrases(), p.turn(),
        p.failure(), p.voice(), p.language(), p.tools()), providers, vad, phrases);
  }

  /** A new conversation for a call that is being answered (started by the session, on its loop). */
  public CallAudio create(CallContext ctx) {
    return new Conversation(ctx, profile, providers, vad, phrases);
  }
}
