package dev.voiceengine.media.rtp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Symmetric RTP (RFC 4961) with strict learning: decides which source address is this call's remote, so we send
 * there whatever SDP said (which gets audio through NATs) and drop everything else.
 *
 * <p>Latching on the first packet from anywhere is not enough: a stale in-flight packet from the old address after
 * a re-INVITE, or a stray packet from the previous call on a recycled port, would latch the wrong party for good.
 * So, like other media servers' "strict RTP":
 * <ul>
 *   <li>packets from the address signalled in SDP (exact ip:port) are always accepted and latch at once;
 *   <li>another source takes over only after {@link #LEARN_PACKETS} consecutive packets with consecutive sequence
 *       numbers (RFC 3550 §A.1 probation), and only once the latched source (or, after a move, the newly signalled
 *       one) has been silent for {@link #SILENCE_NANOS}; before anything was ever accepted the packets suffice,
 *       which keeps carriers that send from another port than their SDP says working.
 * </ul>
 * Packets from any source other than the latched one, including a source still being learnt, are dropped and
 * counted as foreign. Calls are told apart by socket and address, never by SSRC: replayed captures reuse one SSRC
 * for every call.
 *
 * <p>Stays in the pipeline after latching so it can filter; not sharable; used on the channel's event loop.
 */
public final class SymmetricRtpLatch extends ChannelInboundHandlerAdapter {
  /** Consecutive packets a source other than the signalled one must send before it may latch. */
  public static final int LEARN_PACKETS = 5;
  /** How long the latched (or expected) source must have been silent before another source may take over. */
  public static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LongSupplier clock;
  private InetSocketAddress signalled;
  private InetSocketAddress latched;
  private boolean heard;
  private long lastHeardNanos;
  private InetSocketAddress candidate;
  private int candidateRun;
  private int candidateNextSequence;
  private long foreignPackets;

  /** @param clock monotonic nanoseconds, as {@link System#nanoTime()} */
  public SymmetricRtpLatch(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * SDP said where the remote's media is (first offer or a re-INVITE). A usable address other than the one
   * signalled before and the one latched is a move: the latch lets go, so we send to the new address, and the new
   * address's silence counts from now, so stale packets from the old one cannot take the call back at once. An
   * unusable address (c=0.0.0.0 hold, RFC 3264 §8.4; port 0) changes nothing.
   */
  public void signalled(InetSocketAddress address) {
    if (!usable(address)) {
      return;
    }
    if (signalled != null && !address.equals(signalled) && !address.equals(latched)) {
      latched = null;
      candidate = null;
      lastHeardNanos = clock.getAsLong();
    }
    signalled = address;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof RtpPacket packet && packet.sender() != null && !accept(packet)) {
      foreignPackets++;
      packet.release();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private boolean accept(RtpPacket packet) {
    InetSocketAddress from = packet.sender();
    if (from.equals(latched) || from.equals(signalled)) {
      hear(from);
      return true;
    }
    if (from.equals(candidate) && packet.sequenceNumber() == candidateNextSequence) {
      candidateRun++;
    } else {
      candidate = from;
      candidateRun = 1;
    }
    candidateNextSequence = (packet.sequenceNumber() + 1) & 0xFFFF;
    if (candidateRun >= LEARN_PACKETS && (!heard || clock.getAsLong() - lastHeardNanos >= SILENCE_NANOS)) {
      hear(from);
      return true;
    }
    return false;
  }

  private void hear(InetSocketAddress from) {
    latched = from;
    candidate = null;
    heard = true;
    lastHeardNanos = clock.getAsLong();
  }

  /** The remote's address as latched, or null before one was learnt or after a move. */
  public InetSocketAddress latched() {
    return latched;
  }

  /** Packets dropped because they came from another address than the latched one (including while learning). */
  public long foreignPackets() {
    return foreignPackets;
  }

  /** True for an address one can send to: resolved, not the wildcard (0.0.0.0 hold), not port 0. */
  public static boolean usable(InetSocketAddress address) {
    return address != null && !address.isUnresolved() && !address.getAddress().isAnyLocalAddress()
        && address.getPort() != 0;
  }
}
