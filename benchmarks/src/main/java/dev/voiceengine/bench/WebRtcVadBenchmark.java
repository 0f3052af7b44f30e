package dev.voiceengine.bench;

import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.VoiceActivityDetector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** WebRTC's native voice activity detector per 10 ms frame (80 samples at 8 kHz), cycling through speech. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WebRtcVadBenchmark {
  private VoiceActivityDetector detector;
  private byte[][] frames;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    new AudioProcessing().dispose(); // loads the native library
    detector = new VoiceActivityDetector();
    short[] speech = VadSpeech.make();
    frames = new byte[speech.length / 80][160];
    for (int f = 0; f < frames.length; f++) {
      for (int i = 0; i < 80; i++) {
        short s = speech[f * 80 + i];
        frames[f][2 * i] = (byte) s;
        frames[f][2 * i + 1] = (byte) (s >> 8);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    detector.dispose();
  }

  @Benchmark
  public float frame() {
    detector.process(frames[next], 80, 8000);
    next = (next + 1) % frames.length;
    return detector.getLastVoiceProbability();
  }
}
