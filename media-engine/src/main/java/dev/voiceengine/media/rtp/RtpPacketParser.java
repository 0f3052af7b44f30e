package dev.voiceengine.media.rtp;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Parses RTP headers (RFC 3550 §5.1) from a buffer's readable bytes.
 *
 * <p>Every length is checked against what is readable before it is used, so no input, however broken, makes it
 * throw or read outside the packet: a malformed datagram gets a {@link RtpMalformation} and {@link #parse} returns
 * null. Reference counts are never touched.
 */
public final class RtpPacketParser {
  private RtpPacketParser() {}

  /** What is wrong with the readable bytes of {@code buf} as an RTP packet, or {@link RtpMalformation#NONE}. */
  public static RtpMalformation check(ByteBuf buf) {
    int start = buf.readerIndex();
    int length = buf.readableBytes();
    if (length < RtpPacket.FIXED_HEADER_LENGTH) {
      return RtpMalformation.TOO_SHORT;
    }
    int b0 = buf.getUnsignedByte(start);
    if ((b0 >>> 6) != RtpPacket.VERSION) {
      return RtpMalformation.BAD_VERSION;
    }
    int payloadType = buf.getUnsignedByte(start + 1) & 0x7F;
    if (payloadType >= 72 && payloadType <= 76) {
      return RtpMalformation.RTCP;
    }
    int headerLength = RtpPacket.FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
    if (headerLength > length) {
      return RtpMalformation.CSRC_OVERFLOW;
    }
    if ((b0 & 0x10) != 0) {
      if (headerLength + 4 > length) {
        return RtpMalformation.EXTENSION_OVERFLOW;
      }
      int words = buf.getUnsignedShort(start + headerLength + 2);
      headerLength += 4 + 4 * words;
      if (headerLength > length) {
        return RtpMalformation.EXTENSION_OVERFLOW;
      }
    }
    if ((b0 & 0x20) != 0) {
      // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
      int padding = buf.getUnsignedByte(start + length - 1);
      if (padding == 0 || headerLength + padding > length) {
        return RtpMalformation.BAD_PADDING;
      }
    }
    return RtpMalformation.NONE;
  }

  /**
   * Parses the readable bytes of {@code buf}; null when malformed. The packet shares {@code buf} without retaining
   * it: to keep the packet beyond the caller's reference, retain the buffer.
   */
  public static RtpPacket parse(ByteBuf buf, InetSocketAddress sender) {
    if (check(buf) != RtpMalformation.NONE) {
      return null;
    }
    int start = buf.readerIndex();
    int end = buf.writerIndex();
    int b0 = buf.getUnsignedByte(start);
    int b1 = buf.getUnsignedByte(start + 1);
    int csrcCount = b0 & 0x0F;
    int index = start + RtpPacket.FIXED_HEADER_LENGTH;
    int[] csrcs = null;
    if (csrcCount > 0) {
      csrcs = new int[csrcCount];
      for (int i = 0; i < csrcCount; i++) {
        csrcs[i] = buf.getInt(index);
        index += 4;
      }
    }
    boolean extension = (b0 & 0x10) != 0;
    int extensionProfile = 0;
    int extensionIndex = index;
    int extensionLength = 0;
    if (extension) {
      extensionProfile = buf.getUnsignedShort(index);
      extensionLength = 4 * buf.getUnsignedShort(index + 2);
      extensionIndex = index + 4;
      index = extensionIndex + extensionLength;
    }
    int padding = (b0 & 0x20) != 0 ? buf.getUnsignedByte(end - 1) : 0;
    return new RtpPacket(
        buf,
        sender,
        (b1 & 0x80) != 0,
        b1 & 0x7F,
        buf.getUnsignedShort(start + 2),
        buf.getInt(start + 4),
        buf.getInt(start + 8),
        csrcs,
        extension,
        extensionProfile,
        extensionIndex,
        extensionLength,
        index,
        end - padding - index,
        padding);
  }
}
