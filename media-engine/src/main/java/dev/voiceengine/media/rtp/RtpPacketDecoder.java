package dev.voiceengine.media.rtp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Turns received datagrams into {@link RtpPacket}s; drops and counts the malformed ones (they never raise an
 * exception in the pipeline). The datagram is released by the base class; a decoded packet holds its own reference
 * to the same buffer, so nothing is copied.
 *
 * <p>Not sharable: one instance per channel, and its counters belong to that channel's call.
 */
public final class RtpPacketDecoder extends MessageToMessageDecoder<DatagramPacket> {
  private long datagrams;
  private long datagramBytes;
  private long decoded;
  private long malformed;
  private RtpMalformation lastMalformation = RtpMalformation.NONE;

  public RtpPacketDecoder() {
    super(DatagramPacket.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket datagram, List<Object> out) {
    datagrams++;
    datagramBytes += datagram.content().readableBytes();
    RtpPacket packet = RtpPacketParser.parse(datagram.content(), datagram.sender());
    if (packet == null) {
      malformed++;
      lastMalformation = RtpPacketParser.check(datagram.content());
      return;
    }
    datagram.content().retain();
    decoded++;
    out.add(packet);
  }

  /** Datagrams received, RTP or not. Read on the channel's event loop. */
  public long datagrams() {
    return datagrams;
  }

  /** UDP payload bytes of all datagrams received. */
  public long datagramBytes() {
    return datagramBytes;
  }

  /** Datagrams that parsed as RTP. Read on the channel's event loop. */
  public long decoded() {
    return decoded;
  }

  /** Datagrams that were not RTP. Read on the channel's event loop. */
  public long malformed() {
    return malformed;
  }

  /** Why the latest malformed datagram was rejected (for diagnostics). */
  public RtpMalformation lastMalformation() {
    return lastMalformation;
  }
}
