package dev.voiceengine.providers.stt;

import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import io.grpc.StatusException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/** How one recogniser decodes one {@code Recognize} stream; {@link RecognizeSession} does the rest. */
public interface StreamDecoder {
  /** Samples per second the decoder reads; the stream's audio is converted to it. */
  int sampleRate();

  /**
   * Checks a stream's config and prepares its decoding. Runs on gRPC's transport thread: must be cheap.
   *
   * @throws StatusException INVALID_ARGUMENT or FAILED_PRECONDITION when the config cannot be served
   */
  Decoding open(RecognitionConfig config) throws StatusException;

  /** The decoding of one stream; runs on a worker thread of the provider's bounded executor. */
  interface Decoding {
    /**
     * Adjusts samples already converted to {@link #sampleRate()} before they are queued; runs on gRPC's callback
     * thread, in stream order. The default keeps them.
     */
    default short[] condition(short[] samples) {
      return samples;
    }

    /**
     * Reads PCM16 mono at {@link #sampleRate()} until end of stream (reads block while the caller speaks).
     *
     * @param interim receives interim results as the decoder closes segments
     * @return the final results, in order (empty when nothing was recognised)
     */
    List<Recognition> run(InputStream pcm, Consumer<Recognition> interim) throws Exception;
  }
}
