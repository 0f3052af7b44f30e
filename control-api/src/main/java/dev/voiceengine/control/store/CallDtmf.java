package dev.voiceengine.control.store;

/**
 * One key the caller pressed, as the engine reported it when the key was released.
 *
 * @param seq        1, 2, 3… in the order the keys were reported within the call (0 before it is stored)
 * @param digit      "0"-"9", "*", "#", "A"-"D"
 * @param atMs       milliseconds from the answer of the call to the key going down
 * @param durationMs how long the key was held; 0 when its end was not seen
 * @param source     "rfc4733" (telephone-events) or "inband" (tones detected in the audio)
 */
public record CallDtmf(int seq, String digit, long atMs, long durationMs, String source) {}
