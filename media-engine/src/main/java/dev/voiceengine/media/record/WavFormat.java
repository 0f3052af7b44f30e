package dev.voiceengine.media.record;

/** The shape of linear PCM audio in a WAV file. */
public record WavFormat(int channels, int sampleRate, int bitsPerSample) {
  /** What calls are recorded as: caller on the left, agent on the right, 8 kHz, 16-bit. */
  public static final WavFormat CALL_STEREO = new WavFormat(2, 8000, 16);
  public static final WavFormat MONO_8K = new WavFormat(1, 8000, 16);

  /** Bytes per sample frame (all channels). */
  public int blockAlign() {
    return channels * bitsPerSample / 8;
  }

  public int byteRate() {
    return sampleRate * blockAlign();
  }

  @Override
  public String toString() {
    return bitsPerSample + "-bit " + (channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels")
        + " " + sampleRate + " Hz";
  }
}
