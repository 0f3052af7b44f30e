package dev.voiceengine.server.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An agent: who answers the calls routed to it, and how.
 *
 * @param id                referenced by trunks' number maps and stored on every call
 * @param name              a display name
 * @param greeting          a WAV (PCM16 mono 8 kHz) played at answer instead of the spoken first message, relative
 *                          to the config file
 * @param firstMessage      what the agent says first; default the script's first message
 * @param instructions      the system prompt, for language-model providers
 * @param voice             the TTS voice (empty: the provider's default)
 * @param language          BCP-47, e.g. en-US (empty: the providers' default)
 * @param turn              turn-taking and barge-in settings
 * @param onProviderError   what to do when a provider fails
 * @param script            the scripted agent's intents and replies (also the recogniser's phrase hints); default
 *                          the shipped receptionist
 * @param voicemail         answering-machine screening (off when unset)
 * @param analysis          post-call analysis: custom fields, tags, the success rule and an optional model (see
 *                          {@code AgentAnalyses}); null: the heuristic with the default tags
 * @param org               the organization the agent belongs to (default {@value #DEFAULT_ORG}): only its API keys
 *                          see the agent and place calls with it, and the calls it answers belong to it
 */
public record AgentConfig(
    String id,
    String name,
    String greeting,
    String firstMessage,
    String instructions,
    String voice,
    String language,
    TurnConfig turn,
    FailureConfig onProviderError,
    JsonNode script,
    VoicemailConfig voicemail,
    JsonNode analysis,
    String org) {
  /** The organization of agents and trunks configured without one. */
  public static final String DEFAULT_ORG = "default";

  /** An agent of the default organization. */
  public AgentConfig(String id, String name, String greeting, String firstMessage, String instructions, String voice,
      String language, TurnConfig turn, FailureConfig onProviderError, JsonNode script, VoicemailConfig voicemail,
      JsonNode analysis) {
    this(id, name, greeting, firstMessage, instructions, voice, language, turn, onProviderError, script, voicemail,
        analysis, null);
  }

  /** The organization, {@value #DEFAULT_ORG} when none is configured. */
  public String organization() {
    return org == null || org.isBlank() ? DEFAULT_ORG : org;
  }

  public static AgentConfig demo() {
    return new AgentConfig(EngineConfig.DEFAULT_AGENT, "Reception", null, null, null, null, null, null, null, null,
        null, null);
  }
}
