package dev.voiceengine.conversation;

import dev.voiceengine.conversation.amd.VoicemailScreen;
import dev.voiceengine.media.CallContext;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.util.function.BiConsumer;

/** What the voicemail screen may make a conversation do: speak (then maybe hang up), hang up, report. */
record ScreenedAgent(BiConsumer<String, String> speak, CallContext ctx) implements VoicemailScreen.Agent {
  @Override
  public void say(String text, String hangUpOutcome) {
    speak.accept(text, hangUpOutcome);
  }

  @Override
  public void hangUp(String outcome) {
    ctx.hangup(outcome);
  }

  @Override
  public void emit(CallEvent event) {
    ctx.emit(event);
  }
}
