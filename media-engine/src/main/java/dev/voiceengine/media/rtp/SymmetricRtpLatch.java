package dev.voiceengine.media.rtp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;

/**
 * Symmetric RTP (RFC 4961): the first valid packet fixes the remote's address, and we send there, whatever SDP
 * said, which gets audio through NATs.
 *
 * <p>Once latched, packets from any other address are dropped and counted: they cannot be this call's (each call
 * has its own socket) and injecting audio into a call takes more than guessing a port. Calls are told apart by
 * socket and address, never by SSRC: replayed captures reuse one SSRC for every call. {@link #reset()} re-arms
 * the latch when signalling moves the media (a re-INVITE with a new address).
 *
 * <p>Stays in the pipeline after latching so it can filter; not sharable; used on the channel's event loop.
 */
public final class SymmetricRtpLatch extends ChannelInboundHandlerAdapter {
  private InetSocketAddress latched;
  private long foreignPackets;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof RtpPacket packet && packet.sender() != null) {
      if (latched == null) {
        latched = packet.sender();
      } else if (!latched.equals(packet.sender())) {
        foreignPackets++;
        packet.release();
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  /** The remote's address as latched, or null before the first packet. */
  public InetSocketAddress latched() {
    return latched;
  }

  /** Packets dropped because they came from another address than the latched one. */
  public long foreignPackets() {
    return foreignPackets;
  }

  /** Forgets the latched address: the next valid packet latches again. */
  public void reset() {
    latched = null;
  }
}
