package dev.voiceengine.server.config;

/**
 * What an agent does when a provider fails mid-call: {@code action} "apologize" (say {@code apology}, listen again)
 * or "hang_up" (say {@code goodbye}, end the call); after {@code max_consecutive_failures} failures in a row it hangs
 * up whatever the action. Unset keys keep the defaults.
 */
public record FailureConfig(String action, String apology, String goodbye, Integer maxConsecutiveFailures) {}
