package dev.voiceengine.providers.openai;

import com.google.protobuf.ByteString;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import io.grpc.Status;
import java.time.Duration;

/**
 * The audio of one caller turn, collected until the engine half-closes the stream. Bounded: a file-based
 * transcription endpoint needs the whole turn, and a turn longer than the bound is answered with RESOURCE_EXHAUSTED
 * rather than buffered without limit (providers.proto, flow control).
 */
final class TurnAudio {
  private final Duration maxDuration;
  private int sampleRate;
  private byte[] pcm = new byte[0];
  private int length;

  TurnAudio(Duration maxDuration) {
    this.maxDuration = maxDuration;
  }

  /** Appends a chunk; throws INVALID_ARGUMENT or RESOURCE_EXHAUSTED as a StatusRuntimeException. */
  void append(AudioChunk chunk) {
    ByteString bytes = chunk.getPcm16();
    int rate = chunk.getSampleRate();
    if (rate != 0 && sampleRate == 0) {
      if (rate < 8000 || rate > 48000) {
        throw Status.INVALID_ARGUMENT.withDescription("unsupported sample_rate " + rate + " (8000..48000 Hz)")
            .asRuntimeException();
      }
      sampleRate = rate;
    } else if (rate != 0 && rate != sampleRate) {
      throw Status.INVALID_ARGUMENT
          .withDescription("sample_rate changed within the stream: " + sampleRate + " then " + rate)
          .asRuntimeException();
    }
    if (bytes.isEmpty()) {
      return;
    }
    if (sampleRate == 0) {
      throw Status.INVALID_ARGUMENT.withDescription("audio without a sample_rate").asRuntimeException();
    }
    if (bytes.size() % 2 != 0) {
      throw Status.INVALID_ARGUMENT.withDescription("pcm16 has an odd number of bytes (" + bytes.size() + ")")
          .asRuntimeException();
    }
    long max = maxDuration.toMillis() * sampleRate * 2 / 1000;
    if (length + (long) bytes.size() > max) {
      throw Status.RESOURCE_EXHAUSTED
          .withDescription("the turn is longer than " + maxDuration.toSeconds() + " s, the most this provider buffers")
          .asRuntimeException();
    }
    if (length + bytes.size() > pcm.length) {
      byte[] grown = new byte[(int) Math.min(max, Math.max(pcm.length * 2L, length + (long) bytes.size()))];
      System.arraycopy(pcm, 0, grown, 0, length);
      pcm = grown;
    }
    bytes.copyTo(pcm, length);
    length += bytes.size();
  }

  int sampleRate() {
    return sampleRate;
  }

  boolean isEmpty() {
    return length == 0;
  }

  int durationMs() {
    return sampleRate == 0 ? 0 : (int) (length / 2 * 1000L / sampleRate);
  }

  byte[] wav() {
    return WavFile.pcm16Mono(pcm, length, sampleRate);
  }
}
