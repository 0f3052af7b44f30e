package dev.voiceengine.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.net.InetSocketAddress;

/**
 * One parsed RTP packet (RFC 3550 §5.1) over the datagram buffer it came in.
 *
 * <p>The header fields are read once; the payload, header extension and padding stay in {@link #content()} and are
 * addressed by absolute index, so reading a packet copies nothing. The packet owns one reference to its buffer:
 * whoever consumes it releases it.
 */
public final class RtpPacket extends DefaultByteBufHolder {
  /** RTP version carried in the first two bits (RFC 3550 §5.1). */
  public static final int VERSION = 2;
  /** Fixed header length before CSRCs and extension. */
  public static final int FIXED_HEADER_LENGTH = 12;

  private static final int[] NO_CSRCS = new int[0];

  private final InetSocketAddress sender;
  private final boolean marker;
  private final int payloadType;
  private final int sequenceNumber;
  private final int timestamp;
  private final int ssrc;
  private final int[] csrcs;
  private final boolean hasExtension;
  private final int extensionProfile;
  private final int extensionIndex;
  private final int extensionLength;
  private final int payloadIndex;
  private final int payloadLength;
  private final int paddingLength;

  RtpPacket(
      ByteBuf content,
      InetSocketAddress sender,
      boolean marker,
      int payloadType,
      int sequenceNumber,
      int timestamp,
      int ssrc,
      int[] csrcs,
      boolean hasExtension,
      int extensionProfile,
      int extensionIndex,
      int extensionLength,
      int payloadIndex,
      int payloadLength,
      int paddingLength) {
    super(content);
    this.sender = sender;
    this.marker = marker;
    this.payloadType = payloadType;
    this.sequenceNumber = sequenceNumber;
    this.timestamp = timestamp;
    this.ssrc = ssrc;
    this.csrcs = csrcs == null ? NO_CSRCS : csrcs;
    this.hasExtension = hasExtension;
    this.extensionProfile = extensionProfile;
    this.extensionIndex = extensionIndex;
    this.extensionLength = extensionLength;
    this.payloadIndex = payloadIndex;
    this.payloadLength = payloadLength;
    this.paddingLength = paddingLength;
  }

  /** Where the datagram came from, or null when parsed outside a channel. */
  public InetSocketAddress sender() {
    return sender;
  }

  public boolean marker() {
    return marker;
  }

  /** 7-bit payload type. */
  public int payloadType() {
    return payloadType;
  }

  /** 16-bit sequence number, 0..65535. */
  public int sequenceNumber() {
    return sequenceNumber;
  }

  /** 32-bit timestamp as a signed int; use {@link #timestampUnsigned()} to print or compare as a number. */
  public int timestamp() {
    return timestamp;
  }

  public long timestampUnsigned() {
    return timestamp & 0xFFFF_FFFFL;
  }

  public int ssrc() {
    return ssrc;
  }

  /** Contributing sources (a copy is not made: do not modify). Empty when CC is 0. */
  public int[] csrcs() {
    return csrcs;
  }

  public boolean hasExtension() {
    return hasExtension;
  }

  /** The 16-bit "defined by profile" field of the header extension (RFC 3550 §5.3.1), 0 when none. */
  public int extensionProfile() {
    return extensionProfile;
  }

  /** Absolute index in {@link #content()} of the extension data (after its 4-byte header). */
  public int extensionIndex() {
    return extensionIndex;
  }

  /** Extension data length in bytes (a multiple of 4). */
  public int extensionLength() {
    return extensionLength;
  }

  /** Absolute index in {@link #content()} of the first payload byte. */
  public int payloadIndex() {
    return payloadIndex;
  }

  /** Payload length in bytes, without padding. */
  public int payloadLength() {
    return payloadLength;
  }

  /** Padding bytes at the end including the count byte itself, 0 when the P bit is clear. */
  public int paddingLength() {
    return paddingLength;
  }

  public boolean hasPadding() {
    return paddingLength > 0;
  }

  /** Whole packet length on the wire. */
  public int length() {
    return content().readableBytes();
  }

  /** A view of the payload sharing this packet's reference count. */
  public ByteBuf payload() {
    return content().slice(payloadIndex, payloadLength);
  }

  @Override
  public RtpPacket replace(ByteBuf content) {
    throw new UnsupportedOperationException("RtpPacket indexes are tied to its buffer");
  }

  @Override
  public RtpPacket retain() {
    super.retain();
    return this;
  }

  @Override
  public RtpPacket touch(Object hint) {
    super.touch(hint);
    return this;
  }

  @Override
  public String toString() {
    return "RtpPacket{pt=" + payloadType
        + ", seq=" + sequenceNumber
        + ", ts=" + timestampUnsigned()
        + ", ssrc=" + Integer.toHexString(ssrc)
        + (marker ? ", M" : "")
        + ", payload=" + payloadLength
        + (sender != null ? ", from=" + sender : "")
        + '}';
  }
}
