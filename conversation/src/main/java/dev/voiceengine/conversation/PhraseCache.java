package dev.voiceengine.conversation;

import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.conversation.provider.TextToSpeech;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Audio of the phrases an agent says on every call (its greeting, its apology, its goodbye), synthesised once and
 * kept, so that answer → first greeting packet costs no synthesis. A phrase whose synthesis failed is tried again
 * the next time it is asked for. Thread-safe.
 */
public final class PhraseCache {
  private static final int RATE = 8000;

  private final TextToSpeech tts;
  private final SynthesisRequest template;
  private final Map<String, CompletableFuture<short[]>> phrases = new ConcurrentHashMap<>();

  public PhraseCache(TextToSpeech tts) {
    this(tts, SynthesisRequest.getDefaultInstance());
  }

  /** With the agent's synthesis settings (language, model) that replies use too. */
  public PhraseCache(TextToSpeech tts, SynthesisRequest template) {
    this.tts = tts;
    this.template = template;
  }

  /** The phrase's 8 kHz audio: at once when cached, else when synthesised (failing with a ProviderException). */
  public CompletableFuture<short[]> get(String text, String voice) {
    String key = voice + "\u0000" + text;
    CompletableFuture<short[]> f = phrases.computeIfAbsent(key, k -> synthesize(text, voice));
    if (f.isCompletedExceptionally()) {
      phrases.remove(key, f);
      f = phrases.computeIfAbsent(key, k -> synthesize(text, voice));
    }
    return f;
  }

  /** Synthesises text said once (an operator's words): not cached, so the cache holds only the agents' phrases. */
  public CompletableFuture<short[]> once(String text, String voice) {
    return synthesize(text, voice);
  }

  /** Uses recorded audio for a phrase instead of synthesising it (an agent's greeting WAV; keep one cache per agent). */
  public void put(String text, String voice, short[] pcm8k) {
    phrases.put(voice + "\u0000" + text, CompletableFuture.completedFuture(pcm8k));
  }

  private CompletableFuture<short[]> synthesize(String text, String voice) {
    CompletableFuture<short[]> done = new CompletableFuture<>();
    List<short[]> chunks = new ArrayList<>();
    tts.synthesize(template.toBuilder().setText(text).setVoice(voice).setSampleRate(RATE).build(),
        new TextToSpeech.Listener() {
          @Override
          public void onAudio(short[] pcm) {
            synchronized (chunks) {
              chunks.add(pcm);
            }
          }

          @Override
          public void onCompleted() {
            synchronized (chunks) {
              int n = chunks.stream().mapToInt(c -> c.length).sum();
              short[] all = new short[n];
              int at = 0;
              for (short[] c : chunks) {
                System.arraycopy(c, 0, all, at, c.length);
                at += c.length;
              }
              done.complete(all);
            }
          }

          @Override
          public void onError(ProviderException error) {
            done.completeExceptionally(error);
          }
        });
    return done;
  }
}
