package dev.voiceengine.media.session;

import dev.voiceengine.media.codec.AudioCodec;
import dev.voiceengine.media.dtmf.InbandDtmfDetector;
import dev.voiceengine.media.dtmf.KeyPress;
import dev.voiceengine.media.jitter.JitterBuffer;
import dev.voiceengine.media.jitter.JitterStats;
import dev.voiceengine.media.metrics.MediaMetrics;
import dev.voiceengine.media.record.CallRecorder;
import dev.voiceengine.media.record.RecordingResult;
import dev.voiceengine.media.rtp.RtpPacketDecoder;
import dev.voiceengine.media.rtp.SymmetricRtpLatch;
import dev.voiceengine.proto.control.v1.DtmfReceived;
import dev.voiceengine.proto.control.v1.MediaStats;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one call does with media, on the call's event loop, without locks.
 *
 * <p>Receive: datagram → {@link RtpPacketDecoder} → {@link SymmetricRtpLatch} → {@link RtpReceiver} → jitter
 * buffer; key presses (RFC 4733, or tones in the caller's audio while no telephone-event came) become DtmfReceived
 * events and reach the conversation. Every 20 ms (on its loop's
 * {@link FrameScheduler}): pop one caller frame from the jitter buffer, take one agent frame, send it
 * ({@link RtpSender}: audio, silence while muted, or a telephone-event while keys are sent), hand both to the
 * recorder, and check the no-media watchdog. Every method must be called on the channel's event loop.
 */
public final class CallMedia implements FrameScheduler.Frames {
  private static final Logger log = LoggerFactory.getLogger(CallMedia.class);

  /** Samples per 20 ms frame at 8 kHz. */
  public static final int FRAME_SAMPLES = 160;
  private static final int CLOCK_RATE = 8000;
  private static final int MAX_SKIPPED_FRAMES_REPLAYED = 3000;
  /** A key press with no packet for this long is over, though its end packets never came (RFC 4733 §2.5.1.4). */
  private static final long KEY_SILENCE_NANOS = 2_000_000_000L;

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
  private final RtpSender sender;
  private final InbandDtmfDetector inband;

  private Channel channel;
  private FrameScheduler scheduler;
  private FrameScheduler.Beat beat;
  private CallRecorder recorder;
  private CallAudio audio = new AgentPlayout();
  private Consumer<DtmfReceived> dtmfEvents = d -> {};
  private boolean stopped;
  private long startedNanos;
  private boolean agentHeard;

  /**
   * @param jitterDelayMillis the jitter buffer's highest playout delay (it adapts down to one frame on a clean path)
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
    // adaptive from one frame up to the configured delay; late audio (a stall) piles up to half a second more
    this.jitter = new JitterBuffer(CLOCK_RATE, Math.min(FRAME_SAMPLES, delay), delay, delay + CLOCK_RATE / 2);
    this.latch = new SymmetricRtpLatch(clock);
    this.receiver = new RtpReceiver(callId, jitter, clock, press -> keyPressed(press, press.startedNanos(), "rfc4733"));
    // the in-band detector counts from the first caller frame, taken at answer
    this.inband = new InbandDtmfDetector(press -> keyPressed(press, startedNanos + press.startedNanos(), "inband"));
    this.sender = new RtpSender(callId, latch, clock, metrics);
    this.watchdog = new NoMediaWatchdog(noMediaTimeoutNanos);
    this.onNoMedia = onNoMedia;
  }

  /** Builds the receive pipeline on a new channel (from a ChannelInitializer, on the loop). */
  public void initChannel(Channel ch) {
    this.channel = ch;
    sender.channel(ch);
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
    AudioCodec sendCodec = sender.remote(update);
    receiver.negotiated(update.payloadType(), sendCodec, update.telephoneEventPayloadType());
  }

  /** Where the caller's key presses go as events (set once, before answer). */
  public void onDtmf(Consumer<DtmfReceived> events) {
    this.dtmfEvents = events;
  }

  /** Sends keys as RFC 4733 telephone-events once the call is answered; see {@link RtpSender#sendDtmf}. */
  public void sendDtmf(String digits, CompletableFuture<Void> done) {
    if (beat == null || stopped) {
      done.completeExceptionally(new IllegalStateException("the call is not answered"));
      return;
    }
    sender.sendDtmf(digits, done);
  }

  /** While muted the agent's frames are replaced by silence; the conversation goes on. */
  public void muteAgent(boolean muted) {
    sender.mute(muted);
  }

  /** Has the call's audio say {@code text} now as the agent; false when it cannot ({@link CallAudio#say}). */
  public boolean say(String text) {
    return beat != null && !stopped && audio.say(text);
  }

  public boolean agentMuted() {
    return sender.muted();
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
    receiver.stop(); // reports a key press still open, before the conversation stops
    if (inbandListening()) {
      inband.flush();
    }
    sender.stop();
    audio.stop();
    return recorder == null ? CompletableFuture.completedFuture(RecordingResult.NONE) : recorder.finish();
  }

  /** The codec name as used in events, e.g. "PCMU/8000". */
  public String codecName() {
    return sender.codecName();
  }

  @Override
  public void onFrame() {
    jitter.pop(callerFrame);
    if (inbandListening()) {
      inband.accept(callerFrame);
    }
    try {
      audio.callerFrame(callerFrame);
      audio.agentFrame(agentFrame);
    } catch (RuntimeException e) {
      // a failing conversation must not stop the call's ticks (RTP, recording, the no-media watchdog)
      log.error("call {}: the conversation failed; the call goes on in silence", callId, e);
      fallBackToSilence();
      Arrays.fill(agentFrame, (short) 0);
    }
    sender.send(agentFrame);
    if (!agentHeard && sounds(agentFrame)) {
      agentHeard = true;
      metrics.answerToFirstAudio().record(clock.getAsLong() - startedNanos);
    }
    if (recorder != null) {
      recorder.append(callerFrame, agentFrame);
    }
    long now = clock.getAsLong();
    receiver.dtmf().expire(now, KEY_SILENCE_NANOS);
    if (watchdog.expired(now, receiver.lastPacketNanos(), receiver.anyPacket())) {
      onNoMedia.run();
    }
  }

  @Override
  public void onSkipped(int frames) {
    log.debug("call {}: event loop stalled, skipping {} frames", callId, frames);
    int samples = frames * FRAME_SAMPLES;
    jitter.skip(samples);
    sender.skip(samples);
    if (inbandListening()) {
      inband.skip(samples);
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

  private static boolean sounds(short[] frame) {
    for (short s : frame) {
      if (s != 0) {
        return true;
      }
    }
    return false;
  }

  /** The call's RTP statistics so far (RFC 3550 §6.4.1 jitter). */
  public MediaStats stats() {
    JitterStats j = jitter.stats();
    return MediaStats.newBuilder()
        .setPacketsIn(decoder.datagrams())
        .setBytesIn(decoder.datagramBytes())
        .setPacketsOut(sender.packetsOut())
        .setBytesOut(sender.bytesOut())
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

  /**
   * A key press is over: its event (times from the answer; flash is no key and is only counted) and, once answered,
   * the conversation.
   */
  private void keyPressed(KeyPress press, long startedAtNanos, String source) {
    if (press.digit() == '!') {
      return;
    }
    long atMs = beat == null ? 0 : Math.max(0, (startedAtNanos - startedNanos) / 1_000_000);
    dtmfEvents.accept(DtmfReceived.newBuilder().setDigit(String.valueOf(press.digit())).setAtMs(atMs)
        .setDurationMs(press.durationMs()).setSource(source).build());
    if (beat != null && !stopped) {
      try {
        audio.callerKey(press.digit());
      } catch (RuntimeException e) {
        log.error("call {}: the conversation failed on a key press; the call goes on in silence", callId, e);
        fallBackToSilence();
      }
    }
  }

  /** Tones count as keys until the first telephone-event: a sender of those may play the tones as well. */
  private boolean inbandListening() {
    return receiver.dtmf().packets() == 0;
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
