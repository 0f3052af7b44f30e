package dev.voiceengine.media.session;

import dev.voiceengine.media.codec.AudioCodec;
import dev.voiceengine.media.codec.G711Codec;
import dev.voiceengine.media.dtmf.KeyPress;
import dev.voiceengine.media.dtmf.TelephoneEventReceiver;
import dev.voiceengine.media.jitter.JitterBuffer;
import dev.voiceengine.media.rtp.RtpPacket;
import dev.voiceengine.media.rtp.RtpPayloadTypes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a call's receive pipeline: sorts RTP packets by payload type. Audio is decoded into a preallocated
 * array and pushed into the jitter buffer; RFC 4733 telephone-events go to the DTMF receiver and are never played;
 * comfort noise (RFC 3389, PT 13) is not played; anything else is counted invalid. Telephone-events and comfort
 * noise still reach the jitter buffer's loss accounting ({@link JitterBuffer#observe}), as they take sequence numbers
 * from the same series as the audio. The base class releases each packet.
 *
 * <p>Audio is accepted on the negotiated payload type and on the static G.711 types 0 and 8 (RFC 3551 §6), which
 * need no negotiation to be understood. Not sharable; used on the channel's event loop.
 */
final class RtpReceiver extends SimpleChannelInboundHandler<RtpPacket> {
  private static final Logger log = LoggerFactory.getLogger(RtpReceiver.class);

  private final JitterBuffer jitter;
  private final TelephoneEventReceiver dtmf;
  private final short[] decoded = new short[JitterBuffer.MAX_PACKET_SAMPLES];
  private final String callId;
  private final LongSupplier clock;

  private int audioPayloadType = -1;
  private AudioCodec audioCodec;
  private int telephoneEventPayloadType = -1;
  private boolean stopped;
  private boolean anyPacket;
  private long lastPacketNanos;
  private long audioPackets;
  private long comfortNoisePackets;
  private long invalidPackets;

  /** @param keys told of each key press once, when it is over (RFC 4733 §2.5.1.4) */
  RtpReceiver(String callId, JitterBuffer jitter, LongSupplier clock, Consumer<KeyPress> keys) {
    super(RtpPacket.class);
    this.dtmf = new TelephoneEventReceiver(keys);
    this.callId = callId;
    this.jitter = jitter;
    this.clock = clock;
  }

  /** What signalling negotiated: the audio payload type and codec, and the telephone-event type (-1 for none). */
  void negotiated(int audioPayloadType, AudioCodec audioCodec, int telephoneEventPayloadType) {
    this.audioPayloadType = audioPayloadType;
    this.audioCodec = audioCodec;
    this.telephoneEventPayloadType = telephoneEventPayloadType;
  }

  /** Stops taking packets; a key press still open is reported. */
  void stop() {
    if (!stopped) {
      dtmf.flush();
    }
    stopped = true;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, RtpPacket packet) {
    if (stopped) {
      return;
    }
    long now = clock.getAsLong();
    anyPacket = true;
    lastPacketNanos = now;
    int pt = packet.payloadType();
    if (pt == telephoneEventPayloadType) {
      onTelephoneEvent(packet, now);
      return;
    }
    if (pt == RtpPayloadTypes.CN) {
      comfortNoisePackets++;
      jitter.observe(packet.ssrc(), packet.sequenceNumber());
      return;
    }
    AudioCodec codec = pt == audioPayloadType && audioCodec != null ? audioCodec : G711Codec.forStaticPayloadType(pt);
    if (codec == null) {
      invalidPackets++;
      return;
    }
    audioPackets++;
    int samples = codec.decode(packet.content(), packet.payloadIndex(), packet.payloadLength(), decoded);
    jitter.push(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), now, decoded, samples);
  }

  /** Events share the audio's sequence numbers, so even a repeat is accounted for; an unusable one is invalid. */
  private void onTelephoneEvent(RtpPacket packet, long now) {
    if (!dtmf.onPacket(now, packet.timestamp(), packet.marker(), packet.content(), packet.payloadIndex(),
        packet.payloadLength())) {
      invalidPackets++;
      return;
    }
    jitter.observe(packet.ssrc(), packet.sequenceNumber());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // e.g. ICMP unreachable surfacing as a write failure: the call goes on, the no-media timer decides.
    log.debug("call {}: RTP channel error", callId, cause);
  }

  boolean anyPacket() {
    return anyPacket;
  }

  long lastPacketNanos() {
    return lastPacketNanos;
  }

  long audioPackets() {
    return audioPackets;
  }

  long comfortNoisePackets() {
    return comfortNoisePackets;
  }

  /** Packets of a payload type that was not negotiated, or unusable telephone-event payloads. */
  long invalidPackets() {
    return invalidPackets;
  }

  TelephoneEventReceiver dtmf() {
    return dtmf;
  }
}
