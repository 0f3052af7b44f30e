package dev.voiceengine.media.record;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What the recorders of one engine share: the pool that does their blocking I/O, the one memory budget for audio
 * waiting on the disk, how files are opened, the chunk layout, and how long the end of a call may wait for its
 * recording before reporting it unfinished.
 *
 * @param pool           shared pool for blocking file I/O
 * @param budget         engine-wide bytes allowed to wait for the disk
 * @param opener         opens a call's file ({@link #WAV} in production)
 * @param frameSamples   samples per channel in one frame (160 for 20 ms at 8 kHz)
 * @param framesPerChunk frames gathered before a write (25 → every 0.5 s)
 * @param finishTimeout  how long {@link CallRecorder#finish()} waits for the file to be closed
 */
public record RecordingContext(Executor pool, RecordingBudget budget, PcmOutput.Opener opener, int frameSamples,
    int framesPerChunk, Duration finishTimeout) {
  /** Call recordings as stereo WAV. */
  public static final PcmOutput.Opener WAV = file -> WavWriter.create(file, WavFormat.CALL_STEREO);
}
