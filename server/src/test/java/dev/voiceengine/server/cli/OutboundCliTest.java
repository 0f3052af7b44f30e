package dev.voiceengine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.commands.CallCommand;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.proto.control.v1.CallAnswered;
import dev.voiceengine.proto.control.v1.CallEnded;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code call} and {@code batch} commands against a real control plane whose engine answers every dial and
 * ends the call (numbers ending in 6 are busy).
 */
class OutboundCliTest {
  static final String KEY = "ve_cli";

  @TempDir Path dir;
  ControlPlane plane;
  final List<OutboundDial> dials = new CopyOnWriteArrayList<>();
  Path keyFile;

  @BeforeEach
  void start() throws Exception {
    CallCommands engine = new CallCommands() {
      @Override
      public DialAdmission dial(OutboundDial dial) {
        dials.add(dial);
        Instant now = Instant.now();
        if (!dial.toNumber().endsWith("6")) {
          plane.accept(event(dial.callId(), now).setAnswered(CallAnswered.newBuilder()).build());
        }
        plane.accept(event(dial.callId(), now.plusMillis(10)).setEnded(CallEnded.newBuilder()
            .setOutcome(dial.toNumber().endsWith("6") ? "busy" : "agent_hangup")).build());
        return new DialAdmission.Accepted();
      }

      @Override
      public void end(String callId) {}

      @Override
      public void control(String callId, CallCommand command) {}

      @Override
      public List<AgentSummary> agents() {
        return List.of(new AgentSummary("demo", "Demo", true, null, false));
      }
    };
    plane = ControlPlane.start(new ControlSettings(dir.resolve("data"), null, "127.0.0.1", 0, List.of(KEY))
        .withCommands(engine));
    keyFile = dir.resolve("key");
    Files.writeString(keyFile, KEY + "\n");
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  @Test
  void callPrintsTheIdAndFollowsTheCallToItsEnd() {
    StringWriter out = new StringWriter();
    int exit = run(out, new CallCli(), "+15551234567", "--agent", "demo", "--context", "name=Ana", "--api",
        "http://127.0.0.1:" + plane.httpPort(), "--key-file", keyFile.toString(), "--poll-ms", "20");
    assertThat(exit).as(out.toString()).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(dials).hasSize(1);
    assertThat(lines[0]).isEqualTo(dials.get(0).callId());
    assertThat(dials.get(0).context()).containsEntry("name", "Ana");
    assertThat(out.toString()).contains("ended completed outcome agent_hangup");
  }

  @Test
  void aRefusedRequestSaysWhyAndExits2() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new CallCli());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute("555", "--agent", "demo", "--api", "http://127.0.0.1:" + plane.httpPort(),
        "--key-file", keyFile.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("HTTP 400").contains("to_number");
    assertThat(dials).isEmpty();
  }

  @Test
  void batchPlacesEveryRowAndPrintsProgressUntilItCompletes() throws Exception {
    Path csv = dir.resolve("list.csv");
    Files.writeString(csv, "to_number,name\n+15550000001,Ana\n\"+15550000006\",\"Bo, Jr\"\n+15550000003,Cy\n");
    StringWriter out = new StringWriter();
    int exit = run(out, new BatchCli(), csv.toString(), "--agent", "demo", "--cps", "20", "--api",
        "http://127.0.0.1:" + plane.httpPort(), "--key-file", keyFile.toString(), "--poll-ms", "20");
    assertThat(exit).as(out.toString()).isZero();
    assertThat(dials).hasSize(3);
    assertThat(dials.get(1).context()).containsEntry("name", "Bo, Jr");
    assertThat(out.toString()).contains("3/3 ended").contains("batch completed").contains("\"busy\":1")
        .contains("\"completed\":2");
  }

  private static int run(StringWriter out, Object command, String... args) {
    CommandLine cmd = new CommandLine(command);
    cmd.setOut(new PrintWriter(out, true));
    return cmd.execute(args);
  }

  private static CallEvent.Builder event(String id, Instant at) {
    return CallEvent.newBuilder().setCallId(id)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
  }
}
