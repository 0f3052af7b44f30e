package dev.voiceengine.conversation.provider.grpc;

import com.google.protobuf.ByteString;
import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.SpeechToText;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code Recognize} call. Audio from {@link #send} joins a backlog that is written out in chunks of
 * {@value #MIN_CHUNK_MS}-{@value #MAX_CHUNK_MS} ms whenever gRPC's flow control says the provider can take more
 * ({@code isReady()}, and the on-ready handler when it becomes ready again), so {@code send} never blocks the call's
 * loop. A provider that reads nothing for longer than the lag bound fails the stream with
 * {@code RESOURCE_EXHAUSTED}, as the contract asks of a provider that cannot keep up.
 *
 * <p>The outbound side is guarded by its own lock, separate from the listener's {@link RequestGuard}, so that
 * sending never waits for a listener callback; the lock covers only the backlog and flags (copies), never a gRPC
 * call. Writing to gRPC is done by one thread at a time, whichever asks first (the call's loop sending audio or
 * gRPC's on-ready handler); a thread that asks while another writes leaves the work to it and returns at once, so
 * a loop never waits behind a descheduled gRPC thread.
 */
final class RecognizeStream implements SpeechToText.Stream, ClientResponseObserver<AudioChunk, Recognition> {
  /** Audio is held back until this much has gathered (fewer, larger messages; at most this much added latency). */
  static final int MIN_CHUNK_MS = 40;

  /** A backlog is written out in messages of at most this much audio. */
  static final int MAX_CHUNK_MS = 100;

  private final SpeechToText.Listener listener;
  private final RequestGuard guard;
  private final AudioChunk firstChunk;
  private final int sampleRate;
  private final int minChunkBytes;
  private final int maxChunkBytes;
  private final int maxLagBytes;
  private final Duration maxLag;
  private final Duration finalResult;

  private final Object out = new Object();
  /** Requests to write, counted; the thread that raises it from 0 writes until it falls back to 0. */
  private final AtomicInteger drains = new AtomicInteger();
  private final PcmBacklog backlog = new PcmBacklog();
  private ClientCallStreamObserver<AudioChunk> requests;
  private boolean configSent;
  private boolean finishing;
  private boolean halfClosed;
  private boolean closed;
  private volatile boolean serverClosed;

  RecognizeStream(
      RecognitionConfig config,
      int sampleRate,
      SpeechToText.Listener listener,
      RequestGuard guard,
      ProviderDeadlines deadlines) {
    this.listener = listener;
    this.guard = guard;
    this.sampleRate = sampleRate;
    this.firstChunk = AudioChunk.newBuilder().setConfig(config).setSampleRate(sampleRate).build();
    this.minChunkBytes = bytesFor(sampleRate, MIN_CHUNK_MS);
    this.maxChunkBytes = bytesFor(sampleRate, MAX_CHUNK_MS);
    this.maxLag = deadlines.sttMaxLag();
    this.maxLagBytes = (int) Math.min(Integer.MAX_VALUE / 2, 2L * sampleRate * maxLag.toMillis() / 1000);
    this.finalResult = deadlines.sttFinalResult();
  }

  private static int bytesFor(int sampleRate, int millis) {
    return 2 * Math.max(1, sampleRate * millis / 1000);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<AudioChunk> requestStream) {
    synchronized (out) {
      requests = requestStream;
    }
    requestStream.setOnReadyHandler(this::drain);
  }

  /**
   * The call has started: from now on the end of the request releases it (not earlier: a call cancelled before it
   * starts cannot start). Sends the config if the provider can take it.
   */
  void started() {
    guard.onEnd(this::release);
    drain();
  }

  @Override
  public void send(short[] pcm, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, pcm.length);
    boolean overflow = false;
    synchronized (out) {
      if (finishing) {
        throw new IllegalStateException("audio sent after finish()");
      }
      if (closed) {
        return;
      }
      if (backlog.size() + 2L * length > maxLagBytes) {
        overflow = true;
      } else {
        backlog.append(pcm, offset, length);
      }
    }
    if (!overflow) {
      drain();
    } else {
      guard.fail(
          ProviderErrors.of(
              Capability.STT,
              Status.Code.RESOURCE_EXHAUSTED,
              "read no audio for more than " + maxLag.toMillis() + " ms of it; the stream was dropped"));
    }
  }

  @Override
  public void finish() {
    synchronized (out) {
      if (closed || finishing) {
        return;
      }
      finishing = true;
    }
    drain();
    guard.deadline(
        finalResult, "sent no final result within " + finalResult.toMillis() + " ms after the end of audio");
  }

  @Override
  public void cancel() {
    guard.cancel();
  }

  private void drain() {
    if (drains.getAndIncrement() != 0) {
      return; // another thread is writing; it will look again
    }
    do {
      writeWhatIsReady();
    } while (drains.decrementAndGet() != 0);
  }

  /** Writes chunks while the provider takes them; only ever run by one thread at a time. */
  private void writeWhatIsReady() {
    while (true) {
      ClientCallStreamObserver<AudioChunk> call;
      ByteString pcm;
      boolean config;
      synchronized (out) {
        call = requests;
        if (closed || call == null || halfClosed) {
          return;
        }
        int waiting = backlog.size();
        config = !configSent;
        if (finishing && !config && waiting == 0) {
          halfClosed = true; // the end of the audio needs no room in the flow-control window
          pcm = null;
        } else if (!call.isReady()) {
          return;
        } else if (config) {
          configSent = true;
          pcm = backlog.take(Math.min(waiting, maxChunkBytes));
        } else if (waiting > 0 && (waiting >= minChunkBytes || finishing)) {
          pcm = backlog.take(Math.min(waiting, maxChunkBytes));
        } else {
          return;
        }
      }
      if (pcm == null) {
        call.onCompleted();
        return;
      }
      call.onNext(config ? firstChunk.toBuilder().setPcm16(pcm).build()
          : AudioChunk.newBuilder().setPcm16(pcm).setSampleRate(sampleRate).build());
    }
  }

  /** After the end: nothing more is written, the backlog is freed, and a call still running is cancelled. */
  private void release() {
    ClientCallStreamObserver<AudioChunk> call;
    synchronized (out) {
      closed = true;
      backlog.clear();
      call = requests;
    }
    if (!serverClosed && call != null) {
      call.cancel("recognition ended by the engine", null);
    }
  }

  @Override
  public void onNext(Recognition recognition) {
    guard.deliver(() -> listener.onRecognition(recognition));
  }

  @Override
  public void onError(Throwable t) {
    serverClosed = true;
    guard.fail(ProviderErrors.fromThrowable(Capability.STT, t));
  }

  @Override
  public void onCompleted() {
    serverClosed = true;
    guard.complete(listener::onCompleted);
  }
}
