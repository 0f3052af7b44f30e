package dev.voiceengine.media.session;

import dev.voiceengine.media.codec.AudioCodec;
import dev.voiceengine.media.codec.G711Codec;
import dev.voiceengine.media.dtmf.TelephoneEventSender;
import dev.voiceengine.media.metrics.MediaMetrics;
import dev.voiceengine.media.rtp.RtpPacketizer;
import dev.voiceengine.media.rtp.SymmetricRtpLatch;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of a call's RTP stream: one packet per 20 ms frame to the latched (else signalled) address. A
 * frame is the agent's audio, silence while the agent is muted (the packets and timestamps go on, so the far end
 * hears a quiet line, not a dropped one), or an RFC 4733 telephone-event while keys are being sent
 * ({@link TelephoneEventSender}). Nothing is sent while on hold; the RTP clock runs over it (RFC 3550 §5.1). The
 * call's event loop only.
 */
final class RtpSender {
  private static final Logger log = LoggerFactory.getLogger(RtpSender.class);
  private static final long NOT_SENT = Long.MIN_VALUE;

  private final String callId;
  private final SymmetricRtpLatch latch;
  private final LongSupplier clock;
  private final MediaMetrics metrics;
  private final TelephoneEventSender keys = new TelephoneEventSender();

  private Channel channel;
  private RtpPacketizer packetizer;
  private RemoteMedia remote;
  private AudioCodec codec;
  private boolean muted;
  private long packetsOut;
  private long bytesOut;
  private long eventPacketsOut;
  private long lastSentNanos = NOT_SENT;

  RtpSender(String callId, SymmetricRtpLatch latch, LongSupplier clock, MediaMetrics metrics) {
    this.callId = callId;
    this.latch = latch;
    this.clock = clock;
    this.metrics = metrics;
  }

  void channel(Channel ch) {
    this.channel = ch;
  }

  /** New or changed SDP; returns the codec to send with, or null when the encoding cannot be sent. */
  AudioCodec remote(RemoteMedia update) {
    remote = update;
    codec = G711Codec.forEncoding(update.encoding());
    if (codec == null) {
      log.warn("call {}: cannot send {} audio; only PCMU and PCMA are supported", callId, update.encoding());
    }
    if (packetizer == null) {
      packetizer = new RtpPacketizer(update.payloadType());
    } else {
      packetizer.payloadType(update.payloadType());
    }
    if (update.telephoneEventPayloadType() < 0) {
      keys.cancel(new IllegalStateException("the far end no longer accepts telephone-events"));
    }
    return codec;
  }

  /** The codec name as used in events, e.g. "PCMU/8000". */
  String codecName() {
    return (codec != null ? codec.encodingName() : remote != null ? remote.encoding() : "PCMU") + "/8000";
  }

  /**
   * Sends keys after whatever was asked before; {@code done} completes when their last end packet is sent, or fails
   * with IllegalStateException when the far end did not offer telephone-event (RFC 4733 §7.1) or the call ends.
   */
  void sendDtmf(String digits, CompletableFuture<Void> done) {
    if (remote == null || remote.telephoneEventPayloadType() < 0) {
      done.completeExceptionally(new IllegalStateException("the far end did not offer telephone-event"));
      return;
    }
    keys.enqueue(digits, done);
  }

  void mute(boolean mute) {
    this.muted = mute;
  }

  boolean muted() {
    return muted;
  }

  /** Fails the keys still to send. */
  void stop() {
    keys.cancel(new IllegalStateException("the call ended"));
  }

  /**
   * Sends the frame for this tick. {@code frame} is set to silence when what the far end hears is not it (muted, or a
   * telephone-event sent instead), so that the recording holds what was sent.
   */
  void send(short[] frame) {
    if (muted) {
      Arrays.fill(frame, (short) 0);
    }
    if (packetizer == null) {
      return;
    }
    boolean event = keys.busy() && keys.nextFrame(packetizer.nextTimestamp());
    if (event) {
      Arrays.fill(frame, (short) 0);
    }
    InetSocketAddress to = destination();
    if (to == null) {
      packetizer.skip(CallMedia.FRAME_SAMPLES);
      lastSentNanos = NOT_SENT;
      return;
    }
    ByteBuf buf;
    if (event) {
      buf = channel.alloc().ioBuffer(16);
      packetizer.writeHeaderAt(buf, keys.marker(), remote.telephoneEventPayloadType(), keys.timestamp(),
          CallMedia.FRAME_SAMPLES);
      keys.writePayload(buf);
      eventPacketsOut++;
    } else {
      buf = channel.alloc().ioBuffer(12 + CallMedia.FRAME_SAMPLES);
      packetizer.writeNextHeader(buf, CallMedia.FRAME_SAMPLES);
      codec.encode(frame, 0, CallMedia.FRAME_SAMPLES, buf);
    }
    packetsOut++;
    bytesOut += buf.readableBytes();
    channel.writeAndFlush(new DatagramPacket(buf, to), channel.voidPromise());
    long now = clock.getAsLong();
    if (lastSentNanos != NOT_SENT) {
      metrics.sendIntervalDeviation().record(Math.abs(now - lastSentNanos - FrameScheduler.FRAME_NANOS));
    }
    lastSentNanos = now;
    metrics.packetSent();
  }

  /** Lets the RTP clock run over frames the event loop could not send in time. */
  void skip(int samples) {
    if (packetizer != null) {
      packetizer.skip(samples);
    }
  }

  /** The latched (else signalled) address, or null while on hold or when there is nowhere usable to send. */
  private InetSocketAddress destination() {
    if (!remote.sendAudio() || codec == null) {
      return null;
    }
    InetSocketAddress to = latch.latched() != null ? latch.latched() : remote.address();
    return SymmetricRtpLatch.usable(to) ? to : null;
  }

  long packetsOut() {
    return packetsOut;
  }

  long bytesOut() {
    return bytesOut;
  }

  /** Telephone-event packets among {@link #packetsOut()}. */
  long eventPacketsOut() {
    return eventPacketsOut;
  }
}
