package dev.voiceengine.control.commands;

/**
 * An agent as the API shows it: no secrets, no script.
 *
 * @param active  whether calls may be placed with it (inactive agents are kept for their records)
 * @param orgId   the organization it belongs to: only that organization's keys see it and place calls with it,
 *                and calls it answers belong to it
 */
public record AgentSummary(String id, String name, boolean active, String firstMessage, boolean voicemailDetection,
    String orgId) {
  public AgentSummary {
    orgId = orgId == null || orgId.isBlank() ? "default" : orgId;
  }

  /** An agent of the default organization. */
  public AgentSummary(String id, String name, boolean active, String firstMessage, boolean voicemailDetection) {
    this(id, name, active, firstMessage, voicemailDetection, null);
  }
}
