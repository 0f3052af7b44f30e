package dev.voiceengine.providers.audio;

/**
 * Sample-rate conversion by a rational factor with a windowed-sinc low-pass filter (Blackman window), so that
 * downsampling (16 kHz speech to the 8 kHz telephone rate) does not alias and upsampling does not image.
 *
 * <p>Streaming: {@link #process} may be called with any chunk sizes and the output is the same as if the whole signal
 * had been given at once (the filter's history is kept between calls); {@link #flush} ends the stream and returns the
 * tail. The filter's delay is compensated: output sample {@code m} lies at input time {@code m * from / to}, and a
 * flushed stream of {@code n} input samples yields exactly {@code ceil(n * to / from)} output samples. Equal rates
 * pass samples through unchanged. Not thread-safe: one instance per stream.
 */
public final class Resampler {
  /** Zero crossings of the sinc on each side of its centre; sets the transition band's width. */
  private static final int ZERO_CROSSINGS = 16;
  /** Cut-off as a fraction of the lower rate's Nyquist frequency. */
  private static final double CUTOFF = 0.95;

  private final int up;
  private final int down;
  private final int taps;
  private final float[][] phases;
  /** The last {@code taps} inputs, stored twice so a window is always one contiguous run. */
  private final float[] history;
  /** Delay of the filter in the upsampled domain ({@code taps / 2} input samples). */
  private final long delay;
  private int head;
  private long inputCount;
  private long outputCount;
  private boolean flushed;

  /**
   * @param fromRate samples per second of the input
   * @param toRate samples per second wanted
   * @throws IllegalArgumentException if a rate is not positive
   */
  public Resampler(int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
    }
    int g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    int widest = Math.max(up, down);
    this.taps = 2 * ZERO_CROSSINGS * ((widest + up - 1) / up);
    this.delay = (long) taps * up / 2;
    this.phases = up == down ? new float[0][] : design(up, widest, taps);
    this.history = new float[2 * taps];
  }

  private static float[][] design(int up, int widest, int taps) {
    int length = taps * up;
    double cutoff = 0.5 / widest * CUTOFF; // cycles per sample of the upsampled rate
    double half = length / 2.0;
    float[][] phases = new float[up][taps];
    for (int i = 0; i < length; i++) {
      double x = i - half; // centred on an integer, so the delay is a whole number of input samples
      double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
      double w = 0.42 + 0.5 * Math.cos(Math.PI * x / half) + 0.08 * Math.cos(2 * Math.PI * x / half);
      phases[i % up][i / up] = (float) (sinc * w * up);
    }
    return phases;
  }

  /** Converts a whole signal in one go. */
  public static short[] convert(short[] in, int fromRate, int toRate) {
    Resampler r = new Resampler(fromRate, toRate);
    short[] body = r.process(in, 0, in.length);
    short[] tail = r.flush();
    short[] out = new short[body.length + tail.length];
    System.arraycopy(body, 0, out, 0, body.length);
    System.arraycopy(tail, 0, out, body.length, tail.length);
    return out;
  }

  /** Resamples the next samples of the stream. */
  public short[] process(short[] in) {
    return process(in, 0, in.length);
  }

  /**
   * Resamples the next {@code length} samples of the stream.
   *
   * @throws IllegalStateException after {@link #flush}
   */
  public short[] process(short[] in, int offset, int length) {
    if (flushed) {
      throw new IllegalStateException("the stream was flushed");
    }
    if (up == down) {
      short[] out = new short[length];
      System.arraycopy(in, offset, out, 0, length);
      return out;
    }
    float[] buf = new float[length];
    for (int i = 0; i < length; i++) {
      buf[i] = in[offset + i];
    }
    return run(buf, length);
  }

  /** Ends the stream: pushes the filter's delay out and returns the remaining output. */
  public short[] flush() {
    if (flushed || up == down) {
      flushed = true;
      return new short[0];
    }
    int pad = taps / 2; // with the delay pushed out, exactly ceil(n * to / from) outputs exist
    short[] out = run(new float[pad], pad);
    flushed = true;
    return out;
  }

  private short[] run(float[] in, int length) {
    long available = inputCount + length; // input samples known after this call
    // Output m is taken at upsampled position m * down + delay, i.e. it needs input up to that position / up.
    long lastOut = ((available * up - 1 - delay) >= 0) ? (available * up - 1 - delay) / down + 1 : 0;
    int count = (int) Math.max(0, lastOut - outputCount);
    short[] out = new short[count];
    int consumed = 0;
    for (int produced = 0; produced < count; produced++) {
      long pos = (outputCount + produced) * down + delay;
      long needed = pos / up; // newest input sample that the window ends on
      while (inputCount + consumed <= needed) {
        push(in[consumed++]);
      }
      float[] h = phases[(int) (pos % up)];
      // history[head .. head + taps) holds the window, oldest first; h[k] weighs the sample k steps back.
      double acc = 0;
      int newest = head + taps - 1;
      for (int k = 0; k < taps; k++) {
        acc += h[k] * history[newest - k];
      }
      out[produced] = clip(acc);
    }
    while (consumed < length) {
      push(in[consumed++]);
    }
    inputCount += length;
    outputCount += count;
    return out;
  }

  private void push(float sample) {
    history[head] = sample;
    history[head + taps] = sample;
    head = head + 1 == taps ? 0 : head + 1;
  }

  private static short clip(double v) {
    long r = Math.round(v);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
