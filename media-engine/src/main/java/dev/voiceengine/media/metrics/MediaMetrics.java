package dev.voiceengine.media.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Engine-wide media health, recorded by every call on its own event loop and read by whoever exports metrics: how
 * evenly outbound packets leave (deviation of each packet's interval from the 20 ms frame), how long a caller waits
 * after the answer before hearing the agent, and how often the pacer had to catch up or skip frames because its loop
 * ran late. All fields are safe to record from any thread.
 */
public final class MediaMetrics {
  /** |interval between two consecutive outbound packets of a call − frame duration|. */
  private final LatencyHistogram sendIntervalDeviation =
      LatencyHistogram.ofMillis(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100);
  /** Answer → the first agent frame with sound in it (the greeting) sent. */
  private final LatencyHistogram answerToFirstAudio =
      LatencyHistogram.ofMillis(1, 2, 5, 10, 20, 50, 100, 150, 250, 500, 1000, 2000, 5000);
  private final LongAdder packetsOut = new LongAdder();
  private final LongAdder frames = new LongAdder();
  private final LongAdder framesCaughtUp = new LongAdder();
  private final LongAdder framesSkipped = new LongAdder();
  private final LongAdder callsStarted = new LongAdder();

  public LatencyHistogram sendIntervalDeviation() {
    return sendIntervalDeviation;
  }

  public LatencyHistogram answerToFirstAudio() {
    return answerToFirstAudio;
  }

  /** One outbound RTP packet sent. */
  public void packetSent() {
    packetsOut.increment();
  }

  /** One call's 20 ms frame ran; {@code late} when it ran a period or more after it was due. */
  public void frameRun(boolean late) {
    frames.increment();
    if (late) {
      framesCaughtUp.increment();
    }
  }

  /** Frames skipped after a stall of the call's loop. */
  public void framesSkipped(long frames) {
    framesSkipped.add(frames);
  }

  /** A call's media started (answered). */
  public void callStarted() {
    callsStarted.increment();
  }

  /** Frames run so far (all calls). */
  public long frames() {
    return frames.sum();
  }

  public long packetsOut() {
    return packetsOut.sum();
  }

  public long framesCaughtUp() {
    return framesCaughtUp.sum();
  }

  public long framesSkipped() {
    return framesSkipped.sum();
  }

  public long callsStarted() {
    return callsStarted.sum();
  }
}
