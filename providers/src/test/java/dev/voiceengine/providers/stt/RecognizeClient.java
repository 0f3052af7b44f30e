package dev.voiceengine.providers.stt;

import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import dev.voiceengine.providers.audio.Pcm16;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A test client of {@code Recognize}: sends a config, then audio in 20 ms chunks, then half-closes. */
public final class RecognizeClient {
  private RecognizeClient() {}

  /** The stream's results; throws the stream's error (a StatusRuntimeException) as is. */
  public static List<Recognition> recognize(Channel channel, RecognitionConfig config, short[] pcm, int rate) {
    CompletableFuture<List<Recognition>> done = new CompletableFuture<>();
    StreamObserver<AudioChunk> in = SpeechToTextGrpc.newStub(channel).recognize(collect(done));
    in.onNext(AudioChunk.newBuilder().setConfig(config).setSampleRate(rate).build());
    int step = rate / 50;
    for (int i = 0; i < pcm.length; i += step) {
      in.onNext(AudioChunk.newBuilder().setSampleRate(rate)
          .setPcm16(Pcm16.toBytes(pcm, i, Math.min(step, pcm.length - i))).build());
    }
    in.onCompleted();
    return await(done);
  }

  /** An observer that completes {@code done} with every result, or with the stream's error. */
  public static StreamObserver<Recognition> collect(CompletableFuture<List<Recognition>> done) {
    List<Recognition> results = new ArrayList<>();
    return new StreamObserver<>() {
      @Override
      public void onNext(Recognition r) {
        results.add(r);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(results);
      }
    };
  }

  public static <T> T await(CompletableFuture<T> done) {
    try {
      return done.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }
}
