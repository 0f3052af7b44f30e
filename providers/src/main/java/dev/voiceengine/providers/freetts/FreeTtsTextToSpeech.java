package dev.voiceengine.providers.freetts;

import dev.voiceengine.providers.Workers;
import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline text to speech with FreeTTS's kevin16 voice (en-US, 16 kHz), converted to the requested rate (8000 by
 * default) and streamed in {@value #CHUNK_MS} ms chunks while the voice is still speaking.
 *
 * <p>FreeTTS voices are not thread-safe and take a moment to allocate, so this service allocates one voice per
 * worker of its bounded executor, lazily, and hands them out from a pool; a request never waits for a voice, only
 * for a worker (and gets RESOURCE_EXHAUSTED when too many wait). Cancelling a request stops the voice at its next
 * piece of audio and returns it to the pool. Empty text is INVALID_ARGUMENT; a voice other than kevin16 or a
 * language other than English is FAILED_PRECONDITION.
 */
public final class FreeTtsTextToSpeech extends TextToSpeechGrpc.TextToSpeechImplBase implements AutoCloseable {
  /** The only voice, also the model name. */
  public static final String VOICE = "kevin16";
  static final int CHUNK_MS = 160;
  private static final int DEFAULT_RATE = 8000;
  private static final int MAX_RATE = 48_000;
  private static final Logger LOG = LoggerFactory.getLogger(FreeTtsTextToSpeech.class);
  /**
   * Held while a voice loads: the library builds every voice's letter-to-sound rules through one static table, so two
   * loads at once (in any service of the JVM) corrupt each other.
   */
  private static final Object LOADING = new Object();

  private final ThreadPoolExecutor executor;
  private final BlockingQueue<Voice> idleVoices = new LinkedBlockingQueue<>();
  private final AtomicInteger allocated = new AtomicInteger();

  /** Two requests synthesised at once, eight more waiting. */
  public FreeTtsTextToSpeech() {
    this(2, 8);
  }

  /**
   * Registers the kevin16 voice directory with FreeTTS (the system property {@code freetts.voices}, which FreeTTS
   * reads; left alone when already set).
   *
   * @param workers requests synthesised at once (and voices allocated)
   * @param waiting requests that may wait for a worker before RESOURCE_EXHAUSTED
   */
  public FreeTtsTextToSpeech(int workers, int waiting) {
    if (System.getProperty("freetts.voices") == null) {
      System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
    }
    this.executor = Workers.bounded("freetts", workers, waiting);
  }

  /** Allocates one voice now (on the calling thread) so the first request does not pay for it. */
  public void prepare() {
    idleVoices.add(acquireVoice());
  }

  @Override
  public void synthesize(SynthesisRequest request, StreamObserver<AudioChunk> responses) {
    ServerCallStreamObserver<AudioChunk> out = (ServerCallStreamObserver<AudioChunk>) responses;
    Status invalid = check(request);
    if (invalid != null) {
      out.onError(invalid.asRuntimeException());
      return;
    }
    int rate = request.getSampleRate() == 0 ? DEFAULT_RATE : request.getSampleRate();
    out.setOnCancelHandler(() -> { }); // with a handler set, sends after a cancel are dropped instead of throwing
    try {
      executor.execute(() -> speak(request.getText(), rate, out));
    } catch (RejectedExecutionException e) {
      out.onError(Status.RESOURCE_EXHAUSTED.withDescription("every speech synthesiser is busy").asRuntimeException());
    }
  }

  private static Status check(SynthesisRequest request) {
    if (request.getText().isBlank()) {
      return Status.INVALID_ARGUMENT.withDescription("SynthesisRequest.text is empty");
    }
    if (request.getSampleRate() < 0 || request.getSampleRate() > MAX_RATE) {
      return Status.INVALID_ARGUMENT.withDescription("sample_rate " + request.getSampleRate()
          + " is out of range (1.." + MAX_RATE + ", or 0 for " + DEFAULT_RATE + ")");
    }
    if (!request.getVoice().isEmpty() && !request.getVoice().equals(VOICE)) {
      return Status.FAILED_PRECONDITION.withDescription("voice " + request.getVoice() + " is not served; only "
          + VOICE);
    }
    String language = request.getLanguage().toLowerCase(Locale.ROOT);
    if (!language.isEmpty() && !language.startsWith("en")) {
      return Status.FAILED_PRECONDITION.withDescription("language " + request.getLanguage()
          + " is not served; " + VOICE + " speaks en-US");
    }
    return null;
  }

  private void speak(String text, int rate, ServerCallStreamObserver<AudioChunk> out) {
    if (out.isCancelled()) {
      return;
    }
    Voice voice = null;
    try {
      voice = acquireVoice();
      ChunkingAudioPlayer player = new ChunkingAudioPlayer(rate, CHUNK_MS, out::onNext, out::isCancelled);
      voice.setAudioPlayer(player);
      boolean spoken = voice.speak(text);
      if (out.isCancelled()) {
        return;
      }
      if (!spoken) {
        out.onError(Status.INTERNAL.withDescription("the voice could not speak the text").asRuntimeException());
        return;
      }
      player.finish();
      out.onCompleted();
    } catch (RuntimeException e) {
      LOG.warn("speech synthesis failed", e);
      if (!out.isCancelled()) {
        out.onError(Status.INTERNAL.withDescription("speech synthesis failed: " + e).withCause(e)
            .asRuntimeException());
      }
    } finally {
      if (voice != null) {
        idleVoices.add(voice);
      }
    }
  }

  /** An idle voice, or a newly allocated one (never more than one per worker, plus one prepared). */
  private Voice acquireVoice() {
    Voice voice = idleVoices.poll();
    if (voice != null) {
      return voice;
    }
    Voice fresh = VoiceManager.getInstance().getVoice(VOICE);
    if (fresh == null) {
      throw new IllegalStateException("FreeTTS has no voice " + VOICE + " (is freetts.voices set?)");
    }
    synchronized (LOADING) {
      fresh.allocate();
    }
    allocated.incrementAndGet();
    return fresh;
  }

  /** Stops the workers and frees the voices. */
  @Override
  public void close() {
    Workers.stop(executor);
    for (Voice v = idleVoices.poll(); v != null; v = idleVoices.poll()) {
      v.deallocate();
    }
  }

  /** Voices allocated so far (at most the number of workers plus one prepared). */
  int allocatedVoices() {
    return allocated.get();
  }
}
