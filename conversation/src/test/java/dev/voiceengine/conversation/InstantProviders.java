package dev.voiceengine.conversation;

import dev.voiceengine.conversation.provider.LanguageModel;
import dev.voiceengine.conversation.provider.SpeechToText;
import dev.voiceengine.conversation.provider.TextToSpeech;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Providers that answer at once, on the calling thread: recognition gives a fixed transcript when the turn is
 * over, the model a fixed reply, and synthesis the audio registered for a text (a short tone for any other).
 */
final class InstantProviders {
  static final String TRANSCRIPT = "i need to change my appointment";
  static final String REPLY = "Of course.";

  private final Map<String, short[]> voices = new ConcurrentHashMap<>();

  /** Synthesis of {@code text} returns {@code pcm}. */
  InstantProviders speak(String text, short[] pcm) {
    voices.put(text, pcm);
    return this;
  }

  ProviderSet set() {
    return new ProviderSet(stt(), "instant:stt", "", llm(), "instant:llm", "", tts(), "instant:tts", "");
  }

  private static SpeechToText stt() {
    return (RecognitionConfig config, int rate, SpeechToText.Listener l) -> new SpeechToText.Stream() {
      private boolean done;

      @Override
      public void send(short[] pcm, int offset, int length) {}

      @Override
      public void finish() {
        if (!done) {
          done = true;
          l.onRecognition(Recognition.newBuilder().setText(TRANSCRIPT).setIsFinal(true).build());
          l.onCompleted();
        }
      }

      @Override
      public void cancel() {
        done = true;
      }
    };
  }

  private static LanguageModel llm() {
    return (GenerateRequest request, LanguageModel.Listener l) -> {
      l.onText(REPLY);
      l.onCompleted();
      return () -> { };
    };
  }

  private TextToSpeech tts() {
    return (SynthesisRequest request, TextToSpeech.Listener l) -> {
      short[] pcm = voices.get(request.getText());
      if (pcm == null) {
        pcm = tone(4000, 6000);
      }
      l.onAudio(pcm.clone());
      l.onCompleted();
      return () -> { };
    };
  }

  /** {@code samples} of a 440 Hz tone at {@code amplitude}: what synthesis gives for a text it does not know. */
  private static short[] tone(int samples, int amplitude) {
    short[] s = new short[samples];
    for (int i = 0; i < samples; i++) {
      s[i] = (short) (amplitude * Math.sin(2 * Math.PI * 440 * i / 8000.0));
    }
    return s;
  }
}
