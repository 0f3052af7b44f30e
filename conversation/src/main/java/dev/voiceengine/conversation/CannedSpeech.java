package dev.voiceengine.conversation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's fixed phrases (greeting, apology, goodbye) as part of its turn: played from this very frame when
 * cached, else as soon as synthesised, unless the turn was given up meanwhile ({@link #cancel}). The call's loop
 * only.
 */
final class CannedSpeech {
  private static final Logger log = LoggerFactory.getLogger(CannedSpeech.class);

  private final String callId;
  private final PhraseCache phrases;
  private final String voice;
  private final AgentSpeech speech;
  private final Executor loop;
  private int pending;
  private int generation;

  CannedSpeech(String callId, PhraseCache phrases, String voice, AgentSpeech speech, Executor loop) {
    this.callId = callId;
    this.phrases = phrases;
    this.voice = voice;
    this.speech = speech;
    this.loop = loop;
  }

  void say(String text) {
    say(text, phrases.get(text, voice));
  }

  /** Says words given once (not kept in the phrase cache). */
  void sayOnce(String text) {
    say(text, phrases.once(text, voice));
  }

  private void say(String text, CompletableFuture<short[]> audio) {
    if (audio.isDone() && !audio.isCompletedExceptionally()) {
      speech.addComplete(text, audio.join()); // cached: plays from this very tick
      return;
    }
    pending++;
    int asked = generation;
    audio.whenComplete((pcm, error) -> loop.execute(() -> {
      if (asked != generation) {
        return;
      }
      pending--;
      if (pcm != null) {
        speech.addComplete(text, pcm);
      } else {
        log.warn("call {}: cannot say \"{}\": {}", callId, text, String.valueOf(error));
      }
    }));
  }

  /** Whether a phrase of this turn is still being synthesised. */
  boolean pending() {
    return pending > 0;
  }

  /** Gives up the phrases still being synthesised (the turn ended, or the call). */
  void cancel() {
    pending = 0;
    generation++;
  }
}
