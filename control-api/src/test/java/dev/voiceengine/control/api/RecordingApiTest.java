package dev.voiceengine.control.api;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording downloads: whole file, byte ranges, and no way out of the data directory. */
class RecordingApiTest {
  static final String KEY = "ve_test_key_for_recordings";
  static final int SIZE = 100_000;
  static final byte[] SECRET = "SECRET-OUTSIDE-THE-DATA-DIRECTORY".getBytes(StandardCharsets.UTF_8);

  static final String GOOD = id(1);
  static final String MISSING_FILE = id(2);
  static final String NO_RECORDING = id(3);
  static final String DOT_DOT = id(4);
  static final String ABSOLUTE = id(5);
  static final String SYMLINK = id(6);
  static final String DATABASE = id(7);
  static final String INSIDE_DOT_DOT = id(8);

  @TempDir static Path root;
  static ControlPlane plane;
  static HttpTestClient http;
  static byte[] wav;

  static String id(int n) {
    return new UUID(0xabc, n).toString();
  }

  static void callWithRecording(String id, String recording) {
    plane.accept(offered(id, T0));
    plane.accept(answered(id, T0.plusSeconds(1), recording));
    plane.accept(ended(id, T0.plusSeconds(10), "caller_hangup", 0, recording, 9.0));
  }

  @BeforeAll
  static void start() throws Exception {
    Path data = root.resolve("data");
    Path outside = root.resolve("outside.wav");
    Files.write(outside, SECRET);
    plane = ControlPlane.start(new ControlSettings(data, null, "127.0.0.1", 0, List.of(KEY)));
    http = new HttpTestClient(plane.httpPort(), KEY);

    wav = new byte[SIZE];
    new Random(1234).nextBytes(wav);
    Files.createDirectories(data.resolve("recordings"));
    Files.write(data.resolve("recordings").resolve(GOOD + ".wav"), wav);
    Files.createSymbolicLink(data.resolve("recordings").resolve("link.wav"), outside);

    callWithRecording(GOOD, "recordings/" + GOOD + ".wav");
    callWithRecording(MISSING_FILE, "recordings/" + MISSING_FILE + ".wav");
    callWithRecording(NO_RECORDING, "");
    callWithRecording(DOT_DOT, "../outside.wav");
    callWithRecording(ABSOLUTE, outside.toAbsolutePath().toString());
    callWithRecording(SYMLINK, "recordings/link.wav");
    callWithRecording(DATABASE, "calls.db");
    callWithRecording(INSIDE_DOT_DOT, "recordings/../recordings/" + GOOD + ".wav");
    plane.flush();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  static String path(String id) {
    return "/v1/calls/" + id + "/recording";
  }

  @Test
  void downloadsTheWholeWav() {
    HttpTestClient.Response response = http.get(path(GOOD));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(wav);
    assertThat(response.header("content-type")).isEqualTo("audio/wav");
    assertThat(response.header("content-length")).isEqualTo(String.valueOf(SIZE));
    assertThat(response.header("accept-ranges")).isEqualTo("bytes");
    assertThat(response.header("content-disposition")).isEqualTo("attachment; filename=\"" + GOOD + ".wav\"");
    assertThat(http.get(path(INSIDE_DOT_DOT)).body()).as("normalized, still inside").isEqualTo(wav);
  }

  @Test
  void servesSingleByteRanges() {
    HttpTestClient.Response middle = http.get(path(GOOD), Map.of("Range", "bytes=100-199"));
    assertThat(middle.status()).isEqualTo(206);
    assertThat(middle.header("content-range")).isEqualTo("bytes 100-199/" + SIZE);
    assertThat(middle.header("content-length")).isEqualTo("100");
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(wav, 100, 200));

    HttpTestClient.Response tail = http.get(path(GOOD), Map.of("Range", "bytes=99000-"));
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(wav, 99_000, SIZE));

    HttpTestClient.Response suffix = http.get(path(GOOD), Map.of("Range", "bytes=-44"));
    assertThat(suffix.status()).isEqualTo(206);
    assertThat(suffix.header("content-range")).isEqualTo("bytes " + (SIZE - 44) + "-" + (SIZE - 1) + "/" + SIZE);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(wav, SIZE - 44, SIZE));

    HttpTestClient.Response header = http.get(path(GOOD), Map.of("Range", "bytes=0-43"));
    assertThat(header.body()).isEqualTo(Arrays.copyOfRange(wav, 0, 44));
  }

  @Test
  void aRangePastTheEndIs416AndOddRangesGetTheWholeFile() {
    HttpTestClient.Response past = http.get(path(GOOD), Map.of("Range", "bytes=" + SIZE + "-"));
    assertThat(past.status()).isEqualTo(416);
    assertThat(past.header("content-range")).isEqualTo("bytes */" + SIZE);
    assertThat(past.json().get("error").get("code").asText()).isEqualTo("range_not_satisfiable");

    for (String range : List.of("bytes=0-1,5-9", "lines=1-2", "bytes=9-1")) {
      HttpTestClient.Response whole = http.get(path(GOOD), Map.of("Range", range));
      assertThat(whole.status()).as(range).isEqualTo(200);
      assertThat(whole.body()).isEqualTo(wav);
    }
    HttpTestClient.Response ifRange = http.get(path(GOOD), Map.of("Range", "bytes=0-9", "If-Range", "\"x\""));
    assertThat(ifRange.status()).isEqualTo(200);
    assertThat(ifRange.body()).isEqualTo(wav);
  }

  @Test
  void headGivesTheHeadersOnly() {
    HttpTestClient.Response head = http.send("HEAD", path(GOOD), KEY, Map.of());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-length")).isEqualTo(String.valueOf(SIZE));
    assertThat(head.body()).isEmpty();
  }

  @Test
  void noRecordingOrNoFileIsA404() {
    for (String id : List.of(NO_RECORDING, MISSING_FILE, id(99))) {
      HttpTestClient.Response response = http.get(path(id));
      assertThat(response.status()).as(id).isEqualTo(404);
      assertThat(response.json().get("error").get("code").asText()).isEqualTo("not_found");
    }
    assertThat(http.get("/v1/calls/" + NO_RECORDING).json().get("recording_url").isNull()).isTrue();
  }

  @Test
  void nothingOutsideTheDataDirectoryOrOtherThanAWavIsEverServed() {
    for (String id : List.of(DOT_DOT, ABSOLUTE, SYMLINK, DATABASE)) {
      HttpTestClient.Response response = http.get(path(id));
      assertThat(response.status()).as(id).isEqualTo(404);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("SECRET");
    }
    for (String attack : List.of("/v1/calls/..%2F..%2Foutside.wav/recording", "/v1/calls/%2e%2e/recording",
        "/v1/calls/" + GOOD + "/recording/../../../outside.wav", "/v1/calls/..%252F..%252Foutside.wav/recording")) {
      HttpTestClient.Response response = http.get(attack);
      assertThat(response.status()).as(attack).isIn(400, 404);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("SECRET");
    }
  }
}
