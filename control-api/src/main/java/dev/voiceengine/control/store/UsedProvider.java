package dev.voiceengine.control.store;

/**
 * What one call used of one provider. Only the counters of the provider's capability mean something (speech to
 * text: audio seconds; language model: tokens; text to speech: characters); the others are 0.
 *
 * @param provider the provider as configured; may be null
 * @param model the model it ran; may be null
 * @param requests requests made (streams opened)
 */
public record UsedProvider(
    String provider,
    String model,
    double audioSeconds,
    long inputTokens,
    long outputTokens,
    long characters,
    long requests) {}
