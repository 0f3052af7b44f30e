package dev.voiceengine.control.commands;

/**
 * An agent as the API shows it: no secrets, no script.
 *
 * @param active  whether calls may be placed with it (inactive agents are kept for their records)
 */
public record AgentSummary(String id, String name, boolean active, String firstMessage, boolean voicemailDetection) {}
