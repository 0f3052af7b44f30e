package dev.voiceengine.media.rtp;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sending side of one RTP stream: one SSRC, sequence numbers and timestamps.
 *
 * <p>SSRC, first sequence number and first timestamp are random (RFC 3550 §5.1, §8.1). The timestamp follows the
 * sampling clock whether or not packets are sent ({@link #skip}). The marker bit is set on the first packet and on
 * the first after a gap in sending, each the start of a talkspurt (RFC 3551 §4.1), so the receiver may adjust its
 * playout point there. Not thread-safe: used on the call's event loop.
 */
public final class RtpPacketizer {
  private final int ssrc;
  private int payloadType;
  private int sequenceNumber;
  private int timestamp;
  private boolean talkspurtStart = true;

  public RtpPacketizer(int payloadType) {
    this(payloadType, ThreadLocalRandom.current().nextInt(),
        ThreadLocalRandom.current().nextInt(1 << 16), ThreadLocalRandom.current().nextInt());
  }

  /** For tests and replays: fixed SSRC, first sequence number and first timestamp. */
  public RtpPacketizer(int payloadType, int ssrc, int firstSequenceNumber, int firstTimestamp) {
    this.payloadType = payloadType;
    this.ssrc = ssrc;
    this.sequenceNumber = firstSequenceNumber & 0xFFFF;
    this.timestamp = firstTimestamp;
  }

  /**
   * Appends the header of the next packet to {@code out}; the caller appends the payload. Then advances the
   * sequence number by one and the timestamp by {@code samples}.
   */
  public void writeNextHeader(ByteBuf out, int samples) {
    RtpPacketWriter.writeHeader(out, talkspurtStart, payloadType, sequenceNumber, timestamp, ssrc);
    talkspurtStart = false;
    sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
    timestamp += samples;
  }

  /**
   * Appends the header of a packet of another payload type on this stream with its own {@code timestamp} and
   * {@code marker} (an RFC 4733 telephone-event, which carries its event's start, §2.5.1.2); then advances the
   * sequence number by one and this stream's clock by {@code samples}, as for audio.
   */
  public void writeHeaderAt(ByteBuf out, boolean marker, int otherPayloadType, int packetTimestamp, int samples) {
    RtpPacketWriter.writeHeader(out, marker, otherPayloadType, sequenceNumber, packetTimestamp, ssrc);
    talkspurtStart = false;
    sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
    timestamp += samples;
  }

  /**
   * Advances the timestamp over samples that were not sent (the sampling clock kept running, RFC 3550 §5.1); the
   * next packet starts a talkspurt and carries the marker bit.
   */
  public void skip(int samples) {
    timestamp += samples;
    talkspurtStart = true;
  }

  /** Changes the payload type for following packets (e.g. after a re-INVITE). */
  public void payloadType(int payloadType) {
    this.payloadType = payloadType;
  }

  public int payloadType() {
    return payloadType;
  }

  public int ssrc() {
    return ssrc;
  }

  /** Sequence number the next packet will carry. */
  public int nextSequenceNumber() {
    return sequenceNumber;
  }

  /** Timestamp the next packet will carry. */
  public int nextTimestamp() {
    return timestamp;
  }
}
