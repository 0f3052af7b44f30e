package dev.voiceengine.media.session;

import dev.voiceengine.media.codec.AudioCodec;
import dev.voiceengine.media.codec.G711Codec;
import dev.voiceengine.media.jitter.JitterBuffer;
import dev.voiceengine.media.jitter.JitterStats;
import dev.voiceengine.media.metrics.MediaMetrics;
import dev.voiceengine.media.record.CallRecorder;
import dev.voiceengine.media.record.RecordingResult;
import dev.voiceengine.media.rtp.RtpPacketDecoder;
import dev.voiceengine.media.rtp.RtpPacketizer;
import dev.voiceengine.media.rtp.SymmetricRtpLatch;
import dev.voiceengine.proto.control.v1.MediaStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one call does with media, on the call's event loop, without locks.
 *
 * <p>Receive: datagram → {@link RtpPacketDecoder} → {@link SymmetricRtpLatch} → {@link RtpReceiver} → jitter
 * buffer. Every 20 ms (on its loop's {@link FrameScheduler}): pop one caller frame from the jitter buffer, take one
 * agent frame, encode and send the agent frame to the latched (else signalled) address, hand both to the recorder,
 * and check the no-media watchdog. Every method must be called on the channel's event loop.
 */
public final class CallMedia implements FrameScheduler.Frames {
  private static final Logger log = LoggerFactory.getLogger(CallMedia.class);

  /** Samples per 20 ms frame at 8 kHz. */
  public static final int FRAME_SAMPLES = 160;
  private static final int CLOCK_RATE = 8000;
  private static final int MAX_SKIPPED_FRAMES_REPLAYED = 3000;
  private static final long NOT_SENT = Long.MIN_VALUE;

  private final String callId;
  private final JitterBuffer jitter;
  private final RtpPacketDecoder decoder = new RtpPacketDecoder();
  private final SymmetricRtpLatch latch;
  private final RtpReceiver receiver;
  private final NoMediaWatchdog watchdog;
  private final Runnable onNoMedia;
  private final short[] callerFrame = new short[FRAME_SAMPLES];
  private final short[] agentFrame = new short[FRAME_SAMPLES];
  private final LongSupplier clock;
  private final MediaMetrics metrics;
  private final Function<EventExecutor, FrameScheduler> beats;

  private Channel channel;
  private FrameScheduler scheduler;
  private FrameScheduler.Beat beat;
  private RtpPacketizer packetizer;
  private RemoteMedia remote;
  private AudioCodec sendCodec;
  private CallRecorder recorder;
  private CallAudio audio = new AgentPlayout();
  private boolean stopped;
  private long packetsOut;
  private long bytesOut;
  private long startedNanos;
  private long lastSentNanos = NOT_SENT;
  private boolean agentHeard;

  /**
   * @param jitterDelayMillis playout delay of the jitter buffer
   * @param noMediaTimeoutNanos no RTP for this long while the remote sends calls {@code onNoMedia} (0 disables)
   * @param onNoMedia         runs once, on the loop, when the watchdog fires; must not block
   */
  public CallMedia(String callId, int jitterDelayMillis, long noMediaTimeoutNanos, Runnable onNoMedia,
      MediaMetrics metrics, FrameSchedulers beats) {
    this(callId, jitterDelayMillis, noMediaTimeoutNanos, onNoMedia, System::nanoTime, metrics, beats::on);
  }

  /**
   * As above, with a monotonic clock in nanoseconds and a beat of the call's own on that clock (tests drive time by
   * hand).
   */
  public CallMedia(String callId, int jitterDelayMillis, long noMediaTimeoutNanos, Runnable onNoMedia,
      LongSupplier clock, MediaMetrics metrics) {
    this(callId, jitterDelayMillis, noMediaTimeoutNanos, onNoMedia, clock, metrics,
        loop -> new FrameScheduler(loop, FrameScheduler.FRAME_NANOS, FrameScheduler.DEFAULT_SLOTS,
            FrameScheduler.DEFAULT_MAX_CATCH_UP, clock, metrics));
  }

  private CallMedia(String callId, int jitterDelayMillis, long noMediaTimeoutNanos, Runnable onNoMedia,
      LongSupplier clock, MediaMetrics metrics, Function<EventExecutor, FrameScheduler> beats) {
    this.callId = callId;
    this.clock = clock;
    this.metrics = metrics;
    this.beats = beats;
    int delay = Math.max(0, jitterDelayMillis) * CLOCK_RATE / 1000;
    this.jitter = new JitterBuffer(CLOCK_RATE, delay, delay + CLOCK_RATE / 5);
    this.latch = new SymmetricRtpLatch(clock);
    this.receiver = new RtpReceiver(callId, jitter, clock);
    this.watchdog = new NoMediaWatchdog(noMediaTimeoutNanos);
    this.onNoMedia = onNoMedia;
  }

  /** Builds the receive pipeline on a new channel (from a ChannelInitializer, on the loop). */
  public void initChannel(Channel ch) {
    this.channel = ch;
    this.scheduler = beats.apply(ch.eventLoop());
    ch.pipeline().addLast("rtp-decoder", decoder).addLast("rtp-latch", latch).addLast("rtp-receiver", receiver);
  }

  /**
   * New or changed SDP: where to send, which payload types, who sends. A new address moves the symmetric-RTP latch
   * ({@link SymmetricRtpLatch#signalled}); while the remote does not send (hold) the no-media watchdog waits.
   */
  public void updateRemote(RemoteMedia update) {
    latch.signalled(update.address());
    if (update.remoteSends()) {
      watchdog.resume(clock.getAsLong());
    } else {
      watchdog.pause();
    }
    remote = update;
    sendCodec = G711Codec.forEncoding(update.encoding());
    if (sendCodec == null) {
      log.warn("call {}: cannot send {} audio; only PCMU and PCMA are supported", callId, update.encoding());
    }
    receiver.negotiated(update.payloadType(), sendCodec, update.telephoneEventPayloadType());
    if (packetizer == null) {
      packetizer = new RtpPacketizer(update.payloadType());
    } else {
      packetizer.payloadType(update.payloadType());
    }
  }

  /** Answer: starts playout of {@code greeting}, recording (when {@code recorder} is not null), ticks and watchdog. */
  public void start(short[] greeting, CallRecorder recorder) {
    AgentPlayout playout = new AgentPlayout();
    playout.play(greeting);
    start(playout, recorder);
  }

  /**
   * Answer: starts {@code callAudio} (a conversation, or a plain greeting), recording (when {@code recorder} is not
   * null), ticks and watchdog.
   */
  public void start(CallAudio callAudio, CallRecorder recorder) {
    if (stopped || beat != null) {
      return;
    }
    this.recorder = recorder;
    this.audio = callAudio;
    try {
      audio.start();
    } catch (RuntimeException e) {
      log.error("call {}: the conversation failed to start; the call goes on in silence", callId, e);
      fallBackToSilence();
    }
    jitter.startPlayout();
    startedNanos = clock.getAsLong();
    watchdog.arm(startedNanos);
    metrics.callStarted();
    beat = scheduler.join(this);
    if (stopped) {
      beat.stop(); // the first frame, run while joining, ended the call
    }
  }

  /** Stops ticks and packet handling; the recording is finished off the loop. Idempotent. */
  public CompletableFuture<RecordingResult> stop() {
    if (beat != null) {
      beat.stop();
    }
    stopped = true;
    audio.stop();
    receiver.stop();
    return recorder == null ? CompletableFuture.completedFuture(RecordingResult.NONE) : recorder.finish();
  }

  /** The codec name as used in events, e.g. "PCMU/8000". */
  public String codecName() {
    return (sendCodec != null ? sendCodec.encodingName() : remote != null ? remote.encoding() : "PCMU") + "/8000";
  }

  @Override
  public void onFrame() {
    jitter.pop(callerFrame);
    try {
      audio.callerFrame(callerFrame);
      audio.agentFrame(agentFrame);
    } catch (RuntimeException e) {
      // a failing conversation must not stop the call's ticks (RTP, recording, the no-media watchdog)
      log.error("call {}: the conversation failed; the call goes on in silence", callId, e);
      fallBackToSilence();
      Arrays.fill(agentFrame, (short) 0);
    }
    send(agentFrame);
    if (!agentHeard && sounds(agentFrame)) {
      agentHeard = true;
      metrics.answerToFirstAudio().record(clock.getAsLong() - startedNanos);
    }
    if (recorder != null) {
      recorder.append(callerFrame, agentFrame);
    }
    long now = clock.getAsLong();
    if (watchdog.expired(now, receiver.lastPacketNanos(), receiver.anyPacket())) {
      onNoMedia.run();
    }
  }

  @Override
  public void onSkipped(int frames) {
    log.debug("call {}: event loop stalled, skipping {} frames", callId, frames);
    int samples = frames * FRAME_SAMPLES;
    jitter.skip(samples);
    if (packetizer != null) {
      packetizer.skip(samples);
    }
    if (recorder != null) {
      recorder.appendSilence(frames);
    }
    // Keep the conversation's timeline on the call's: the stalled frames pass as silence (bounded work).
    Arrays.fill(callerFrame, (short) 0);
    try {
      for (int i = 0; i < Math.min(frames, MAX_SKIPPED_FRAMES_REPLAYED); i++) {
        audio.callerFrame(callerFrame);
        audio.agentFrame(agentFrame);
      }
    } catch (RuntimeException e) {
      log.error("call {}: the conversation failed; the call goes on in silence", callId, e);
      fallBackToSilence();
    }
  }

  private void fallBackToSilence() {
    try {
      audio.stop();
    } catch (RuntimeException e) {
      log.warn("call {}: stopping the failed conversation failed too", callId, e);
    }
    audio = new AgentPlayout();
  }

  /** Sends one frame, or lets the RTP clock run over it when nothing may be sent (RFC 3550 §5.1). */
  private void send(short[] frame) {
    if (packetizer == null) {
      return;
    }
    InetSocketAddress to = destination();
    if (to == null) {
      packetizer.skip(FRAME_SAMPLES);
      lastSentNanos = NOT_SENT;
      return;
    }
    ByteBuf buf = channel.alloc().ioBuffer(12 + FRAME_SAMPLES);
    packetizer.writeNextHeader(buf, FRAME_SAMPLES);
    sendCodec.encode(frame, 0, FRAME_SAMPLES, buf);
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

  private static boolean sounds(short[] frame) {
    for (short s : frame) {
      if (s != 0) {
        return true;
      }
    }
    return false;
  }

  /** The latched (else signalled) address, or null while on hold or when there is nowhere usable to send. */
  private InetSocketAddress destination() {
    if (!remote.sendAudio() || sendCodec == null) {
      return null;
    }
    InetSocketAddress to = latch.latched() != null ? latch.latched() : remote.address();
    return SymmetricRtpLatch.usable(to) ? to : null;
  }

  /** The call's RTP statistics so far (RFC 3550 §6.4.1 jitter). */
  public MediaStats stats() {
    JitterStats j = jitter.stats();
    return MediaStats.newBuilder()
        .setPacketsIn(decoder.datagrams())
        .setBytesIn(decoder.datagramBytes())
        .setPacketsOut(packetsOut)
        .setBytesOut(bytesOut)
        .setPacketsLost(Math.max(0, j.lost()))
        .setPacketsLate(j.late())
        .setPacketsDuplicate(j.duplicate())
        .setPacketsInvalid(decoder.malformed() + latch.foreignPackets() + receiver.invalidPackets())
        .setJitterMs(j.jitterMillis())
        .setMaxJitterMs(j.maxJitterMillis())
        .setDtmfPackets(receiver.dtmf().packets())
        .build();
  }

  /** What the call used of its providers, or null when no conversation ran. */
  public dev.voiceengine.proto.control.v1.ProviderUsage providerUsage() {
    return audio.usage();
  }

  /** Jitter-buffer detail beyond what {@link MediaStats} carries. */
  public JitterStats jitterStats() {
    return jitter.stats();
  }

  /** Keys pressed so far (RFC 4733). */
  public String dtmfDigits() {
    return receiver.dtmf().digits();
  }

  /** The remote's address as latched by strict symmetric RTP, or null. */
  public InetSocketAddress latchedRemote() {
    return latch.latched();
  }
}
