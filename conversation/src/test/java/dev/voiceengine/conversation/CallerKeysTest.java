package dev.voiceengine.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys the caller presses become one caller turn for the agent: at '#', after a pause, or at the most keys. */
class CallerKeysTest {

  @Test
  void hashEndsTheKeysAtOnce() {
    CallerKeys keys = new CallerKeys();
    keys.press('1', 8000);
    keys.press('2', 9600);
    assertThat(keys.due(9760)).isNull();
    keys.press('#', 11200);
    Exchange e = keys.due(11360);
    assertThat(e.text).isEqualTo("[pressed 12#]");
    assertThat(e.startMs).isEqualTo(1000);
    assertThat(e.endMs).isEqualTo(1400);
    assertThat(e.keys).isTrue();
    assertThat(keys.due(11520)).as("taken once").isNull();
  }

  @Test
  void aPauseEndsTheKeysAndTooManyEndThemToo() {
    CallerKeys keys = new CallerKeys();
    keys.press('5', 1000);
    assertThat(keys.due(1000 + CallerKeys.PAUSE_MS * 8 - 1)).isNull();
    assertThat(keys.due(1000 + CallerKeys.PAUSE_MS * 8).text).isEqualTo("[pressed 5]");
    for (int i = 0; i < CallerKeys.MAX_KEYS; i++) {
      keys.press('7', 50_000 + i);
    }
    assertThat(keys.due(50_000 + CallerKeys.MAX_KEYS).text).isEqualTo("[pressed " + "7".repeat(32) + "]");
  }

  /** The agent hears the keys as the caller's words, they stay in its history, and no caller turn is emitted. */
  @Test
  void theAgentIsToldOfTheKeysAndReplies() {
    ConversationHarness h = new ConversationHarness().start().untilAgentDone(5000);
    int turnsBefore = h.turns().size();
    h.conversation.callerKey('4');
    h.conversation.callerKey('2');
    h.silence(100);
    assertThat(h.providers.llmRequests).as("waits for more keys").isEmpty();
    h.conversation.callerKey('#');
    h.silence(40);
    assertThat(h.providers.llmRequests).hasSize(1);
    List<Message> messages = h.providers.llmRequests.get(0).getMessagesList();
    assertThat(messages.get(messages.size() - 1).getText()).isEqualTo("[pressed 42#]");
    assertThat(messages.get(messages.size() - 1).getRole()).isEqualTo(Message.Role.USER);
    h.untilAgentDone(10_000);
    assertThat(h.turns()).as("only the agent's reply: the keys are DtmfReceived events")
        .hasSize(turnsBefore + 1);
    h.conversation.callerKey('9');
    h.silence(CallerKeys.PAUSE_MS + 100);
    GenerateRequest second = h.providers.llmRequests.get(1);
    assertThat(second.getMessagesList()).extracting(Message::getText).contains("[pressed 42#]");
    assertThat(second.getMessages(second.getMessagesCount() - 1).getText()).isEqualTo("[pressed 9]");
  }
}
