package dev.voiceengine.media.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.media.TestResources;
import dev.voiceengine.media.WavFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsASoxFile() throws IOException {
    short[] samples = WavFiles.readMono8k(TestResources.path("audio/tone-8k.wav"));
    assertThat(samples).hasSize(800);
    assertThat(max(samples)).isBetween(15_000, 17_000); // a sine at half scale
  }

  @Test
  void chunksInAnyOrderWithListAndOddSizedChunks() throws IOException {
    Path file = dir.resolve("odd.wav");
    Files.write(file, riff(
        chunk("LIST", "INFOISFT\u0005\0\0\0lavf\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
        chunk("junk", new byte[] {1, 2, 3}), // odd size: a pad byte follows
        chunk("data", le(100, -100, 32767)),
        chunk("fmt ", fmt(1, 1, 8000, 16))));
    assertThat(WavFiles.readMono8k(file)).containsExactly(100, -100, 32767);
  }

  @Test
  void extensiblePcmIsPcm() throws IOException {
    byte[] fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
        .put(fmt(0xFFFE, 1, 8000, 16)).putShort((short) 22).putShort((short) 16).putInt(4)
        .putShort((short) 1).put(new byte[14]).array();
    Path file = dir.resolve("ext.wav");
    Files.write(file, riff(chunk("fmt ", fmt), chunk("data", le(7, 8))));
    assertThat(WavFiles.readMono8k(file)).containsExactly(7, 8);
  }

  @Test
  void dataSizeLargerThanTheFileReadsWhatIsThere() throws IOException {
    byte[] bytes = riff(chunk("fmt ", fmt(1, 1, 8000, 16)), chunk("data", le(1, 2, 3)));
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 6 - 4, -1); // 0xFFFFFFFF
    Path file = dir.resolve("stream.wav");
    Files.write(file, bytes);
    assertThat(WavFiles.readMono8k(file)).containsExactly(1, 2, 3);
  }

  @Test
  void wrongFormatsSayWhatWasFoundAndExpected() {
    assertThatThrownBy(() -> WavFiles.readMono8k(TestResources.path("audio/tone-16k.wav")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tone-16k.wav")
        .hasMessageContaining("found PCM 16-bit mono 16000 Hz")
        .hasMessageContaining("expected PCM 16-bit mono 8000 Hz");
    assertThatThrownBy(() -> WavFiles.readMono8k(TestResources.path("audio/tone-stereo.wav")))
        .hasMessageContaining("tone-stereo.wav").hasMessageContaining("found PCM 16-bit stereo 8000 Hz");
    assertThatThrownBy(() -> WavFiles.readMono8k(TestResources.path("audio/tone-u8.wav")))
        .hasMessageContaining("found PCM 8-bit mono 8000 Hz");
  }

  @Test
  void brokenFilesAreIoExceptionsNamingTheFile() throws IOException {
    Path notWav = dir.resolve("greeting.mp3");
    Files.write(notWav, new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    assertThatThrownBy(() -> WavFiles.readMono8k(notWav))
        .isInstanceOf(IOException.class).hasMessageContaining("greeting.mp3").hasMessageContaining("not a WAV");
    Path noData = dir.resolve("nodata.wav");
    Files.write(noData, riff(chunk("fmt ", fmt(1, 1, 8000, 16))));
    assertThatThrownBy(() -> WavFiles.readMono8k(noData)).hasMessageContaining("no data chunk");
    Path noFmt = dir.resolve("nofmt.wav");
    Files.write(noFmt, riff(chunk("data", le(1))));
    assertThatThrownBy(() -> WavFiles.readMono8k(noFmt)).hasMessageContaining("no fmt chunk");
    Path shortFmt = dir.resolve("shortfmt.wav");
    Files.write(shortFmt, riff(chunk("fmt ", new byte[6])));
    assertThatThrownBy(() -> WavFiles.readMono8k(shortFmt)).hasMessageContaining("fmt chunk too short");
    assertThatThrownBy(() -> WavFiles.readMono8k(dir.resolve("missing.wav")))
        .isInstanceOf(IOException.class).hasMessageContaining("missing.wav");
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButIoException() {
    java.util.Random random = new java.util.Random(11);
    byte[] valid = riff(chunk("fmt ", fmt(1, 1, 8000, 16)), chunk("data", le(1, 2, 3, 4)));
    for (int i = 0; i < 5000; i++) {
      byte[] b = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 8));
      for (int flips = random.nextInt(4); flips > 0 && b.length > 0; flips--) {
        b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
      }
      try {
        WavReader.parse(b, "fuzz");
      } catch (IOException expected) {
        // fine
      }
    }
  }

  static byte[] riff(byte[]... chunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (byte[] c : chunks) {
      body.writeBytes(c);
    }
    ByteBuffer b = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.size()).put(body.toByteArray());
    return b.array();
  }

  static byte[] chunk(String id, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.length).put(body);
    return b.array();
  }

  static byte[] fmt(int tag, int channels, int rate, int bits) {
    int align = channels * bits / 8;
    return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) channels)
        .putInt(rate).putInt(rate * align).putShort((short) align).putShort((short) bits).array();
  }

  static byte[] le(int... samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int s : samples) {
      b.putShort((short) s);
    }
    return b.array();
  }

  private static int max(short[] s) {
    int m = 0;
    for (short v : s) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
