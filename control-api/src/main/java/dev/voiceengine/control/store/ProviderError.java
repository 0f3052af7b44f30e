package dev.voiceengine.control.store;

/**
 * A provider that failed during a call, and what the engine did about it. Kept so an operator can see why a call
 * went wrong without digging through logs.
 *
 * @param capability "stt", "llm" or "tts"
 * @param provider the provider as configured, e.g. "grpc://10.0.0.5:7000"
 * @param code the gRPC status code name, e.g. "UNAVAILABLE"
 * @param message what the provider or the engine said; may be null
 * @param atMs milliseconds from the answer of the call
 * @param action what the engine did: "apologized", "hung_up", "retried", "ignored"; may be null
 */
public record ProviderError(
    String capability, String provider, String code, String message, long atMs, String action) {}
