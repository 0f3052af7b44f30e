package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.providers.server.ProviderServer;
import dev.voiceengine.testsupport.audio.SpeechFiles;
import dev.voiceengine.testsupport.process.Processes;
import dev.voiceengine.testsupport.providers.DeafRecognizer;
import dev.voiceengine.testsupport.sip.Sipp;
import dev.voiceengine.testsupport.sip.SippScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission control end to end: with {@code sip.max_calls} calls live, further INVITEs are refused with 503 and the
 * configured Retry-After (RFC 3261 21.5.4, 20.33) and recorded as rejected, the live calls carry their media and
 * recordings undisturbed to the end, and once they are over a new call is answered again.
 *
 * <p>The agent greets with a recording and its recogniser (a gRPC provider on loopback) hears nothing, so that what
 * is measured is the engine's media path, not a recogniser's load on a small machine.
 */
class AdmissionControlTest {
  private static final int MAX_CALLS = 6;
  private static final int EXTRA = 4;
  private static final int RETRY_AFTER_S = 17;
  private static final int HOLD_MS = 10_000;
  private static final double FRAME_S = 0.020;
  private static final String REFUSED_CALLER = "+15550009999";

  @TempDir Path dir;

  @Test
  void invitesOverTheLimitGet503WithRetryAfterWhileTheLiveCallsStayHealthy() throws Exception {
    Path greeting = shippedGreeting();
    DeafRecognizer recognizer = new DeafRecognizer();
    try (ProviderServer stt = ProviderServer.tcp("127.0.0.1", 0, List.of(recognizer))) {
      String yaml = "sip: {max_calls: " + MAX_CALLS + ", retry_after_s: " + RETRY_AFTER_S + "}\n"
          + "providers: {stt: \"grpc://127.0.0.1:" + stt.port() + "\"}\n"
          + "agents: [{id: demo, greeting: " + greeting.getFileName() + "}]\n";
      try (EngineFixture e = EngineFixture.start(dir, yaml)) {
        Path stream = SippScenario.write(dir, "/sipp/uac_pcmu_stream.xml", "ULAW_FILE", callerSpeech().toString());
        Path liveDir = Files.createDirectories(dir.resolve("live"));
        // a first call loads the media path's classes and compiles its hot code: what follows measures a warm engine
        Sipp.runOk(liveDir, e.sipPort(), Duration.ofSeconds(20), "-sf", stream.toString(), "-s", "agent",
            "-m", "1", "-d", "3000");
        e.awaitCalls("?status=completed", Duration.ofSeconds(10), d -> d.size() == 1);
        HostDelay before = HostDelay.now();
        assertThat(before.threads()).as("the engine's media threads, found by name").isPositive();
        CompletableFuture<Processes.Result> live = CompletableFuture.supplyAsync(() -> {
          try {
            return Sipp.run(liveDir, e.sipPort(), Duration.ofSeconds(40), "-sf", stream.toString(), "-s", "agent",
                "-m", String.valueOf(MAX_CALLS), "-l", String.valueOf(MAX_CALLS), "-r", "20",
                "-d", String.valueOf(HOLD_MS));
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        });
        e.awaitCalls("?status=in-progress", Duration.ofSeconds(15), d -> d.size() == MAX_CALLS);

        refuseExtraInvites(e);
        e.engine.flushEvents();
        assertThat(e.api.get("/v1/calls?status=in-progress").get("data")).as("live calls after the refusals")
            .hasSize(MAX_CALLS);

        Processes.Result liveRun = live.get(60, TimeUnit.SECONDS);
        assertThat(liveRun.exitCode()).as("every live call ended normally; sipp:\n%s", liveRun.output())
            .isZero();
        JsonNode completed = e.awaitCalls("?status=completed", Duration.ofSeconds(20),
            d -> d.size() == MAX_CALLS + 1);
        long hostMillis = HostDelay.now().forgivableMillisSince(before);
        assertRefusalsRecorded(e);
        for (int i = 0; i < MAX_CALLS; i++) { // newest first: the warm-up call is last
          assertHealthy(e, completed.get("data").get(i), hostMillis);
        }

        Sipp.runOk(liveDir, e.sipPort(), Duration.ofSeconds(20), "-sf", stream.toString(), "-s", "agent",
            "-m", "1", "-d", "1000");
        JsonNode after = e.awaitCalls("?status=completed", Duration.ofSeconds(20), d -> d.size() == MAX_CALLS + 2);
        assertThat(after.get("data").get(0).get("outcome").asText()).as("a call once the others ended")
            .isEqualTo("caller_hangup");
        assertThat(e.api.get("/v1/calls?status=failed").get("data")).as("no further refusals").hasSize(EXTRA);
      }
      assertThat(recognizer.streams()).as("caller turns the engine heard as speech").isGreaterThanOrEqualTo(MAX_CALLS);
    }
  }

  /**
   * Sends {@link #EXTRA} INVITEs at once; sipp fails a call whose final response is not 503 with the configured
   * Retry-After, and its message trace is checked here too.
   */
  private void refuseExtraInvites(EngineFixture e) throws Exception {
    Path refusedDir = Files.createDirectories(dir.resolve("refused"));
    Path scenario = SippScenario.write(refusedDir, "/sipp/uac_expect_503.xml",
        "RETRY_AFTER", String.valueOf(RETRY_AFTER_S), "FROM", REFUSED_CALLER);
    Path trace = refusedDir.resolve("messages.log");
    Sipp.runOk(refusedDir, e.sipPort(), Duration.ofSeconds(20), "-sf", scenario.toString(), "-s", "agent",
        "-m", String.valueOf(EXTRA), "-l", String.valueOf(EXTRA), "-r", "20",
        "-trace_msg", "-message_file", trace.toString());
    assertThat(finalResponses(Files.readString(trace))).as("final responses to the extra INVITEs (sipp's trace)")
        .hasSize(EXTRA)
        .allSatisfy(r -> {
          assertThat(r.status()).isEqualTo(503);
          assertThat(r.retryAfter()).isEqualTo(String.valueOf(RETRY_AFTER_S));
        });
  }

  /**
   * Each refused INVITE is a failed call: never answered, outcome rejected, the SIP status and the reason. (No agent
   * is asserted: a full engine refuses before routing, so the record names one only when the limit was reached
   * between routing and admission.)
   */
  private static void assertRefusalsRecorded(EngineFixture e) throws Exception {
    JsonNode refused = e.awaitCalls("?status=failed", Duration.ofSeconds(10), d -> d.size() == EXTRA);
    for (JsonNode call : refused.get("data")) {
      assertThat(call.get("from_number").asText()).as("%s", call).isEqualTo(REFUSED_CALLER);
      assertThat(call.get("to_number").asText()).as("%s", call).isEqualTo("agent");
      assertThat(call.get("trunk_id").asText()).as("%s", call).isEqualTo("local");
      assertThat(call.get("outcome").asText()).as("%s", call).isEqualTo("rejected");
      assertThat(call.get("sip_status").asInt()).as("%s", call).isEqualTo(503);
      assertThat(call.get("error").asText()).as("%s", call).isEqualTo("503 at capacity (" + MAX_CALLS + " calls)");
      assertThat(call.get("answered_at").isNull()).as("%s", call).isTrue();
      assertThat(call.get("recording_url").isNull()).as("%s", call).isTrue();
    }
  }

  /**
   * A live call that ran its course: hung up by the caller, RTP both ways for its whole recorded length with nothing
   * lost or repeated, and a finished recording as long as the call. A media loop that falls more than 100 ms behind
   * skips the frames it missed rather than burst them (and the caller's packets of that time then arrive after their
   * playout time): such frames are forgiven up to the time the machine kept the media threads from running
   * ({@code hostMillis}, capped at {@link HostDelay#MAX_FORGIVEN_MILLIS}), so that only what the engine itself lost
   * fails the test.
   */
  private void assertHealthy(EngineFixture e, JsonNode call, long hostMillis) throws Exception {
    assertThat(call.get("outcome").asText()).as("outcome of %s", call).isEqualTo("caller_hangup");
    double seconds = call.get("duration_seconds").asDouble();
    assertThat(seconds).as("duration of %s", call).isGreaterThan(HOLD_MS / 1000.0 - 1);
    double frames = seconds / FRAME_S;
    // the answered and ended events are stamped around the ticks, not on them: 10 frames and 2 % of slack
    double slack = 10 + 0.02 * frames;
    long hostFrames = Math.round(hostMillis / 1000.0 / FRAME_S);
    JsonNode media = call.get("media");
    String context = String.format("over %.3f s, %d ms of host delay forgiven: %s", seconds, hostMillis, media);
    assertThat(media.get("packets_out").asDouble()).as("20 ms packets sent %s", context)
        .isBetween(frames - slack - hostFrames, frames + slack);
    assertThat(media.get("packets_in").asDouble()).as("20 ms packets received %s", context)
        .isCloseTo(frames, within(slack));
    assertThat(media.get("packets_late").asLong()).as("late packets %s", context).isLessThanOrEqualTo(hostFrames);
    assertThat(media.get("packets_lost").asLong()).as("lost packets %s", context).isZero();
    assertThat(media.get("packets_duplicate").asLong()).as("duplicate packets %s", context).isZero();
    assertThat(media.get("packets_invalid").asLong()).as("invalid packets %s", context).isZero();

    Path wav = dir.resolve(call.get("id").asText() + ".wav");
    assertThat(e.api.download(call.get("recording_url").asText(), wav).statusCode()).isEqualTo(200);
    WavHeader header = WavHeader.read(wav);
    assertThat(header.format()).as("PCM").isEqualTo(1);
    assertThat(header.channels()).isEqualTo(2);
    assertThat(header.sampleRate()).isEqualTo(8000);
    assertThat(header.bitsPerSample()).isEqualTo(16);
    assertThat(header.dataBytes()).as("data chunk against the file's size").isLessThanOrEqualTo(Files.size(wav));
    assertThat(header.seconds()).as("recording of %s", call).isCloseTo(seconds, within(slack * FRAME_S));
    assertThat(call.get("recording_dropped_seconds").asDouble()).as("recording dropped (null or 0): %s", call).isZero();
  }

  /** Speech repeated for longer than a call lasts, so that the caller talks (or pauses between words) throughout. */
  private Path callerSpeech() throws Exception {
    Path wav = SpeechFiles.wav8k(dir, "What are your opening hours on Saturday?", 1.0);
    Path ulaw = dir.resolve("caller.ulaw");
    Processes.Result r = Processes.run(dir, Duration.ofSeconds(30),
        List.of("sox", wav.toString(), "-t", "ul", ulaw.toString(), "repeat", "4"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(Files.size(ulaw) / 8000.0).as("seconds of caller audio").isGreaterThan(HOLD_MS / 1000.0 + 2);
    return ulaw;
  }

  private Path shippedGreeting() throws Exception {
    Path copy = dir.resolve("greeting.wav");
    try (var in = getClass().getResourceAsStream("/greeting.wav")) {
      Files.copy(in, copy);
    }
    return copy;
  }

  /** A final response sipp received, with its Retry-After value (null when absent). */
  record FinalResponse(int status, String retryAfter) {}

  private static final Pattern RECEIVED = Pattern.compile(
      "message received \\[\\d+] bytes :\\s*\\n\\s*SIP/2\\.0 (\\d{3})[^\\n]*\\n(.*?)(?:\\r?\\n\\s*\\r?\\n|\\z)",
      Pattern.DOTALL);
  private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^\\s*Retry-After\\s*:\\s*(\\S.*?)\\s*$");

  /** The final (non-1xx) responses in sipp's -trace_msg log, in order. */
  static List<FinalResponse> finalResponses(String log) {
    List<FinalResponse> out = new ArrayList<>();
    Matcher m = RECEIVED.matcher(log);
    while (m.find()) {
      int status = Integer.parseInt(m.group(1));
      if (status >= 200) {
        Matcher retry = RETRY_AFTER.matcher(m.group(2));
        out.add(new FinalResponse(status, retry.find() ? retry.group(1) : null));
      }
    }
    return out;
  }
}
