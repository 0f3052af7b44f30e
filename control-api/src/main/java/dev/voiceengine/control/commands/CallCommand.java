package dev.voiceengine.control.commands;

/** One command for a live call, as {@code POST /v1/calls/{id}/control} and gRPC ControlCall take them. */
public sealed interface CallCommand {

  /** End the call (same as {@link CallCommands#end}). */
  record Hangup() implements CallCommand {}

  /** The agent says this now, as its next turn. */
  record Say(String text) implements CallCommand {}

  /** Send these keys to the far end as RFC 4733 telephone-events: 0-9, *, #, A-D. */
  record SendDtmf(String digits) implements CallCommand {}

  /** Silence the agent's audio towards the far end (the conversation goes on). */
  record Mute() implements CallCommand {}

  /** Undo {@link Mute}. */
  record Unmute() implements CallCommand {}

  /** Blind transfer by SIP REFER (RFC 3515) to an E.164 number or a SIP URI. */
  record Transfer(String target) implements CallCommand {}
}
