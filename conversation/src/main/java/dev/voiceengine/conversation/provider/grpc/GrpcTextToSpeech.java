package dev.voiceengine.conversation.provider.grpc;

import com.google.protobuf.ByteString;
import dev.voiceengine.conversation.provider.Cancellable;
import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.conversation.provider.TextToSpeech;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link TextToSpeech} over the {@code voice.provider.v1.TextToSpeech/Synthesize} contract: each chunk's
 * little-endian {@code pcm16} becomes one {@code short[]}. Audio that starts late or a synthesis that runs long ends
 * with {@code DEADLINE_EXCEEDED}; a chunk with an odd byte count or another sample rate than asked for ends with
 * {@code INTERNAL}; {@link Cancellable#cancel()} cancels the RPC at once.
 *
 * <p>Threads and scheduler as for {@link GrpcLanguageModel}.
 */
public final class GrpcTextToSpeech implements TextToSpeech {
  private final TextToSpeechGrpc.TextToSpeechStub stub;
  private final ServerStreamRequest.Waits waits;
  private final ScheduledExecutorService scheduler;

  public GrpcTextToSpeech(Channel channel, ProviderDeadlines deadlines, ScheduledExecutorService scheduler) {
    this.stub = TextToSpeechGrpc.newStub(Objects.requireNonNull(channel, "channel"));
    Objects.requireNonNull(deadlines, "deadlines");
    this.waits = new ServerStreamRequest.Waits(deadlines.ttsFirstAudio(), "audio", deadlines.ttsTotal());
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public Cancellable synthesize(SynthesisRequest request, Listener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    return ServerStreamRequest.start(
        Capability.TTS,
        scheduler,
        waits,
        new Chunks(request.getSampleRate(), listener),
        observer -> stub.synthesize(request, observer));
  }

  /** Decodes chunks; chunks without audio are skipped and do not count as the first audio. */
  private record Chunks(int sampleRate, Listener listener) implements ServerStreamRequest.Handler<AudioChunk> {
    @Override
    public boolean handle(AudioChunk chunk) throws ProviderException {
      if (sampleRate != 0 && chunk.getSampleRate() != 0 && chunk.getSampleRate() != sampleRate) {
        throw ProviderErrors.of(
            Capability.TTS,
            Status.Code.INTERNAL,
            "sent audio at " + chunk.getSampleRate() + " Hz, " + sampleRate + " Hz was asked for");
      }
      ByteString pcm = chunk.getPcm16();
      if (pcm.size() % 2 != 0) {
        throw ProviderErrors.of(
            Capability.TTS, Status.Code.INTERNAL, "sent " + pcm.size() + " bytes of PCM16, an odd number");
      }
      if (pcm.isEmpty()) {
        return false;
      }
      listener.onAudio(Pcm16.decode(pcm));
      return true;
    }

    @Override
    public void onCompleted() {
      listener.onCompleted();
    }

    @Override
    public void onError(ProviderException error) {
      listener.onError(error);
    }
  }
}
