package dev.voiceengine.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the media side runs.
 *
 * @param bindAddress      local address for RTP sockets
 * @param rtpPortMin       first port of the RTP range (even ports are used, RFC 3550 §11)
 * @param rtpPortMax       last port of the RTP range
 * @param noMediaTimeout   no RTP received for this long ends the call (outcome "no_media_timeout")
 * @param dataDir          recordings go to dataDir/recordings/<call id>.wav
 * @param record           whether calls are recorded
 * @param jitterDelay      playout delay of the jitter buffer (how long a packet may be late and still be played)
 * @param eventLoopThreads Netty event loops for RTP; 0 means one per core
 */
public record MediaSettings(
    String bindAddress,
    int rtpPortMin,
    int rtpPortMax,
    Duration noMediaTimeout,
    Path dataDir,
    boolean record,
    Duration jitterDelay,
    int eventLoopThreads) {}
