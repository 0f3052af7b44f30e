package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.testsupport.audio.SpeechFiles;
import dev.voiceengine.testsupport.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar a user runs (built by {@code package}, run after it by failsafe): it carries only the natives of the one
 * supported platform, and started as the launcher starts it, with no configuration, it reaches ready and holds a
 * conversation, so what the shade filters leave out is proven unused (the offline recogniser's files among them).
 */
class PackagedEngineIT {
  /** Native libraries and debug symbols, by file name. */
  private static final Pattern NATIVE = Pattern.compile("(?i).*(\\.so|\\.dll|\\.dylib|\\.jnilib|\\.dsym/.*)$");
  /** The supported platform is Linux x86-64 with glibc (README): every native must be named for it. */
  private static final Pattern SUPPORTED = Pattern.compile("(?i)(?!.*(musl|freebsd|openbsd|sunos|android)).*"
      + "(x86_64|x86-64|linux-x64)[^/]*/?[^/]*\\.so$");
  /** The jar was 217 MB with every platform's natives; the supported platform's alone are under half of that. */
  private static final long MAX_JAR_BYTES = 120L * 1024 * 1024;

  @TempDir Path dir;

  private static Path jar() {
    Path jar = Path.of("target", "voice-engine.jar");
    assertThat(jar).as("the packaged engine (mvn package)").exists();
    return jar;
  }

  @Test
  void theJarHoldsOnlyTheSupportedPlatformsNatives() throws Exception {
    Path jar = jar();
    assertThat(Files.size(jar)).as("size of %s", jar).isLessThan(MAX_JAR_BYTES);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> foreign = zip.stream().map(ZipEntry::getName)
          .filter(n -> NATIVE.matcher(n).matches() && !SUPPORTED.matcher(n).matches()).toList();
      assertThat(foreign).as("entries for other platforms").isEmpty();
      assertThat(zip.getEntry("ai/onnxruntime/native/linux-x64/libonnxruntime.so")).isNotNull();
      assertThat(zip.getEntry("META-INF/native/libnetty_transport_native_epoll_x86_64.so")).isNotNull();
    }
  }

  @Test
  void theJarStartsWithNoConfigurationAndTheOfflineAgentUnderstandsTheCaller() throws Exception {
    try (EngineProcess engine = EngineProcess.startJar(jar(), dir)) {
      JsonNode ready = engine.ready();
      Api api = engine.api(ready);
      Path caller = SpeechFiles.padded(dir, "I would like to book an appointment for Friday", 5.0, 10.0);
      Path heard = Files.createDirectories(dir.resolve("heard"));
      Processes.Result r = Baresip.call(dir, caller, heard, ready.get("sip_port").asInt(), Duration.ofSeconds(40));
      assertThat(r.output()).as(r.output()).contains("Call established");

      JsonNode call = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        JsonNode data = api.get("/v1/calls?status=completed&include=transcript").get("data");
        if (data.size() == 1) {
          call = data.get(0);
          break;
        }
        Thread.sleep(200);
      }
      assertThat(call).as("a completed call; engine log:\n%s", engine.log()).isNotNull();
      String callerText = "";
      for (JsonNode turn : call.get("transcript")) {
        if (turn.get("role").asText().equals("caller")) {
          callerText += turn.get("text").asText().toLowerCase(Locale.ROOT) + " ";
        }
      }
      JsonNode full = api.get("/v1/calls/" + call.get("id").asText());
      assertThat(callerText).as("caller turns of %s; engine log:\n%s", full, engine.log())
          .contains("appointment").contains("friday");
    }
  }
}
