package dev.voiceengine.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself works end to end at a small scale: sipp's echo baseline and the engine both carry every call,
 * and every figure of the report is filled from the engine's own records and metrics (a short warm-up wave first, as
 * in real runs, so the measured calls meet compiled code). No timing is asserted.
 */
class LoadHarnessSmokeTest {
  private static final int CALLS = 20;

  @TempDir Path dir;

  @Test
  void twentyCallsThroughTheEchoAndTheEngine() throws Exception {
    Path jar = Path.of(System.getProperty("engine.jar", "../server/target/voice-engine.jar"));
    assertThat(jar).as("the engine jar (mvn package builds it)").isRegularFile();
    LoadOptions options = new LoadOptions(CALLS, 10, 15, true, 8, "silero+gate", 60, jar.toAbsolutePath(),
        "-Xmx512m", dir);
    options.validate();

    LoadReport report = new LoadRun(options).run();
    report.writeJson(dir.resolve("report.json"));

    assertThat(report.baseline().attempted()).isEqualTo(CALLS);
    assertThat(report.baseline().successful()).isEqualTo(CALLS);
    assertThat(report.baseline().echoCores()).isGreaterThan(0);
    LoadReport.Engine engine = report.engine();
    assertThat(engine.attempted()).isEqualTo(CALLS);
    assertThat(engine.sippSuccessful()).isEqualTo(CALLS);
    CallRecords records = engine.records();
    assertThat(records.records()).isEqualTo(CALLS);
    assertThat(records.answered()).isEqualTo(CALLS);
    assertThat(records.completed()).isEqualTo(CALLS);
    assertThat(records.recordingsIncomplete()).isZero();
    assertThat(records.packetsIn()).as("the callers' audio reached the engine").isPositive();
    assertThat(records.packetsOut()).isPositive();
    assertThat(records.callerTurns()).as("the callers' requests were heard and answered").isGreaterThan(0);
    assertThat(records.voiceToVoiceMs().count()).isEqualTo(records.callerTurns());
    assertThat(engine.cores()).isGreaterThan(0);
    assertThat(engine.rssPeakMiB()).isGreaterThan(0);
    assertThat(engine.sessionsAtSteadyStart()).isEqualTo(CALLS);
    assertThat(engine.packetsMeasured()).as("outbound intervals were measured").isGreaterThan(CALLS * 100L);
    assertThat(engine.vadWindows()).isPositive();
    assertThat(engine.greetingsHeard()).as("every call heard its greeting").isEqualTo(CALLS);

    JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("report.json")));
    assertThat(json.path("engine").path("records").path("completed").asInt()).isEqualTo(CALLS);
    assertThat(json.path("baseline").path("successful").asInt()).isEqualTo(CALLS);
  }
}
