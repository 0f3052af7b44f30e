package dev.voiceengine.control.store;

/**
 * One turn of a call's conversation, as the engine reported it when the turn ended. Kept apart from the proto type
 * so the store does not change shape when the wire contract grows.
 *
 * @param index 0, 1, 2… in the order the turns started; unique within a call (a replayed turn is not stored twice)
 * @param role who spoke; null when the engine did not say
 * @param text caller: the final transcript; agent: what was actually played (cut where the caller interrupted)
 * @param startMs milliseconds from the answer of the call
 * @param endMs milliseconds from the answer of the call
 * @param interrupted agent only: the caller spoke over the agent and the rest of the reply was abandoned
 * @param latencies caller only: how long each stage of the exchange took; null for agent turns
 * @param intendedText agent only: the whole reply the model wrote; null when unknown
 */
public record CallTurn(
    int index,
    TurnRole role,
    String text,
    long startMs,
    long endMs,
    boolean interrupted,
    TurnLatencies latencies,
    String intendedText) {}
