package dev.voiceengine.conversation.vad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebRtcVadEngineTest {
  @Test
  void reportsEvery30MsOnTheCallLoopInOrder() throws Exception {
    VadTestSet speech = VadTestSet.speech();
    try (WebRtcVadEngine engine = new WebRtcVadEngine()) {
      List<VadResults.Result> results = VadResults.run(engine, speech.pcm, WebRtcProcessor.WINDOW);
      assertThat(results).hasSize(speech.pcm.length / WebRtcProcessor.WINDOW);
      for (int k = 0; k < results.size(); k++) {
        assertThat(results.get(k).endSample()).isEqualTo((long) (k + 1) * WebRtcProcessor.WINDOW);
        assertThat(results.get(k).thread().getName()).isEqualTo("test-call-loop");
        assertThat(results.get(k).probability()).isBetween(0f, 1f);
      }
      assertThat(results.get(0).probability()).as("the first window is silence, not the detector's start value").isLessThan(0.5f);
      assertThat(engine.droppedWindows()).isZero();
    }
  }
}
