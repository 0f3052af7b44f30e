package dev.voiceengine.media.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Locale;

/** G.711 μ-law and A-law at 8 kHz (RFC 3551 §4.5.14): one byte per sample, static payload types 0 and 8. */
public enum G711Codec implements AudioCodec {
  PCMU(0) {
    @Override
    short decode(byte code) {
      return MuLaw.decode(code);
    }

    @Override
    byte encode(short sample) {
      return MuLaw.encode(sample);
    }
  },
  PCMA(8) {
    @Override
    short decode(byte code) {
      return ALaw.decode(code);
    }

    @Override
    byte encode(short sample) {
      return ALaw.encode(sample);
    }
  };

  /** Bytes moved between the buffer and a plain array in bulk: per-byte buffer access costs checks on every byte. */
  private static final int SCRATCH = 1024;
  private static final FastThreadLocal<byte[]> SCRATCH_BYTES = new FastThreadLocal<>() {
    @Override
    protected byte[] initialValue() {
      return new byte[SCRATCH];
    }
  };

  private final int payloadType;

  G711Codec(int payloadType) {
    this.payloadType = payloadType;
  }

  /** One sample of this law, by table lookup. */
  abstract short decode(byte code);

  abstract byte encode(short sample);

  @Override
  public int decode(ByteBuf src, int index, int length, short[] dst) {
    int n = Math.min(length, dst.length);
    byte[] codes = SCRATCH_BYTES.get();
    for (int done = 0; done < n; done += SCRATCH) {
      int part = Math.min(SCRATCH, n - done);
      src.getBytes(index + done, codes, 0, part);
      for (int i = 0; i < part; i++) {
        dst[done + i] = decode(codes[i]);
      }
    }
    return n;
  }

  @Override
  public void encode(short[] src, int offset, int count, ByteBuf dst) {
    byte[] codes = SCRATCH_BYTES.get();
    for (int done = 0; done < count; done += SCRATCH) {
      int part = Math.min(SCRATCH, count - done);
      for (int i = 0; i < part; i++) {
        codes[i] = encode(src[offset + done + i]);
      }
      dst.writeBytes(codes, 0, part);
    }
  }

  @Override
  public String encodingName() {
    return name();
  }

  @Override
  public int clockRate() {
    return 8000;
  }

  @Override
  public int staticPayloadType() {
    return payloadType;
  }

  @Override
  public int samplesIn(int payloadBytes) {
    return payloadBytes;
  }

  /** The codec for an SDP encoding name (case-insensitive), or null when it is not G.711. */
  public static G711Codec forEncoding(String encodingName) {
    if (encodingName == null) {
      return null;
    }
    return switch (encodingName.toUpperCase(Locale.ROOT)) {
      case "PCMU" -> PCMU;
      case "PCMA" -> PCMA;
      default -> null;
    };
  }

  /** The codec for a static payload type (0 or 8), or null. */
  public static G711Codec forStaticPayloadType(int payloadType) {
    return switch (payloadType) {
      case 0 -> PCMU;
      case 8 -> PCMA;
      default -> null;
    };
  }
}
