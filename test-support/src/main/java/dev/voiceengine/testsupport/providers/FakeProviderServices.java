package dev.voiceengine.testsupport.providers;

import com.google.protobuf.ByteString;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import dev.voiceengine.proto.provider.v1.Usage;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;

/**
 * Speech-to-text, language model and text-to-speech services that answer at once, so that what the engine adds to
 * a turn is all that is measured. Recognition gives a fixed final transcript when the engine half-closes; the model
 * replies with one sentence; synthesis returns one second of tone in one chunk.
 */
public final class FakeProviderServices {
  public static final String TRANSCRIPT = "i would like to book an appointment for friday";
  public static final String REPLY = "Sure, Friday it is.";
  private static final int RATE = 8000;

  private FakeProviderServices() {}

  /** The three services, to serve on any transport (the load harness serves them over TCP). */
  public static List<BindableService> services() {
    return List.of(new Stt(), new Llm(), new Tts());
  }

  /** The three services on the in-process transport. */
  public static InProcessProvider start() throws IOException {
    return InProcessProvider.start(services());
  }

  private static final class Stt extends SpeechToTextGrpc.SpeechToTextImplBase {
    @Override
    public StreamObserver<AudioChunk> recognize(StreamObserver<Recognition> out) {
      return new StreamObserver<>() {
        @Override
        public void onNext(AudioChunk chunk) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          out.onNext(Recognition.newBuilder().setText(TRANSCRIPT).setIsFinal(true).setModel("fake-stt").build());
          out.onCompleted();
        }
      };
    }
  }

  private static final class Llm extends LanguageModelGrpc.LanguageModelImplBase {
    @Override
    public void generate(GenerateRequest request, StreamObserver<GenerateEvent> out) {
      out.onNext(GenerateEvent.newBuilder().setTextDelta(REPLY).build());
      out.onNext(GenerateEvent.newBuilder().setUsage(Usage.newBuilder().setInputTokens(20).setOutputTokens(5)
          .setModel("fake-llm")).build());
      out.onCompleted();
    }
  }

  private static final class Tts extends TextToSpeechGrpc.TextToSpeechImplBase {
    private static final ByteString SECOND_OF_TONE = tone(RATE);

    @Override
    public void synthesize(SynthesisRequest request, StreamObserver<AudioChunk> out) {
      out.onNext(AudioChunk.newBuilder().setPcm16(SECOND_OF_TONE).setSampleRate(RATE).build());
      out.onCompleted();
    }

    private static ByteString tone(int samples) {
      byte[] pcm = new byte[samples * 2];
      for (int i = 0; i < samples; i++) {
        short s = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / RATE));
        pcm[2 * i] = (byte) s;
        pcm[2 * i + 1] = (byte) (s >> 8);
      }
      return ByteString.copyFrom(pcm);
    }
  }
}
