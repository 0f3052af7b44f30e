package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.testsupport.audio.Sox;
import dev.voiceengine.testsupport.audio.SpeechFiles;
import dev.voiceengine.testsupport.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline agent holds a conversation with a real softphone: baresip plays a recorded request, the engine greets,
 * understands it and confirms the booking; what baresip heard holds the greeting and the reply, and the call record
 * holds the turns in order.
 */
class ConversationCallTest {
  @TempDir Path dir;

  @Test
  void theOfflineAgentUnderstandsABookingAndConfirmsIt() throws Exception {
    try (EngineFixture e = EngineFixture.start(dir)) {
      Path caller = SpeechFiles.padded(dir, "I would like to book an appointment for Friday", 5.0, 12.0);
      Path heardDir = Files.createDirectories(dir.resolve("heard"));
      Processes.Result r = Baresip.call(dir, caller, heardDir, e.sipPort(), Duration.ofSeconds(40));
      assertThat(r.output()).as(r.output()).contains("Call established");

      JsonNode listed = e.awaitCalls("?status=completed", Duration.ofSeconds(20), d -> d.size() == 1);
      String id = listed.get("data").get(0).get("id").asText();
      JsonNode call = e.api.get("/v1/calls/" + id);
      JsonNode turns = call.get("transcript");
      assertThat(turns).as("turns of %s", call).isNotNull();
      assertThat(turns.size()).as("turns of %s", call).isGreaterThanOrEqualTo(3);
      long previousStart = -1;
      for (JsonNode turn : turns) {
        assertThat(turn.get("start_ms").asLong()).as("turns in order: %s", turns).isGreaterThan(previousStart);
        previousStart = turn.get("start_ms").asLong();
      }
      assertThat(turns.get(0).get("role").asText()).isEqualTo("agent");
      JsonNode request = null;
      int requestAt = -1;
      for (int i = 0; i < turns.size(); i++) {
        String text = turns.get(i).get("text").asText().toLowerCase(Locale.ROOT);
        if (turns.get(i).get("role").asText().equals("caller") && text.contains("appointment")) {
          request = turns.get(i);
          requestAt = i;
          break;
        }
      }
      assertThat(request).as("a caller turn about an appointment in %s", turns).isNotNull();
      assertThat(request.get("text").asText().toLowerCase(Locale.ROOT)).as("call: %s", call).contains("friday");
      assertThat(requestAt + 1).as("a reply follows: %s", turns).isLessThan(turns.size());
      JsonNode reply = turns.get(requestAt + 1);
      assertThat(reply.get("role").asText()).isEqualTo("agent");
      assertThat(reply.get("text").asText().toLowerCase(Locale.ROOT)).contains("booked").contains("friday");

      short[] heard = Sox.channel(decodedWav(heardDir, r), 1);
      List<double[]> segments = speechSegments(heard);
      assertThat(segments).as("speech segments heard by baresip (start s, length s): greeting and reply")
          .hasSizeGreaterThanOrEqualTo(2);
      double replyStart = reply.get("start_ms").asLong() / 1000.0;
      assertThat(segments).as("one segment near the greeting, one near the reply")
          .anyMatch(s -> s[0] < 1.5)
          .anyMatch(s -> Math.abs(s[0] - replyStart) < 1.5);
    }
  }

  static Path decodedWav(Path heardDir, Processes.Result r) throws Exception {
    try (Stream<Path> files = Files.list(heardDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).findFirst().orElseThrow(
          () -> new AssertionError("baresip wrote no decoded audio; output:\n" + r.output()));
    }
  }

  /** Segments of speech by energy: 20 ms frames over an RMS of 300, pauses under 0.8 s bridged, 0.4 s minimum. */
  static List<double[]> speechSegments(short[] pcm) {
    List<double[]> out = new ArrayList<>();
    int frame = 160;
    int start = -1;
    int lastActive = -1;
    for (int f = 0; f * frame + frame <= pcm.length; f++) {
      double sum = 0;
      for (int i = 0; i < frame; i++) {
        sum += (double) pcm[f * frame + i] * pcm[f * frame + i];
      }
      boolean active = Math.sqrt(sum / frame) > 300;
      if (active) {
        if (start < 0 || f - lastActive > 40) {
          if (start >= 0) {
            add(out, start, lastActive);
          }
          start = f;
        }
        lastActive = f;
      }
    }
    if (start >= 0) {
      add(out, start, lastActive);
    }
    return out;
  }

  private static void add(List<double[]> out, int startFrame, int lastFrame) {
    double length = (lastFrame - startFrame + 1) * 0.02;
    if (length >= 0.4) {
      out.add(new double[] {startFrame * 0.02, length});
    }
  }
}
