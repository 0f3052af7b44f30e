package dev.voiceengine.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  @Test
  void dispatchesOnBlankLinesJoinsDataLinesAndIgnoresCommentsAndOtherFields() {
    SseParser p = new SseParser();
    List<String> events = new ArrayList<>();
    for (String line : new String[] {
        ": ping", "", "event: message", "id: 7", "data: {\"a\":1}", "", "data:x", "data: y", "", "data: [DONE]"}) {
      String e = p.line(line);
      if (e != null) {
        events.add(e);
      }
    }
    events.add(p.finish());

    assertThat(events).containsExactly("{\"a\":1}", "x\ny", "[DONE]");
    assertThat(p.finish()).isNull();
  }
}
