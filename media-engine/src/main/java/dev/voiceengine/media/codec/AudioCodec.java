package dev.voiceengine.media.codec;

import io.netty.buffer.ByteBuf;

/**
 * A narrowband audio codec between RTP payload bytes and 16-bit linear PCM. Works on absolute buffer indexes and
 * caller-owned arrays so the per-packet path allocates nothing.
 */
public interface AudioCodec {
  /** SDP encoding name, e.g. "PCMU". */
  String encodingName();

  /** RTP clock rate in Hz. */
  int clockRate();

  /** Static RTP payload type (RFC 3551 §6), or -1 when the codec has none. */
  int staticPayloadType();

  /** Samples carried by {@code payloadBytes} bytes of payload. */
  int samplesIn(int payloadBytes);

  /**
   * Decodes {@code length} payload bytes at absolute {@code index} of {@code src} into {@code dst} from 0, without
   * moving reader or writer indexes. Returns the number of samples written (at most {@code dst.length}).
   */
  int decode(ByteBuf src, int index, int length, short[] dst);

  /** Encodes {@code count} samples of {@code src} from {@code offset}, appending to {@code dst}. */
  void encode(short[] src, int offset, int count, ByteBuf dst);
}
