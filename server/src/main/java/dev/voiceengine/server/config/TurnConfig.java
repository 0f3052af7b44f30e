package dev.voiceengine.server.config;

/**
 * How an agent takes turns (defaults in parentheses): the silence that ends the caller's turn (600 ms), how long
 * caller speech over the agent must last to interrupt it (300 ms) or how many recognised words (0: not counted), and
 * whether the agent can be interrupted at all (true).
 */
public record TurnConfig(
    Integer endpointSilenceMs, Integer minInterruptionMs, Integer minInterruptionWords, Boolean interruptible) {}
