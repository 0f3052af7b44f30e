package dev.voiceengine.bench.load;

import dev.voiceengine.testsupport.sip.Sipp;
import dev.voiceengine.testsupport.sip.SippScenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The sipp processes of a load run: the caller side (N calls at a rate, each streaming the caller audio for the call's
 * length) and, for the baseline, a far end that answers and echoes RTP without decoding it ({@code -rtp_echo}).
 * Statistics come from sipp's own CSV ({@code -trace_stat}); each process leaves its command and screen in the run's
 * folder.
 */
final class SippLoad {
  private SippLoad() {}

  /** Callers: {@code calls} calls at {@code rate} per second, each lasting {@code callMillis}, against {@code target}. */
  static Sipp callers(Path dir, String target, Path ulaw, int calls, int rate, long callMillis, int sipPort,
      int controlPort) throws IOException {
    Path scenario = SippScenario.write(dir, "/load/uac_stream.xml", "ULAW_FILE", ulaw.toAbsolutePath().toString());
    List<String> cmd = List.of("sipp", target, "-sf", scenario.toString(), "-s", "load",
        "-i", "127.0.0.1", "-p", Integer.toString(sipPort), "-mi", "127.0.0.1", "-cp", Integer.toString(controlPort),
        "-r", Integer.toString(rate), "-rp", "1000", "-l", Integer.toString(calls), "-m", Integer.toString(calls),
        "-d", Long.toString(callMillis), "-max_socket", Integer.toString(calls * 4 + 100),
        "-nostdin", "-trace_stat", "-stf", dir.resolve("callers-stat.csv").toString(), "-fd", "1", "-trace_err",
        "-error_file", dir.resolve("callers-errors.log").toString());
    return Sipp.named(dir, "callers", cmd).start();
  }

  /** A far end that answers every call and echoes its RTP back unchanged. */
  static Sipp echo(Path dir, int sipPort, int mediaPort, int controlPort, int maxCalls) throws IOException {
    List<String> cmd = List.of("sipp", "-sn", "uas", "-rtp_echo", "-i", "127.0.0.1", "-p", Integer.toString(sipPort),
        "-mi", "127.0.0.1", "-mp", Integer.toString(mediaPort), "-cp", Integer.toString(controlPort),
        "-max_socket", Integer.toString(maxCalls * 4 + 100), "-nostdin", "-trace_stat",
        "-stf", dir.resolve("echo-stat.csv").toString(), "-fd", "1");
    return Sipp.named(dir, "echo", cmd).start();
  }
}
