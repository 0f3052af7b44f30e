package dev.voiceengine.media.rtp;

import io.netty.buffer.ByteBuf;

/** Serializes RTP headers and whole packets (RFC 3550 §5.1). */
public final class RtpPacketWriter {
  private RtpPacketWriter() {}

  /** Appends a 12-byte fixed header with no CSRC, extension or padding. */
  public static void writeHeader(
      ByteBuf out, boolean marker, int payloadType, int sequenceNumber, int timestamp, int ssrc) {
    out.writeByte(RtpPacket.VERSION << 6);
    out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
    out.writeShort(sequenceNumber);
    out.writeInt(timestamp);
    out.writeInt(ssrc);
  }

  /**
   * Appends {@code packet} as it was received: header fields, CSRCs, extension, payload and the padding octets
   * (copied, so a parsed packet serializes back byte for byte).
   */
  public static void write(RtpPacket packet, ByteBuf out) {
    int[] csrcs = packet.csrcs();
    int b0 = RtpPacket.VERSION << 6
        | (packet.hasPadding() ? 0x20 : 0)
        | (packet.hasExtension() ? 0x10 : 0)
        | csrcs.length;
    out.writeByte(b0);
    out.writeByte((packet.marker() ? 0x80 : 0) | packet.payloadType());
    out.writeShort(packet.sequenceNumber());
    out.writeInt(packet.timestamp());
    out.writeInt(packet.ssrc());
    for (int csrc : csrcs) {
      out.writeInt(csrc);
    }
    ByteBuf content = packet.content();
    if (packet.hasExtension()) {
      out.writeShort(packet.extensionProfile());
      out.writeShort(packet.extensionLength() / 4);
      out.writeBytes(content, packet.extensionIndex(), packet.extensionLength());
    }
    out.writeBytes(content, packet.payloadIndex(), packet.payloadLength());
    if (packet.hasPadding()) {
      out.writeBytes(content, packet.payloadIndex() + packet.payloadLength(), packet.paddingLength());
    }
  }
}
