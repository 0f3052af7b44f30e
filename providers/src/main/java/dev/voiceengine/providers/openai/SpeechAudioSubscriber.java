package dev.voiceengine.providers.openai;

import com.google.protobuf.ByteString;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.providers.audio.Pcm16;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Receives the speech body as the service produces it and forwards each piece, resampled, as an {@link AudioChunk},
 * so the caller hears the first words before synthesis has finished. Reads one piece at a time and asks for the next
 * only while the gRPC call can take more, so a slow reader slows the HTTP stream instead of filling memory.
 */
final class SpeechAudioSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
  private final InFlight inFlight;
  private final GrpcReply<AudioChunk> reply;
  private final PcmByteStream pcm;
  private final int sampleRate;
  private final AtomicBoolean waitingForReady = new AtomicBoolean();
  private volatile Flow.Subscription subscription;
  private boolean stopped;

  SpeechAudioSubscriber(InFlight inFlight, GrpcReply<AudioChunk> reply, int serviceRate, int sampleRate) {
    this.inFlight = inFlight;
    this.reply = reply;
    this.pcm = new PcmByteStream(serviceRate, sampleRate);
    this.sampleRate = sampleRate;
  }

  /** The gRPC call can take more messages. */
  void onReady() {
    Flow.Subscription s = subscription;
    if (s != null && waitingForReady.compareAndSet(true, false)) {
      s.request(1);
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    inFlight.subscribed(s);
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (stopped) {
      return;
    }
    for (ByteBuffer b : buffers) {
      send(pcm.push(b));
    }
    if (reply.isReady()) {
      subscription.request(1);
    } else {
      waitingForReady.set(true);
      if (reply.isReady()) {
        onReady(); // became ready between the check and the flag
      }
    }
  }

  @Override
  public void onError(Throwable failure) {
    if (!stopped) {
      stopped = true;
      reply.fail(OpenAiErrors.fromFailure(OpenAiSpeech.WHAT, failure));
    }
  }

  @Override
  public void onComplete() {
    if (!stopped) {
      stopped = true;
      send(pcm.finish());
      reply.complete();
    }
  }

  private void send(short[] samples) {
    if (samples.length > 0) {
      ByteString bytes = Pcm16.toBytes(samples);
      reply.next(AudioChunk.newBuilder().setPcm16(bytes).setSampleRate(sampleRate).build());
    }
  }
}
