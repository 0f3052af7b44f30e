package dev.voiceengine.providers.audio;

/**
 * Sample-rate conversion by a rational factor with a windowed-sinc low-pass filter (Blackman window), so that
 * downsampling (16 kHz speech to the 8 kHz telephone rate) does not alias and upsampling does not image. Streaming:
 * {@link #process} may be called with any chunk sizes and the output is as if the whole signal had been given at
 * once (the filter's history is kept between calls); {@link #flush} returns the tail. Not thread-safe.
 */
public final class Resampler {
  private static final int ZERO_CROSSINGS = 16;

  private final int up;
  private final int down;
  private final float[][] phases;
  private final int taps;
  private final float[] history;
  private long inputCount;
  private long outputCount;

  public Resampler(int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
    }
    int g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    double cutoff = 0.5 / Math.max(up, down) * 0.95; // of the upsampled rate
    this.taps = 2 * ZERO_CROSSINGS * Math.max(1, Math.max(up, down) / up);
    int length = taps * up;
    double[] proto = new double[length];
    double center = (length - 1) / 2.0;
    for (int i = 0; i < length; i++) {
      double x = i - center;
      double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
      double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (length - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (length - 1));
      proto[i] = sinc * w * up;
    }
    this.phases = new float[up][taps];
    for (int p = 0; p < up; p++) {
      for (int k = 0; k < taps; k++) {
        phases[p][k] = (float) proto[k * up + p];
      }
    }
    this.history = new float[taps];
  }

  /** Converts a whole signal in one go. */
  public static short[] convert(short[] in, int fromRate, int toRate) {
    if (fromRate == toRate) {
      return in.clone();
    }
    Resampler r = new Resampler(fromRate, toRate);
    short[] body = r.process(in, 0, in.length);
    short[] tail = r.flush();
    short[] out = new short[body.length + tail.length];
    System.arraycopy(body, 0, out, 0, body.length);
    System.arraycopy(tail, 0, out, body.length, tail.length);
    return out;
  }

  /** Resamples the next {@code length} samples of the stream. */
  public short[] process(short[] in, int offset, int length) {
    float[] buf = new float[length];
    for (int i = 0; i < length; i++) {
      buf[i] = in[offset + i];
    }
    return run(buf, length);
  }

  /** Pushes the filter's delay out (half a filter of silence) and returns the remaining output. */
  public short[] flush() {
    int pad = taps / 2;
    return run(new float[pad], pad);
  }

  private short[] run(float[] in, int length) {
    long totalIn = inputCount + length;
    // Output sample m lies at input position m * down / up; it can be made once input up to there is known.
    long lastOut = Math.max(outputCount, (totalIn * up + down - 1) / down);
    int count = (int) Math.max(0, lastOut - outputCount);
    short[] out = new short[count];
    int produced = 0;
    int consumed = 0;
    for (long m = outputCount; m < lastOut; m++) {
      long pos = m * down; // in the upsampled domain
      long inIndex = pos / up; // newest input sample needed
      int phase = (int) (pos % up);
      while (inputCount + consumed <= inIndex && consumed < length) {
        push(in[consumed++]);
      }
      if (inputCount + consumed <= inIndex) {
        break;
      }
      float[] h = phases[phase];
      double acc = 0;
      for (int k = 0; k < taps; k++) {
        acc += h[k] * history[(head + taps - 1 - k) % taps];
      }
      out[produced++] = clip(acc);
    }
    while (consumed < length) {
      push(in[consumed++]);
    }
    inputCount += length;
    outputCount += produced;
    if (produced < out.length) {
      short[] trimmed = new short[produced];
      System.arraycopy(out, 0, trimmed, 0, produced);
      return trimmed;
    }
    return out;
  }

  private int head;

  private void push(float sample) {
    history[head] = sample;
    head = (head + 1) % taps;
  }

  private static short clip(double v) {
    long r = Math.round(v);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
