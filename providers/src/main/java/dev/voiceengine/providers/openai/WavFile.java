package dev.voiceengine.providers.openai;

/**
 * A RIFF/WAVE file around PCM16 mono samples: the canonical 44-byte header (format tag 1, PCM) followed by the
 * little-endian samples, which is what transcription endpoints accept as an uploaded file.
 */
final class WavFile {
  static final int HEADER_BYTES = 44;

  private WavFile() {}

  static byte[] pcm16Mono(byte[] pcm, int length, int sampleRate) {
    byte[] out = new byte[HEADER_BYTES + length];
    int pos = 0;
    pos = ascii(out, pos, "RIFF");
    pos = int32(out, pos, 36 + length);
    pos = ascii(out, pos, "WAVE");
    pos = ascii(out, pos, "fmt ");
    pos = int32(out, pos, 16); // fmt chunk size
    pos = int16(out, pos, 1); // PCM
    pos = int16(out, pos, 1); // mono
    pos = int32(out, pos, sampleRate);
    pos = int32(out, pos, sampleRate * 2); // byte rate
    pos = int16(out, pos, 2); // block align
    pos = int16(out, pos, 16); // bits per sample
    pos = ascii(out, pos, "data");
    pos = int32(out, pos, length);
    System.arraycopy(pcm, 0, out, pos, length);
    return out;
  }

  private static int ascii(byte[] b, int pos, String s) {
    for (int i = 0; i < 4; i++) {
      b[pos + i] = (byte) s.charAt(i);
    }
    return pos + 4;
  }

  private static int int32(byte[] b, int pos, int v) {
    b[pos] = (byte) v;
    b[pos + 1] = (byte) (v >> 8);
    b[pos + 2] = (byte) (v >> 16);
    b[pos + 3] = (byte) (v >> 24);
    return pos + 4;
  }

  private static int int16(byte[] b, int pos, int v) {
    b[pos] = (byte) v;
    b[pos + 1] = (byte) (v >> 8);
    return pos + 2;
  }
}
