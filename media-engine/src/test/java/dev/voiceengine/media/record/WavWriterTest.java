package dev.voiceengine.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {
  @TempDir
  Path dir;

  @Test
  void headerIsValidAfterEveryAppendWhileStillOpen() throws IOException {
    Path file = dir.resolve("call.wav");
    try (WavWriter writer = WavWriter.create(file, WavFormat.CALL_STEREO)) {
      assertThat(Files.size(file)).isEqualTo(44);
      assertThat(WavReader.read(file).data()).isEmpty();

      writer.append(stereo(new short[] {1, 2, 3}, new short[] {-1, -2, -3}));
      // Read while the writer is still open, as a reader would after a crash.
      byte[] bytes = Files.readAllBytes(file);
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      assertThat(bytes).hasSize(44 + 12);
      assertThat(b.getInt(4)).isEqualTo(36 + 12);
      assertThat(b.getInt(40)).isEqualTo(12);
      assertThat(b.getShort(20)).isEqualTo((short) 1); // PCM
      assertThat(b.getShort(22)).isEqualTo((short) 2); // channels
      assertThat(b.getInt(24)).isEqualTo(8000);
      assertThat(b.getInt(28)).isEqualTo(32000); // byte rate
      assertThat(b.getShort(32)).isEqualTo((short) 4); // block align
      assertThat(b.getShort(34)).isEqualTo((short) 16);

      writer.append(stereo(new short[] {4}, new short[] {-4}));
      WavReader.WavData data = WavReader.read(file);
      assertThat(data.format()).isEqualTo(WavFormat.CALL_STEREO);
      assertThat(data.samples()).containsExactly(1, -1, 2, -2, 3, -3, 4, -4);
      assertThat(writer.seconds()).isEqualTo(4 / 8000.0);
    }
    assertThat(WavReader.read(file).frames()).isEqualTo(4);
  }

  @Test
  void recordingsAreTheOwnersAlone() throws IOException {
    Path folder = dir.resolve("data").resolve("recordings");
    OwnerOnly.folder(folder);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    Path file = folder.resolve("call.wav");
    WavWriter.create(file, WavFormat.CALL_STEREO).close();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x")); // an older install's
    OwnerOnly.folder(folder);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
  }

  @Test
  void silenceIsAppendedInPiecesWithOneHeaderPatch() throws IOException {
    Path file = dir.resolve("gap.wav");
    int frames = 20_000; // 80 000 bytes: more than the shared zero buffer
    try (WavWriter writer = WavWriter.create(file, WavFormat.CALL_STEREO)) {
      writer.append(stereo(new short[] {7}, new short[] {-7}));
      assertThat(writer.appendSilence(frames * 4L)).isTrue();
      assertThat(writer.appendSilence(0)).isTrue();
      writer.append(stereo(new short[] {9}, new short[] {-9}));
      assertThat(writer.dataBytes()).isEqualTo((frames + 2) * 4L);
    }
    short[] s = WavReader.read(file).samples();
    assertThat(s).hasSize((frames + 2) * 2);
    assertThat(s[0]).isEqualTo((short) 7);
    for (int i = 2; i < s.length - 2; i++) {
      assertThat(s[i]).isZero();
    }
    assertThat(s[s.length - 2]).isEqualTo((short) 9);
  }

  @Test
  void soxReadsAFileThatWasNeverClosed() throws Exception {
    Path sox = Path.of("/usr/bin/sox");
    assertThat(sox).as("sox is a test peer: apt-get install sox (see .ci/run)").isExecutable();
    Path file = dir.resolve("crashed.wav");
    WavWriter writer = WavWriter.create(file, WavFormat.CALL_STEREO);
    writer.append(stereo(new short[8000], new short[8000])); // one second
    // No close: the process "dies" here. sox must still see one second of stereo 8 kHz.
    Process p = new ProcessBuilder(sox.toString(), "--i", "-D", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor()).isZero();
    assertThat(Double.parseDouble(out)).isEqualTo(1.0);
    writer.close();
  }

  static ByteBuffer stereo(short[] left, short[] right) {
    ByteBuffer b = ByteBuffer.allocate(left.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < left.length; i++) {
      b.putShort(left[i]).putShort(right[i]);
    }
    return b.flip();
  }
}
