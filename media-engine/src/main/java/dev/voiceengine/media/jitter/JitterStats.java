package dev.voiceengine.media.jitter;

/**
 * What a jitter buffer saw, at one moment.
 *
 * @param received           audio packets pushed, of any kind (duplicates and late ones included); packets only
 *                           {@linkplain JitterBuffer#observe observed} are not counted
 * @param lost               sequence numbers never received (RFC 3550 A.3 "cumulative number of packets lost")
 * @param late               packets that arrived after their playout time and were dropped
 * @param duplicate          packets whose sequence number had already been received
 * @param resyncs            times the playout position was re-anchored (new SSRC, timestamp jump, run of late
 *                           packets)
 * @param skippedSamples     received samples dropped unplayed: past the maximum delay, skipped for a stalled pacer,
 *                           trimmed when playout started, or dropped to catch up
 * @param caughtUpSamples    samples the cursor jumped to wear off delay the stream did not need (after a delay spike,
 *                           or with a remote clock a little fast); the received ones among them are also in
 *                           {@code skippedSamples}
 * @param concealedSamples   samples played as silence because nothing had arrived for them
 * @param jitterMillis       interarrival jitter (RFC 3550 §6.4.1), milliseconds
 * @param maxJitterMillis    the largest value the jitter estimate reached
 * @param delayMillis        the playout delay aimed at, at that moment (see {@link JitterBuffer#currentDelayMs})
 * @param heldSamples        silence played without moving the cursor, growing the delay toward the target (also in
 *                           {@code concealedSamples})
 */
public record JitterStats(
    long received,
    long lost,
    long late,
    long duplicate,
    long resyncs,
    long skippedSamples,
    long caughtUpSamples,
    long concealedSamples,
    double jitterMillis,
    double maxJitterMillis,
    double delayMillis,
    long heldSamples) {}
