package dev.voiceengine.conversation;

import dev.voiceengine.conversation.provider.Cancellable;
import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.LanguageModel;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.conversation.provider.SpeechToText;
import dev.voiceengine.conversation.provider.TextToSpeech;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.Usage;
import java.util.ArrayList;
import java.util.List;

/** Providers that answer at once (synchronously), with switches to fail, and counters of what was asked. */
final class FakeProviders {
  String transcript = "book an appointment for friday";
  List<String> reply = List.of("Sure. ", "I have booked you in for Friday. ", "Anything else?");
  boolean endCall;
  ProviderException sttError;
  ProviderException llmError;
  ProviderException ttsError;
  /** TTS audio per character of text, samples (8 kHz). */
  int samplesPerChar = 80;
  final List<GenerateRequest> llmRequests = new ArrayList<>();
  final List<String> synthesized = new ArrayList<>();
  /** When set, recognition streams complete only when the test says so ({@link #completeStt}). */
  boolean sttManual;
  /** When set, a stream completes by itself with this text after a second of audio, before it is finished. */
  String sttEarly;
  final List<SpeechToText.Listener> sttListeners = new ArrayList<>();
  int sttStreams;
  int sttSamples;
  int sttCancels;
  int llmCancels;
  int ttsCancels;

  SpeechToText stt() {
    return (RecognitionConfig config, int rate, SpeechToText.Listener l) -> {
      sttStreams++;
      sttListeners.add(l);
      return new SpeechToText.Stream() {
        boolean done;
        int sent;

        @Override
        public void send(short[] pcm, int offset, int length) {
          sttSamples += length;
          sent += length;
          if (sttEarly != null && !done && sent >= 8000) {
            done = true;
            l.onRecognition(Recognition.newBuilder().setText(sttEarly).setIsFinal(true).build());
            l.onCompleted();
          }
        }

        @Override
        public void finish() {
          if (done || sttManual) {
            return;
          }
          done = true;
          if (sttError != null) {
            l.onError(sttError);
            return;
          }
          l.onRecognition(Recognition.newBuilder().setText(transcript).setIsFinal(true).setModel("fake-stt").build());
          l.onCompleted();
        }

        @Override
        public void cancel() {
          done = true;
          sttCancels++;
        }
      };
    };
  }

  /** Completes the {@code index}th recognition stream with {@code text}. */
  void completeStt(int index, String text) {
    SpeechToText.Listener l = sttListeners.get(index);
    l.onRecognition(Recognition.newBuilder().setText(text).setIsFinal(true).build());
    l.onCompleted();
  }

  LanguageModel llm() {
    return (GenerateRequest request, LanguageModel.Listener l) -> {
      llmRequests.add(request);
      if (llmError != null) {
        l.onError(llmError);
        return () -> { };
      }
      for (String delta : reply) {
        l.onText(delta);
      }
      if (endCall) {
        l.onToolCall(ToolCall.newBuilder().setId("1").setName("end_call").setArgumentsJson("{}").build());
      }
      l.onUsage(Usage.newBuilder().setInputTokens(10).setOutputTokens(7).setModel("fake-llm").build());
      l.onCompleted();
      return () -> llmCancels++;
    };
  }

  TextToSpeech tts() {
    return (SynthesisRequest request, TextToSpeech.Listener l) -> {
      synthesized.add(request.getText());
      if (ttsError != null) {
        l.onError(ttsError);
        return () -> { };
      }
      short[] pcm = new short[request.getText().length() * samplesPerChar];
      for (int i = 0; i < pcm.length; i++) {
        pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
      }
      l.onAudio(pcm);
      l.onCompleted();
      Cancellable c = () -> ttsCancels++;
      return c;
    };
  }

  ProviderSet set() {
    return new ProviderSet(stt(), "fake:stt", "", llm(), "fake:llm", "", tts(), "fake:tts", "");
  }

  static ProviderException down(Capability c) {
    return new ProviderException(c, "UNAVAILABLE", c.key() + " is down", null);
  }
}
