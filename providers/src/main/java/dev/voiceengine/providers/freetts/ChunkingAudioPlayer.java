package dev.voiceengine.providers.freetts;

import com.sun.speech.freetts.audio.AudioPlayer;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.providers.audio.Pcm16;
import dev.voiceengine.providers.audio.Resampler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;

/**
 * Where FreeTTS "plays" its audio: instead of a sound card, each piece is converted to the requested rate and sent
 * on as {@link AudioChunk}s of a fixed duration as soon as enough exists. Answering {@code false} from
 * {@link #write} makes the voice stop synthesising, which is how a cancelled request stops. One per request.
 */
final class ChunkingAudioPlayer implements AudioPlayer {
  private final int outputRate;
  private final int chunkSamples;
  private final Consumer<AudioChunk> sink;
  private final BooleanSupplier cancelled;
  private AudioFormat format;
  private Resampler resampler;
  private short[] pending = new short[0];
  private boolean bigEndian = true;
  private int sourceRate;
  private float volume = 1;

  /**
   * @param outputRate samples per second of the chunks sent
   * @param chunkMs duration of each chunk (the last may be shorter)
   * @param sink receives chunks in order
   * @param cancelled true once the request is cancelled
   */
  ChunkingAudioPlayer(int outputRate, int chunkMs, Consumer<AudioChunk> sink, BooleanSupplier cancelled) {
    this.outputRate = outputRate;
    this.chunkSamples = outputRate * chunkMs / 1000;
    this.sink = sink;
    this.cancelled = cancelled;
  }

  @Override
  public void setAudioFormat(AudioFormat format) {
    if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
      throw new IllegalArgumentException("the voice produces " + format + "; expected 16-bit mono");
    }
    this.format = format;
    this.bigEndian = format.isBigEndian();
    int rate = Math.round(format.getSampleRate());
    if (rate != sourceRate) {
      sourceRate = rate;
      resampler = new Resampler(rate, outputRate);
    }
  }

  @Override
  public AudioFormat getAudioFormat() {
    return format;
  }

  @Override
  public boolean write(byte[] audio) {
    return write(audio, 0, audio.length);
  }

  @Override
  public boolean write(byte[] audio, int offset, int size) {
    if (cancelled.getAsBoolean()) {
      return false;
    }
    short[] samples = new short[size / 2];
    ByteBuffer.wrap(audio, offset, size).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer().get(samples);
    append(resampler.process(samples));
    while (pending.length >= chunkSamples) {
      send(chunkSamples);
    }
    return !cancelled.getAsBoolean();
  }

  /** Sends what is left (the filter's tail and a last short chunk); the stream's audio ends here. */
  void finish() {
    if (resampler != null) {
      append(resampler.flush());
    }
    while (pending.length > 0 && !cancelled.getAsBoolean()) {
      send(Math.min(chunkSamples, pending.length));
    }
  }

  private void append(short[] more) {
    short[] joined = new short[pending.length + more.length];
    System.arraycopy(pending, 0, joined, 0, pending.length);
    System.arraycopy(more, 0, joined, pending.length, more.length);
    pending = joined;
  }

  private void send(int samples) {
    sink.accept(AudioChunk.newBuilder().setSampleRate(outputRate).setPcm16(Pcm16.toBytes(pending, 0, samples))
        .build());
    short[] rest = new short[pending.length - samples];
    System.arraycopy(pending, samples, rest, 0, rest.length);
    pending = rest;
  }

  // The rest of a sound card's life has no meaning here.

  @Override
  public void pause() {}

  @Override
  public void resume() {}

  @Override
  public void reset() {}

  @Override
  public boolean drain() {
    return true;
  }

  @Override
  public void begin(int size) {}

  @Override
  public boolean end() {
    return !cancelled.getAsBoolean();
  }

  @Override
  public void cancel() {}

  @Override
  public void close() {}

  @Override
  public float getVolume() {
    return volume;
  }

  @Override
  public void setVolume(float volume) {
    this.volume = volume;
  }

  @Override
  public long getTime() {
    return 0;
  }

  @Override
  public void resetTime() {}

  @Override
  public void startFirstSampleTimer() {}

  @Override
  public void showMetrics() {}
}
