package dev.voiceengine.providers.stt;

import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.providers.audio.Pcm16;
import dev.voiceengine.providers.audio.Resampler;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code Recognize} stream on the server: the request observer gRPC calls, and the decoding task it starts.
 *
 * <p>gRPC's callbacks only check, convert and queue audio; decoding runs on the provider's bounded executor and reads
 * the audio as it arrives, so the final result is ready right after the client half-closes. Flow control is manual:
 * the next message is requested only while the {@link AudioQueue} has room, so a slow decoder pushes back on the
 * client instead of buffering without bound. Status codes follow providers.proto: a missing config, an unsupported
 * or changing sample rate or an odd byte count is INVALID_ARGUMENT; a full executor is RESOURCE_EXHAUSTED; a
 * decoder failure is INTERNAL; a client cancel stops the decoder at once and sends nothing more. When nothing was
 * recognised, the stream still ends with one final result of empty text.
 */
public final class RecognizeSession implements StreamObserver<AudioChunk> {
  private static final Logger LOG = LoggerFactory.getLogger(RecognizeSession.class);
  /** Audio held for the decoder before the client is pushed back: 10 s at the decoder's rate. */
  private static final int QUEUE_SECONDS = 10;
  private static final long IDLE_TIMEOUT_MS = 30_000;

  private final ServerCallStreamObserver<Recognition> out;
  private final StreamDecoder decoder;
  private final Executor executor;
  private final Set<Integer> acceptedRates;
  private final AudioQueue queue;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final Object sendLock = new Object();
  private StreamDecoder.Decoding decoding;
  private Resampler resampler;
  private int sampleRate;
  private long samplesIn;

  private RecognizeSession(ServerCallStreamObserver<Recognition> out, StreamDecoder decoder, Executor executor,
      Set<Integer> acceptedRates) {
    this.out = out;
    this.decoder = decoder;
    this.executor = executor;
    this.acceptedRates = acceptedRates;
    this.queue = new AudioQueue(2L * decoder.sampleRate() * QUEUE_SECONDS, IDLE_TIMEOUT_MS, () -> out.request(1));
  }

  /**
   * Starts a stream; call from the service's {@code recognize} method and return the result.
   *
   * @param responses the service method's response observer
   * @param acceptedRates sample rates a client may send (others are INVALID_ARGUMENT)
   */
  public static StreamObserver<AudioChunk> start(StreamObserver<Recognition> responses, StreamDecoder decoder,
      Executor executor, Set<Integer> acceptedRates) {
    ServerCallStreamObserver<Recognition> out = (ServerCallStreamObserver<Recognition>) responses;
    RecognizeSession session = new RecognizeSession(out, decoder, executor, acceptedRates);
    out.disableAutoRequest();
    out.setOnCancelHandler(session::cancel);
    out.request(1);
    return session;
  }

  @Override
  public void onNext(AudioChunk chunk) {
    if (finished.get()) {
      return;
    }
    try {
      if (decoding == null) {
        begin(chunk);
      }
      if (chunk.getSampleRate() != 0 || !chunk.getPcm16().isEmpty()) {
        checkRate(chunk);
        if (chunk.getPcm16().size() % 2 != 0) {
          throw invalid("pcm16 has an odd number of bytes (" + chunk.getPcm16().size() + ")");
        }
        short[] samples = Pcm16.fromBytes(chunk.getPcm16());
        samplesIn += samples.length;
        if (!queue.offer(Pcm16.toBytes(decoding.condition(resampler.process(samples))).toByteArray())) {
          return; // the queue asks for the next message once it has drained
        }
      }
      out.request(1);
    } catch (StatusException e) {
      fail(e.getStatus());
    }
  }

  private void begin(AudioChunk first) throws StatusException {
    if (!first.hasConfig()) {
      throw invalid("the first AudioChunk of a Recognize stream must carry a RecognitionConfig");
    }
    decoding = decoder.open(first.getConfig());
    try {
      executor.execute(this::decode);
    } catch (RejectedExecutionException e) {
      throw new StatusException(Status.RESOURCE_EXHAUSTED.withDescription("every speech decoder is busy"));
    }
  }

  private void checkRate(AudioChunk chunk) throws StatusException {
    int rate = chunk.getSampleRate();
    if (sampleRate == 0) {
      if (!acceptedRates.contains(rate)) {
        throw invalid("sample_rate " + rate + " is not supported; send one of " + acceptedRates);
      }
      sampleRate = rate;
      resampler = new Resampler(rate, decoder.sampleRate());
    } else if (rate != sampleRate) {
      throw invalid("sample_rate changed from " + sampleRate + " to " + rate + " within the stream");
    }
  }

  @Override
  public void onError(Throwable t) {
    cancel();
  }

  @Override
  public void onCompleted() {
    if (finished.get()) {
      return;
    }
    if (decoding == null) {
      fail(Status.INVALID_ARGUMENT.withDescription("the Recognize stream ended before its RecognitionConfig"));
      return;
    }
    if (resampler != null) {
      queue.offer(Pcm16.toBytes(decoding.condition(resampler.flush())).toByteArray());
    }
    queue.finish();
  }

  private void cancel() {
    finished.set(true);
    queue.cancel();
  }

  private void decode() {
    List<Recognition> finals;
    try {
      finals = decoding.run(queue, this::send);
    } catch (Exception | LinkageError e) {
      LOG.warn("speech decoding failed", e);
      fail(Status.INTERNAL.withDescription("speech decoding failed: " + e).withCause(e));
      return;
    }
    if (queue.timedOut()) {
      fail(Status.DEADLINE_EXCEEDED.withDescription("no audio and no end of stream for " + IDLE_TIMEOUT_MS + " ms"));
      return;
    }
    if (finals.isEmpty()) {
      int endMs = sampleRate == 0 ? 0 : (int) (samplesIn * 1000 / sampleRate);
      finals = List.of(Recognition.newBuilder().setIsFinal(true).setEndMs(endMs).build());
    }
    synchronized (sendLock) {
      if (finished.getAndSet(true) || out.isCancelled()) {
        return;
      }
      finals.forEach(out::onNext);
      out.onCompleted();
    }
  }

  private void send(Recognition recognition) {
    synchronized (sendLock) {
      if (!finished.get() && !out.isCancelled()) {
        out.onNext(recognition);
      }
    }
  }

  /** Ends the stream with an error; marks it finished before stopping the decoder, which then sends nothing. */
  private void fail(Status status) {
    synchronized (sendLock) {
      if (!finished.getAndSet(true) && !out.isCancelled()) {
        out.onError(status.asRuntimeException());
      }
    }
    queue.cancel();
  }

  private static StatusException invalid(String description) {
    return new StatusException(Status.INVALID_ARGUMENT.withDescription(description));
  }
}
