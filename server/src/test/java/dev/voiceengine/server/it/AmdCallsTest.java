package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.conversation.amd.AmdDetector;
import dev.voiceengine.conversation.amd.AmdSettings;
import dev.voiceengine.testsupport.audio.GreetingSet;
import dev.voiceengine.testsupport.sip.SippUas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answering-machine detection on real outbound calls: the engine dials sipp, which answers and plays one labelled
 * held-out greeting (people's hellos, machines' greetings with and without a beep, a beep-only box) as RTP; the
 * agent screens with {@code voicemail: {detect: true, action: leave_message}}. The stored record must carry the
 * verdict the detector reaches on the same clip in process (fed 20 ms frames of the clip), at about the same
 * time: the network, the jitter buffer, μ-law and the engine's voice activity gate are all that differ. A person
 * is greeted after the verdict; a machine hears the message after its beep (or its greeting's end) and the agent
 * hangs up with {@code voicemail_left}. The calls run at once, one sipp and one trunk each.
 */
class AmdCallsTest {
  /** Short clips the detector gets right in process: two people, three machines with a beep, one without, a box. */
  private static final List<String> CLIPS = List.of("h000-human-human", "h021-repeated_hellos-human",
      "h033-machine-machine", "h037-machine-machine", "h042-machine-machine", "h051-two_word_machine-machine",
      "h057-beep_only-machine");
  private static final String MESSAGE = "Hello, this is the clinic calling about your appointment, please call us"
      + " back.";
  /** How far the end-to-end decision may sit from the in-process one: RTP and jitter buffer delay, VAD gating. */
  private static final long DECISION_SLACK_MS = 400;
  private static final Duration CALL_LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  /** What the detector decides on the clip alone, fed as a call feeds it (silence after the clip). */
  record InProcess(AmdDetector.Verdict verdict, String reason, long decisionMs, long beepAtMs) {
    static InProcess of(GreetingSet.Clip c) {
      AmdDetector d = new AmdDetector(AmdSettings.DEFAULTS);
      short[] frame = new short[160];
      int total = Math.max(c.pcm().length, (AmdSettings.DEFAULTS.timeoutMs() + 100) * 8);
      for (int at = 0; at + frame.length <= total; at += frame.length) {
        Arrays.fill(frame, (short) 0);
        if (at < c.pcm().length) {
          System.arraycopy(c.pcm(), at, frame, 0, Math.min(frame.length, c.pcm().length - at));
        }
        d.accept(frame, 0, frame.length);
      }
      long beep = d.beep().beepStart();
      return new InProcess(d.verdict(), d.reason(), d.decisionMs(), beep < 0 ? -1 : beep / 8);
    }

    String result() {
      return verdict.wire();
    }
  }

  /** One call: the clip sipp plays, what the detector made of it in process, and the call's id. */
  record Placed(GreetingSet.Clip clip, InProcess expected, SippUas uas, String callId) {
    boolean machine() {
      return clip.label() == GreetingSet.Label.MACHINE;
    }
  }

  private static String yaml(List<SippUas> uases) {
    StringBuilder y = new StringBuilder("""
        agents:
          - id: screener
            first_message: Hello, this is the clinic calling, do you have a moment?
            voicemail:
              detect: true
              action: leave_message
              message: "%s"
              max_wait_for_beep_seconds: 6
              timeout_seconds: %d
        trunks:
          - id: local
        """.formatted(MESSAGE, AmdSettings.DEFAULTS.timeoutMs() / 1000));
    for (int i = 0; i < uases.size(); i++) {
      y.append("  - id: t").append(i).append("\n    outbound: {host: 127.0.0.1, port: ").append(uases.get(i).port())
          .append(", caller_ids: [\"+15559876543\"], ring_timeout_seconds: 10}\n");
    }
    return y.toString();
  }

  @Test
  void labelledGreetingsPlayedBySippGetTheirVerdictAndTheAgentActsOnIt() throws Exception {
    List<GreetingSet.Clip> clips = GreetingSet.heldOut(Path.of("target", "amd-greetings")).stream()
        .filter(c -> CLIPS.contains(c.name())).toList();
    assertThat(clips).extracting(GreetingSet.Clip::name).containsExactlyInAnyOrderElementsOf(CLIPS);
    List<Placed> placed = new ArrayList<>();
    List<SippUas> uases = new ArrayList<>();
    try {
      for (GreetingSet.Clip clip : clips) {
        Path work = Files.createDirectories(dir.resolve("uas-" + clip.name()));
        Path ulaw = GreetingSet.writeUlaw(clip.pcm(), work.resolve(clip.name() + ".ulaw")).toAbsolutePath();
        uases.add(SippUas.start(work, "uas_amd_answer.xml", Map.of("@ULAW_FILE@", ulaw.toString()), "udp",
            CALL_LIMIT));
      }
      try (EngineFixture e = EngineFixture.start(dir, yaml(uases))) {
        for (int i = 0; i < clips.size(); i++) {
          GreetingSet.Clip clip = clips.get(i);
          InProcess expected = InProcess.of(clip);
          assertThat(expected.verdict() == AmdDetector.Verdict.MACHINE)
              .as("%s is a clip the detector gets right in process: %s", clip.name(), expected)
              .isEqualTo(clip.label() == GreetingSet.Label.MACHINE);
          String id = UUID.randomUUID().toString();
          assertThat(e.engine.commands().dial(new OutboundDial(id, "screener", "+1555000123" + i, null, "t" + i,
              Map.of(), null, Map.of()))).isInstanceOf(DialAdmission.Accepted.class);
          placed.add(new Placed(clip, expected, uases.get(i), id));
        }
        for (Placed p : placed) {
          if (!p.machine()) {
            awaitAgentTurn(e, p.callId()); // a person is greeted; then the test hangs up like one
            e.engine.commands().end(p.callId());
          }
        }
        for (Placed p : placed) {
          assertThat(p.uas().await()).as("sipp for %s\n%s", p.clip().name(), p.uas().output()).isZero();
        }
        e.awaitCalls("?limit=50", Duration.ofSeconds(20), d -> d.size() == placed.size()
            && allEnded(d));
        StringBuilder table = new StringBuilder();
        for (Placed p : placed) {
          JsonNode call = e.api.get("/v1/calls/" + p.callId());
          table.append(row(p, call)).append('\n');
        }
        System.out.println("AMD end to end vs in process:\n" + table);
        for (Placed p : placed) {
          check(p, e.api.get("/v1/calls/" + p.callId()), table.toString());
        }
      }
    } finally {
      for (SippUas u : uases) {
        u.close();
      }
    }
  }

  private static void check(Placed p, JsonNode call, String table) {
    String what = p.clip().name() + " in\n" + table + "record: " + call;
    JsonNode amd = call.get("amd");
    assertThat(amd.isNull()).as(what).isFalse();
    assertThat(amd.get("result").asText()).as(what).isEqualTo(p.expected().result());
    long decision = amd.get("decision_ms").asLong();
    assertThat(decision).as(what).isPositive();
    assertThat(Math.abs(decision - p.expected().decisionMs())).as("decision time vs in process: " + what)
        .isLessThanOrEqualTo(DECISION_SLACK_MS);
    assertThat(call.get("went_to_voicemail").asBoolean()).as(what).isEqualTo(p.machine());
    JsonNode agentTurn = firstAgentTurn(call);
    assertThat(agentTurn).as("the agent spoke: " + what).isNotNull();
    assertThat(agentTurn.get("start_ms").asLong()).as("the agent spoke after the verdict: " + what)
        .isGreaterThanOrEqualTo(decision);
    if (p.clip().beepAt() >= 0) {
      assertThat(amd.get("beep_at_ms").isNull()).as("the beep was heard: " + what).isFalse();
      long beepAt = amd.get("beep_at_ms").asLong();
      assertThat(Math.abs(beepAt - p.expected().beepAtMs())).as("beep onset vs in process: " + what)
          .isLessThanOrEqualTo(DECISION_SLACK_MS);
      assertThat(agentTurn.get("start_ms").asLong()).as("the message follows the beep: " + what)
          .isGreaterThan(beepAt);
    } else {
      assertThat(amd.get("beep_at_ms").isNull()).as("no beep was played: " + what).isTrue();
    }
    if (p.machine()) {
      assertThat(call.get("outcome").asText()).as(what).isEqualTo("voicemail_left");
      assertThat(agentTurn.get("text").asText()).as(what).isEqualTo(MESSAGE);
    } else {
      assertThat(agentTurn.get("text").asText()).as(what).startsWith("Hello, this is the clinic calling");
    }
  }

  private static String row(Placed p, JsonNode call) {
    JsonNode amd = call.get("amd");
    JsonNode turn = firstAgentTurn(call);
    return String.format("%-32s label %-7s | in process %-7s %-15s %5d ms beep %5d | end to end %-7s %5s ms"
            + " beep %5s | agent at %5s | outcome %s", p.clip().name(), p.clip().label(), p.expected().result(),
        p.expected().reason(), p.expected().decisionMs(), p.expected().beepAtMs(),
        amd == null || amd.isNull() ? "-" : amd.get("result").asText(),
        amd == null || amd.isNull() ? "-" : amd.get("decision_ms").asText(),
        amd == null || amd.isNull() ? "-" : amd.get("beep_at_ms").asText(),
        turn == null ? "-" : turn.get("start_ms").asText(), call.get("outcome").asText());
  }

  private static JsonNode firstAgentTurn(JsonNode call) {
    JsonNode turns = call.get("transcript");
    if (turns != null) {
      for (JsonNode t : turns) {
        if (t.get("role").asText().equals("agent")) {
          return t;
        }
      }
    }
    return null;
  }

  private static boolean allEnded(JsonNode data) {
    for (JsonNode c : data) {
      if (c.get("ended_at").isNull()) {
        return false;
      }
    }
    return true;
  }

  /** Polls the call until its first agent turn is stored, or fails after the call limit. */
  private static void awaitAgentTurn(EngineFixture e, String id) throws Exception {
    long deadline = System.nanoTime() + CALL_LIMIT.toNanos();
    JsonNode call = null;
    while (System.nanoTime() < deadline) {
      e.engine.flushEvents();
      call = e.api.get("/v1/calls/" + id);
      if (firstAgentTurn(call) != null || !call.get("ended_at").isNull()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the agent never spoke on " + id + "; last: " + call);
  }
}
