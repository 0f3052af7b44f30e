package dev.voiceengine.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.media.TestResources;
import dev.voiceengine.media.record.WavReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class G711CodecTest {

  @Test
  void muLawGoldenPairs() {
    assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(MuLaw.decode((byte) 0x7F)).isEqualTo((short) 0);
    assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
    assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(MuLaw.decode((byte) 0xFE)).isEqualTo((short) 8);
    assertThat(MuLaw.decode((byte) 0x7E)).isEqualTo((short) -8);
    assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(MuLaw.encode((short) 32767)).isEqualTo((byte) 0x80);
    assertThat(MuLaw.encode((short) -32768)).isEqualTo((byte) 0x00);
    assertThat(MuLaw.encode((short) -1)).isEqualTo((byte) 0xFF); // rounds to 0
    assertThat(MuLaw.encode((short) -3)).isEqualTo((byte) 0x7E); // rounds to -1 (14-bit), decodes to -8
  }

  @Test
  void aLawGoldenPairs() {
    assertThat(ALaw.decode((byte) 0xD5)).isEqualTo((short) 8);
    assertThat(ALaw.decode((byte) 0x55)).isEqualTo((short) -8);
    assertThat(ALaw.decode((byte) 0xAA)).isEqualTo((short) 32256);
    assertThat(ALaw.decode((byte) 0x2A)).isEqualTo((short) -32256);
    assertThat(ALaw.encode((short) 0)).isEqualTo((byte) 0xD5);
    assertThat(ALaw.encode((short) -1)).isEqualTo((byte) 0xD5); // rounds to 0
    assertThat(ALaw.encode((short) -5)).isEqualTo((byte) 0x55); // rounds to -1 (13-bit), decodes to -8
    assertThat(ALaw.encode((short) 32767)).isEqualTo((byte) 0xAA);
    assertThat(ALaw.encode((short) -32768)).isEqualTo((byte) 0x2A);
  }

  @Test
  void everyMuLawCodeRoundTripsExceptNegativeZero() {
    for (int code = 0; code < 256; code++) {
      byte again = MuLaw.encode(MuLaw.decode((byte) code));
      int expected = code == 0x7F ? 0xFF : code; // μ-law has two zeros; 0 encodes as +0 (0xFF)
      assertThat(again & 0xFF).as("code %02x", code).isEqualTo(expected);
    }
  }

  @Test
  void everyALawCodeRoundTrips() {
    for (int code = 0; code < 256; code++) {
      assertThat(ALaw.encode(ALaw.decode((byte) code)) & 0xFF).as("code %02x", code).isEqualTo(code);
    }
  }

  /** The tables are the reference algorithm applied to the sample rounded to 14 (μ) or 13 (A) bits. */
  @Test
  void tablesMatchTheReferenceAlgorithmForEverySample() {
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
      assertThat(MuLaw.encode((short) s) & 0xFF).isEqualTo(MuLaw.referenceEncode14((s + 2) >> 2));
      assertThat(ALaw.encode((short) s) & 0xFF).isEqualTo(ALaw.referenceEncode13((s + 4) >> 3));
    }
  }

  @Test
  void encodingIsMonotonicInTheDecodedDomain() {
    int previousMu = Integer.MIN_VALUE;
    int previousA = Integer.MIN_VALUE;
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s += 7) {
      int mu = MuLaw.decode(MuLaw.encode((short) s));
      int a = ALaw.decode(ALaw.encode((short) s));
      assertThat(mu).isGreaterThanOrEqualTo(previousMu);
      assertThat(a).isGreaterThanOrEqualTo(previousA);
      previousMu = mu;
      previousA = a;
    }
  }

  /**
   * sweep.ulaw / sweep.alaw were made from sweep.wav by {@code sox -D} (an independent G.711 implementation). The
   * encoder was also checked against sox over all 65,536 inputs when written; the sweep keeps that honest.
   */
  @Test
  void encodesTheSweepByteForByteLikeSox() throws IOException {
    short[] pcm = WavReader.read(TestResources.path("audio/sweep.wav")).samples();
    assertThat(encode(G711Codec.PCMU, pcm)).isEqualTo(TestResources.bytes("audio/sweep.ulaw"));
    assertThat(encode(G711Codec.PCMA, pcm)).isEqualTo(TestResources.bytes("audio/sweep.alaw"));
  }

  @Test
  void decodesTheSweepSampleForSampleLikeSox() {
    assertThat(decode(G711Codec.PCMU, TestResources.bytes("audio/sweep.ulaw")))
        .isEqualTo(s16(TestResources.bytes("audio/sweep-ulaw-decoded.s16")));
    assertThat(decode(G711Codec.PCMA, TestResources.bytes("audio/sweep.alaw")))
        .isEqualTo(s16(TestResources.bytes("audio/sweep-alaw-decoded.s16")));
  }

  @Test
  void sineSweepSurvivesWithGoodSignalToNoise() {
    short[] pcm = new short[8000];
    double phase = 0;
    for (int i = 0; i < pcm.length; i++) {
      double f = 100 + 3800.0 * i / pcm.length;
      phase += 2 * Math.PI * f / 8000;
      pcm[i] = (short) (Math.sin(phase) * 16000);
    }
    for (G711Codec codec : G711Codec.values()) {
      short[] back = decode(codec, encode(codec, pcm));
      double signal = 0;
      double noise = 0;
      for (int i = 0; i < pcm.length; i++) {
        signal += (double) pcm[i] * pcm[i];
        double e = pcm[i] - back[i];
        noise += e * e;
      }
      double snrDb = 10 * Math.log10(signal / noise);
      // G.711 gives about 38 dB on a loud sine; 30 dB catches any broken segment.
      assertThat(snrDb).as(codec + " SNR").isGreaterThan(30);
    }
  }

  @Test
  void codecApiWorksOnAbsoluteIndexesWithoutMovingReaders() {
    ByteBuf buf = Unpooled.buffer();
    buf.writeBytes(new byte[] {9, 9, (byte) 0xFF, (byte) 0x80, 0});
    short[] out = new short[8];
    assertThat(G711Codec.PCMU.decode(buf, 2, 3, out)).isEqualTo(3);
    assertThat(out).startsWith((short) 0, (short) 32124, (short) -32124);
    assertThat(buf.readerIndex()).isZero();
    assertThat(G711Codec.PCMU.decode(buf, 0, 5, new short[2])).isEqualTo(2);
    buf.release();
    assertThat(G711Codec.forEncoding("pcma")).isEqualTo(G711Codec.PCMA);
    assertThat(G711Codec.forEncoding("G722")).isNull();
    assertThat(G711Codec.forStaticPayloadType(0)).isEqualTo(G711Codec.PCMU);
    assertThat(G711Codec.forStaticPayloadType(8)).isEqualTo(G711Codec.PCMA);
    assertThat(G711Codec.forStaticPayloadType(18)).isNull();
  }

  private static byte[] encode(AudioCodec codec, short[] pcm) {
    ByteBuf buf = Unpooled.buffer(pcm.length);
    try {
      codec.encode(pcm, 0, pcm.length, buf);
      byte[] out = new byte[buf.readableBytes()];
      buf.readBytes(out);
      return out;
    } finally {
      buf.release();
    }
  }

  private static short[] decode(AudioCodec codec, byte[] payload) {
    ByteBuf buf = Unpooled.wrappedBuffer(payload);
    try {
      short[] out = new short[payload.length];
      codec.decode(buf, 0, payload.length, out);
      return out;
    } finally {
      buf.release();
    }
  }

  private static short[] s16(byte[] raw) {
    short[] out = new short[raw.length / 2];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  @Test
  void bufferCodingMatchesSampleCodingAtEveryLengthAndOffset() {
    java.util.Random random = new java.util.Random(11);
    for (G711Codec codec : G711Codec.values()) {
      for (int count : new int[] {0, 1, 160, 1023, 1024, 1025, 4000}) {
        short[] pcm = new short[count + 7];
        for (int i = 0; i < pcm.length; i++) {
          pcm[i] = (short) random.nextInt();
        }
        ByteBuf buf = Unpooled.buffer(3);
        buf.writeByte(0x42); // something already in the buffer stays
        codec.encode(pcm, 7, count, buf);
        assertThat(buf.readableBytes()).isEqualTo(1 + count);
        short[] back = new short[count];
        assertThat(codec.decode(buf, 1, count, back)).isEqualTo(count);
        for (int i = 0; i < count; i++) {
          byte code = codec.encode(pcm[7 + i]);
          assertThat(buf.getByte(1 + i)).as("%s %d/%d", codec, i, count).isEqualTo(code);
          assertThat(back[i]).isEqualTo(codec.decode(code));
        }
        assertThat(buf.getByte(0)).isEqualTo((byte) 0x42);
        buf.release();
      }
    }
  }
}
