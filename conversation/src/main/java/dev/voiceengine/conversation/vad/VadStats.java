package dev.voiceengine.conversation.vad;

/**
 * What a VAD engine has done so far, for metrics: the cost of voice activity detection per call-second is
 * {@code cpuNanos} over the call-seconds served.
 *
 * @param windows  windows handed to the detector (gated ones included)
 * @param inferred windows the model ran on
 * @param dropped  windows dropped because inference was too far behind
 * @param batches  model runs
 * @param cpuNanos CPU time of the detector's own thread(s); 0 when detection runs on the calls' loops
 */
public record VadStats(long windows, long inferred, long dropped, long batches, long cpuNanos) {
  public static final VadStats NONE = new VadStats(0, 0, 0, 0, 0);
}
