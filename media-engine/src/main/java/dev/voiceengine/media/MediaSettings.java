package dev.voiceengine.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the media side runs.
 *
 * @param bindAddress            local address for RTP sockets
 * @param rtpPortMin             first port of the RTP range (even ports are used, RFC 3550 §11)
 * @param rtpPortMax             last port of the RTP range
 * @param noMediaTimeout         no RTP received for this long ends the call (outcome "no_media_timeout")
 * @param dataDir                recordings go to dataDir/recordings/<call id>.wav
 * @param record                 whether calls are recorded
 * @param jitterDelay            playout delay of the jitter buffer (how long a packet may be late and still be played)
 * @param eventLoopThreads       Netty event loops for RTP; 0 means one per core
 * @param recordingBudgetBytes   recorded audio that may wait for the disk, all calls together; beyond it audio is
 *                               dropped (and recorded as silence); 0 means {@link #DEFAULT_RECORDING_BUDGET_BYTES}
 * @param recordingFinishTimeout how long the end of a call waits for its recording to close before CallEnded is
 *                               emitted without it; null or not positive means
 *                               {@link #DEFAULT_RECORDING_FINISH_TIMEOUT}
 */
public record MediaSettings(
    String bindAddress,
    int rtpPortMin,
    int rtpPortMax,
    Duration noMediaTimeout,
    Path dataDir,
    boolean record,
    Duration jitterDelay,
    int eventLoopThreads,
    long recordingBudgetBytes,
    Duration recordingFinishTimeout) {
  /** 64 MiB: bounded heap whatever the number of calls, yet minutes of slack for one slow disk. */
  public static final long DEFAULT_RECORDING_BUDGET_BYTES = 64L << 20;
  public static final Duration DEFAULT_RECORDING_FINISH_TIMEOUT = Duration.ofSeconds(10);

  /** Settings with the default recording budget and finish timeout. */
  public MediaSettings(String bindAddress, int rtpPortMin, int rtpPortMax, Duration noMediaTimeout, Path dataDir,
      boolean record, Duration jitterDelay, int eventLoopThreads) {
    this(bindAddress, rtpPortMin, rtpPortMax, noMediaTimeout, dataDir, record, jitterDelay, eventLoopThreads, 0,
        null);
  }

  /** The recording budget to use, the default when not set. */
  public long effectiveRecordingBudgetBytes() {
    return recordingBudgetBytes > 0 ? recordingBudgetBytes : DEFAULT_RECORDING_BUDGET_BYTES;
  }

  /** The recording finish timeout to use, the default when not set. */
  public Duration effectiveRecordingFinishTimeout() {
    return recordingFinishTimeout == null || recordingFinishTimeout.isZero() || recordingFinishTimeout.isNegative()
        ? DEFAULT_RECORDING_FINISH_TIMEOUT : recordingFinishTimeout;
  }
}
