package dev.voiceengine.conversation;

import dev.voiceengine.conversation.amd.VoicemailSettings;
import dev.voiceengine.conversation.turn.TurnSettings;
import dev.voiceengine.proto.provider.v1.ToolDeclaration;
import java.util.List;
import java.util.Objects;

/**
 * Everything about an agent that the conversation needs: what it says first, how it is instructed, which phrases the
 * recogniser should expect, how it takes turns, what it does on provider failures, its voice, its tools and whether it screens for
 * answering machines.
 */
public record AgentProfile(
    String agentId,
    String firstMessage,
    String instructions,
    List<String> phrases,
    TurnSettings turn,
    FailurePolicy failure,
    String voice,
    String language,
    List<ToolDeclaration> tools,
    VoicemailSettings voicemail) {

  /** An agent that does not screen for answering machines. */
  public AgentProfile(String agentId, String firstMessage, String instructions, List<String> phrases,
      TurnSettings turn, FailurePolicy failure, String voice, String language, List<ToolDeclaration> tools) {
    this(agentId, firstMessage, instructions, phrases, turn, failure, voice, language, tools, null);
  }

  public AgentProfile {
    Objects.requireNonNull(agentId, "agentId");
    firstMessage = firstMessage == null ? "" : firstMessage;
    instructions = instructions == null ? "" : instructions;
    phrases = phrases == null ? List.of() : List.copyOf(phrases);
    turn = turn == null ? TurnSettings.DEFAULTS : turn;
    failure = failure == null ? FailurePolicy.DEFAULTS : failure;
    voice = voice == null ? "" : voice;
    language = language == null ? "" : language;
    tools = tools == null ? List.of() : List.copyOf(tools);
    voicemail = voicemail == null ? VoicemailSettings.OFF : voicemail;
  }

  /** The tools every agent has: ending the call and transferring it. */
  public static List<ToolDeclaration> standardTools() {
    return List.of(
        ToolDeclaration.newBuilder().setName("end_call")
            .setDescription("End the call after saying goodbye.")
            .setParametersJsonSchema("{\"type\":\"object\",\"properties\":{}}").build(),
        ToolDeclaration.newBuilder().setName("transfer")
            .setDescription("Transfer the caller to a person or another number.")
            .setParametersJsonSchema("{\"type\":\"object\",\"properties\":{\"target\":{\"type\":\"string\"}}}")
            .build());
  }
}
