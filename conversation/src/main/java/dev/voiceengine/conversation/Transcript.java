package dev.voiceengine.conversation;

import com.google.protobuf.Timestamp;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.ProviderFailed;
import dev.voiceengine.proto.control.v1.TurnCompleted;
import dev.voiceengine.proto.control.v1.TurnMetrics;
import dev.voiceengine.proto.provider.v1.Message;
import dev.voiceengine.proto.provider.v1.ToolCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation so far, kept twice: as the message history the language model reads, and as the numbered turns
 * emitted as events (and stored on the call record). The call's loop only.
 */
final class Transcript {
  private final String callId;
  private final List<Message> messages = new ArrayList<>();
  private int nextIndex;

  Transcript(String callId) {
    this.callId = callId;
  }

  List<Message> messages() {
    return messages;
  }

  /** The caller's turn: appended to the history and returned as its event. */
  CallEvent caller(String text, long startMs, long endMs, TurnMetrics metrics) {
    messages.add(Message.newBuilder().setRole(Message.Role.USER).setText(text).build());
    return event(TurnCompleted.newBuilder().setRole(TurnCompleted.Role.CALLER).setText(text)
        .setStartMs(startMs).setEndMs(endMs).setMetrics(metrics));
  }

  /** Keys the caller pressed, as the caller's words: appended to the history only (the events record each key). */
  void keys(String text) {
    messages.add(Message.newBuilder().setRole(Message.Role.USER).setText(text).build());
  }

  /** The agent's turn: what was heard goes into the history (marked interrupted when cut). */
  CallEvent agent(String heard, String intended, long startMs, long endMs, boolean interrupted,
      List<ToolCall> toolCalls) {
    messages.add(Message.newBuilder().setRole(Message.Role.ASSISTANT).setText(heard).setInterrupted(interrupted)
        .addAllToolCalls(toolCalls).build());
    TurnCompleted.Builder turn = TurnCompleted.newBuilder().setRole(TurnCompleted.Role.AGENT).setText(heard)
        .setStartMs(startMs).setEndMs(endMs).setInterrupted(interrupted);
    if (!intended.equals(heard)) {
      turn.setIntendedText(intended);
    }
    return event(turn);
  }

  CallEvent providerFailed(ProviderFailed failed) {
    return base().setProviderFailed(failed).build();
  }

  private CallEvent event(TurnCompleted.Builder turn) {
    return base().setTurn(turn.setIndex(nextIndex++)).build();
  }

  private CallEvent.Builder base() {
    Instant now = Instant.now();
    return CallEvent.newBuilder().setCallId(callId)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
  }
}
