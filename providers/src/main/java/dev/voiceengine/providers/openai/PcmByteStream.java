package dev.voiceengine.providers.openai;

import dev.voiceengine.providers.audio.Resampler;
import java.nio.ByteBuffer;

/**
 * Turns a PCM16 little-endian byte stream, cut at arbitrary places by the network, into samples at another rate: a
 * sample split across two reads is joined (its low byte carried over), and the resampler keeps its filter state
 * between reads so the output is the same as converting the whole body at once. Not thread-safe.
 */
final class PcmByteStream {
  private final Resampler resampler;
  private int carried = -1;

  PcmByteStream(int fromRate, int toRate) {
    this.resampler = fromRate == toRate ? null : new Resampler(fromRate, toRate);
  }

  /** Consumes the buffer; returns the samples it completes (possibly none). */
  short[] push(ByteBuffer bytes) {
    int available = bytes.remaining() + (carried >= 0 ? 1 : 0);
    short[] samples = new short[available / 2];
    int n = 0;
    if (carried >= 0 && bytes.hasRemaining()) {
      samples[n++] = (short) (carried | (bytes.get() << 8));
      carried = -1;
    }
    while (bytes.remaining() >= 2) {
      int lo = bytes.get() & 0xff;
      samples[n++] = (short) (lo | (bytes.get() << 8));
    }
    if (bytes.hasRemaining()) {
      carried = bytes.get() & 0xff;
    }
    return resampler == null ? samples : resampler.process(samples, 0, n);
  }

  /** At the end of the body: the resampler's tail. A dangling odd byte is not a sample and is dropped. */
  short[] finish() {
    carried = -1;
    return resampler == null ? new short[0] : resampler.flush();
  }
}
