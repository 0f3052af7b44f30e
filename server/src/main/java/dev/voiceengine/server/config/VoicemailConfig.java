package dev.voiceengine.server.config;

/**
 * Answering-machine screening of an agent's answered calls (meant for outbound calls): with {@code detect} true the
 * agent says nothing until it knows whether a person or a machine answered; on a machine it either leaves
 * {@code message} after the beep ({@code action} "leave_message") or hangs up ("hang_up", the default).
 * {@code max_wait_for_beep_seconds} (default 20) bounds the wait for the beep; {@code timeout_seconds} (default 5)
 * bounds the detection itself (no verdict by then: treated as a person). Unset keys keep the defaults.
 */
public record VoicemailConfig(Boolean detect, String action, String message, Double maxWaitForBeepSeconds,
    Double timeoutSeconds) {}
