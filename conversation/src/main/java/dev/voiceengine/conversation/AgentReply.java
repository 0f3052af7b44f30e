package dev.voiceengine.conversation;

import dev.voiceengine.conversation.provider.Cancellable;
import dev.voiceengine.conversation.provider.LanguageModel;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.conversation.provider.TextToSpeech;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One generated reply of the agent: the language model's text, cut into sentences, each synthesised in turn and
 * queued for playout as its audio arrives (the first sentence plays while later ones are still being written).
 * {@link #cancel()} abandons the model and synthesis streams at once (barge-in). Provider callbacks are posted to the
 * call's loop and ignored once the reply is cancelled. The call's loop only.
 */
final class AgentReply {
  /** What the conversation learns from the reply. */
  interface Events {
    void failed(AgentReply reply, ProviderException error);

    void usage(Usage usage);
  }

  private final LanguageModel llm;
  private final TextToSpeech tts;
  private final SynthesisRequest voice;
  private final AgentSpeech speech;
  private final Executor loop;
  private final LongSupplier clock;
  private final Events events;
  private final Consumer<String> ttsMeter;
  private final SentenceSplitter splitter = new SentenceSplitter();
  private final ArrayDeque<String> sentences = new ArrayDeque<>();
  private final List<ToolCall> toolCalls = new ArrayList<>();

  private Cancellable generation;
  private Cancellable synthesis;
  private Object synthesisToken;
  private AgentSpeech.Sentence synthesising;
  private boolean llmDone;
  private boolean cancelled;
  private boolean failed;
  long requestNanos = -1;
  long firstTokenNanos = -1;
  long firstTtsRequestNanos = -1;
  long firstAudioNanos = -1;

  AgentReply(LanguageModel llm, TextToSpeech tts, SynthesisRequest voice, AgentSpeech speech, Executor loop,
      LongSupplier clock, Events events, Consumer<String> ttsMeter) {
    this.llm = llm;
    this.tts = tts;
    this.voice = voice;
    this.speech = speech;
    this.loop = loop;
    this.clock = clock;
    this.events = events;
    this.ttsMeter = ttsMeter;
  }

  void start(GenerateRequest request) {
    requestNanos = clock.getAsLong();
    generation = llm.generate(request, new LanguageModel.Listener() {
      @Override
      public void onText(String delta) {
        post(() -> text(delta));
      }

      @Override
      public void onToolCall(ToolCall call) {
        post(() -> toolCalls.add(call));
      }

      @Override
      public void onUsage(Usage usage) {
        loop.execute(() -> events.usage(usage)); // spent even when the reply was abandoned
      }

      @Override
      public void onCompleted() {
        post(() -> {
          llmDone = true;
          sentences.addAll(splitter.flush());
          pump();
        });
      }

      @Override
      public void onError(ProviderException error) {
        post(() -> fail(error));
      }
    });
  }

  /** Whether all text was written and synthesised (what is queued may still be playing). */
  boolean produced() {
    return cancelled || failed || (llmDone && sentences.isEmpty() && synthesis == null);
  }

  boolean wantsEndCall() {
    return toolCalls.stream().anyMatch(c -> c.getName().equals("end_call"));
  }

  List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /** Abandons the model and synthesis streams; nothing more is queued. Idempotent. */
  void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    abandonStreams();
  }

  private void abandonStreams() {
    if (synthesising != null) {
      synthesising.complete(); // what it has plays; playout does not wait for audio that will never come
      synthesising = null;
    }
    if (generation != null) {
      generation.cancel();
    }
    if (synthesis != null) {
      synthesis.cancel();
      synthesis = null;
    }
    synthesisToken = null;
    sentences.clear();
  }

  private void text(String delta) {
    if (firstTokenNanos < 0) {
      firstTokenNanos = clock.getAsLong();
    }
    sentences.addAll(splitter.add(delta));
    pump();
  }

  private void pump() {
    if (cancelled || failed || synthesis != null || sentences.isEmpty()) {
      return;
    }
    String text = sentences.poll();
    AgentSpeech.Sentence sentence = speech.add(text);
    synthesising = sentence;
    if (firstTtsRequestNanos < 0) {
      firstTtsRequestNanos = clock.getAsLong();
    }
    ttsMeter.accept(text);
    Object self = new Object();
    synthesisToken = self;
    synthesis = () -> { };
    Cancellable call = tts.synthesize(voice.toBuilder().setText(text).build(), new TextToSpeech.Listener() {
      @Override
      public void onAudio(short[] pcm) {
        post(() -> {
          if (synthesisToken == self) {
            if (firstAudioNanos < 0) {
              firstAudioNanos = clock.getAsLong();
            }
            sentence.append(pcm);
          }
        });
      }

      @Override
      public void onCompleted() {
        post(() -> {
          if (synthesisToken == self) {
            sentence.complete();
            synthesis = null;
            synthesisToken = null;
            pump();
          }
        });
      }

      @Override
      public void onError(ProviderException error) {
        post(() -> {
          if (synthesisToken == self) {
            sentence.complete();
            synthesis = null;
            synthesisToken = null;
            fail(error);
          }
        });
      }
    });
    if (synthesisToken == self && synthesis != null) {
      synthesis = call;
    } else {
      call.cancel();
    }
  }

  private void fail(ProviderException error) {
    if (cancelled || failed) {
      return;
    }
    failed = true;
    abandonStreams();
    events.failed(this, error);
  }

  private void post(Runnable task) {
    loop.execute(() -> {
      if (!cancelled) {
        task.run();
      }
    });
  }
}
