package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.testsupport.audio.SpeechFiles;
import dev.voiceengine.testsupport.sip.Sipp;
import dev.voiceengine.testsupport.sip.SippScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a real call, everything in the data folder (the store and the journal files SQLite made beside it, the
 * lock, the generated key, the recording) is its owner's alone: folders 0700, files 0600.
 */
class FilesAtRestTest {
  @TempDir Path dir;

  @Test
  void theDataFolderIsTheOwnersAloneAfterACall() throws Exception {
    try (EngineFixture e = EngineFixture.start(dir)) {
      Path ulaw = SpeechFiles.ulaw(dir, "Hello, this is a private matter.", 0.5);
      Path scenario = SippScenario.write(dir, "/sipp/uac_pcmu_stream.xml", "ULAW_FILE", ulaw.toString());
      Sipp.runOk(dir, e.sipPort(), Duration.ofSeconds(60), "-sf", scenario.toString(), "-s", "agent", "-m", "1",
          "-d", "2000");
      JsonNode call = e.awaitCalls("?status=completed", Duration.ofSeconds(20), d -> d.size() == 1)
          .get("data").get(0);
      String recording = "recordings/" + call.get("id").asText() + ".wav";

      Map<String, String> modes = modes(e.dataDir);
      assertThat(modes).containsKeys(".", "calls.db", "calls.db-wal", "calls.db-shm", ".lock", "api-key",
          "recordings", recording);
      modes.forEach((path, mode) -> assertThat(mode).as(path)
          .isEqualTo(Files.isDirectory(e.dataDir.resolve(path)) ? "rwx------" : "rw-------"));
    }
  }

  /** Every file and folder under {@code root} (itself as "."), by relative path, with its permissions. */
  private static Map<String, String> modes(Path root) throws Exception {
    Map<String, String> modes = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        String name = root.equals(p) ? "." : root.relativize(p).toString();
        modes.put(name, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
      }
    }
    return modes;
  }
}
