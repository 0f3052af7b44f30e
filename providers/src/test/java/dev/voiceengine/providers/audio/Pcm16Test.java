package dev.voiceengine.providers.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class Pcm16Test {
  @Test
  void bytesAreLittleEndianAndSigned() {
    ByteString bytes = Pcm16.toBytes(new short[] {0x0102, -2, Short.MIN_VALUE, Short.MAX_VALUE});
    assertThat(bytes.toByteArray())
        .containsExactly(0x02, 0x01, 0xfe, 0xff, 0x00, 0x80, 0xff, 0x7f);
  }

  @Test
  void roundTripKeepsEverySample() {
    short[] all = new short[65536];
    for (int i = 0; i < all.length; i++) {
      all[i] = (short) (i + Short.MIN_VALUE);
    }
    assertThat(Pcm16.fromBytes(Pcm16.toBytes(all))).containsExactly(all);
  }

  @Test
  void sliceAndOddTrailingByte() {
    ByteString slice = Pcm16.toBytes(new short[] {1, 2, 3, 4}, 1, 2);
    assertThat(Pcm16.fromBytes(slice)).containsExactly((short) 2, (short) 3);
    ByteString odd = slice.concat(ByteString.copyFrom(new byte[] {9}));
    assertThat(Pcm16.fromBytes(odd)).containsExactly((short) 2, (short) 3);
  }
}
