package dev.voiceengine.testsupport.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The test peers' G.711 against sox, an independent implementation, over every 16-bit input. */
class G711Test {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"ULAW, ul", "ALAW, al"})
  void encodesEverySampleAsSoxDoes(G711 law, String soxType) throws Exception {
    Path raw = dir.resolve("all.raw");
    Path coded = dir.resolve("all." + soxType);
    ByteBuffer b = ByteBuffer.allocate(65536 * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
      b.putShort((short) s);
    }
    Files.write(raw, b.array());
    Process p = new ProcessBuilder("sox", "-D", "-t", "raw", "-r", "8000", "-e", "signed-integer", "-b", "16",
        "-c", "1", "-L", raw.toString(), "-t", soxType, coded.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();

    byte[] expected = Files.readAllBytes(coded);
    assertThat(expected).hasSize(65536);
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
      assertThat(law.encode((short) s)).as("%s of %d", law, s).isEqualTo(expected[s - Short.MIN_VALUE]);
    }
  }

  @ParameterizedTest
  @EnumSource(G711.class)
  void everyCodeDecodesToASampleThatEncodesBackToIt(G711 law) {
    for (int c = 0; c < 256; c++) {
      byte code = (byte) c;
      if (law == G711.ULAW && c == 0x7F) {
        assertThat(law.encode(law.decode(code))).as("μ-law negative zero").isEqualTo((byte) 0xFF);
        continue;
      }
      assertThat(law.encode(law.decode(code))).as("%s code %02x", law, c).isEqualTo(code);
    }
  }

  @ParameterizedTest
  @EnumSource(G711.class)
  void silenceAndPayloadTypesAreTheStandardOnes(G711 law) {
    assertThat(List.of(law.silence(), (byte) law.payloadType()))
        .isEqualTo(law == G711.ULAW ? List.of((byte) 0xFF, (byte) 0) : List.of((byte) 0xD5, (byte) 8));
    assertThat(law.decode(law.silence())).isBetween((short) -8, (short) 8);
  }
}
