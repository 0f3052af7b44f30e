package dev.voiceengine.media;

import com.google.protobuf.Timestamp;
import dev.voiceengine.media.dtmf.TelephoneEventSender;
import dev.voiceengine.media.record.CallRecorder;
import dev.voiceengine.media.record.RecordingResult;
import dev.voiceengine.media.session.AgentPlayout;
import dev.voiceengine.media.session.CallAudio;
import dev.voiceengine.media.session.CallMedia;
import dev.voiceengine.media.session.RemoteMedia;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.MediaStats;
import dev.voiceengine.proto.control.v1.ProviderUsage;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's media: its RTP socket, its pipeline and its lifecycle (open → answered → ended).
 *
 * <p>Methods may be called from any thread; they post to the call's event loop, where all of the call's state
 * lives (see {@link CallMedia}). Ending is idempotent and ordered: ticks stop, the socket closes and its port is
 * freed, the recording is finished off the loop, and only then is CallEnded emitted and {@link #ended()}
 * completed, so a consumer that sees CallEnded can read the whole WAV. A recording that does not close within the
 * engine's finish timeout (a hung disk) does not hold CallEnded back: it is reported with what is known and a
 * recording error. CallEnded is emitted exactly once.
 */
public final class CallSession {
  private static final Logger log = LoggerFactory.getLogger(CallSession.class);

  private final MediaEngine engine;
  private final String callId;
  private final CallInfo info;
  private final CallControl control;
  private final Channel channel;
  private final EventLoop loop;
  private final CallMedia media;
  private final InetSocketAddress localAddress;
  private final int port;
  private final AtomicBoolean ending = new AtomicBoolean();
  private final AtomicBoolean endedEmitted = new AtomicBoolean();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private boolean answered; // loop only
  private volatile boolean live; // answered and not ended: a hint for other threads
  private volatile boolean telephoneEvents; // the far end's SDP offered telephone-event
  private boolean finished; // loop only: tasks apply in the order they were called
  private volatile String recording = ""; // written on the loop; read by abandon()
  private volatile String hangupOutcome; // what this call asked signalling to hang up with; null until it asks
  private volatile int sipStatus; // the final response that ended the call before answer (outbound), else 0
  private volatile String sipReason = "";

  CallSession(MediaEngine engine, CallInfo info, CallControl control, Channel channel, CallMedia media, int port) {
    this.engine = engine;
    this.info = info;
    this.callId = info.callId();
    this.control = control;
    this.channel = channel;
    this.loop = channel.eventLoop();
    this.media = media;
    this.localAddress = (InetSocketAddress) channel.localAddress();
    this.port = port;
    media.onDtmf(dtmf -> engine.emit(CallEvents.dtmf(callId, dtmf)));
  }

  public String callId() {
    return callId;
  }

  /** Who the call is between, as signalling established it. */
  public CallInfo info() {
    return info;
  }

  /**
   * The outcome this call asked signalling to hang up with (no-media timeout, the agent's goodbye), or null when it
   * asked nothing: what to record when signalling reports that our side ended the call.
   */
  public String hangupOutcome() {
    return hangupOutcome;
  }

  /** Where this call receives RTP: the bind address and the allocated port. */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** The remote's SDP (first or changed). Any thread. */
  public void updateRemote(RemoteMedia remote) {
    Objects.requireNonNull(remote, "remote");
    telephoneEvents = remote.telephoneEventPayloadType() >= 0;
    onLoop(() -> {
      if (!finished) {
        media.updateRemote(remote);
      }
    });
  }

  /**
   * Answers: plays {@code greeting} (8 kHz mono PCM16, not copied: do not modify it) once, then silence; starts
   * the 20 ms tick, the recording and the no-media timer; emits CallAnswered. Any thread. Calls take effect in the
   * order they were made: an answer made before {@link #end} is answered then ended; one made after does nothing.
   */
  public void answer(short[] greeting) {
    answer(ctx -> {
      AgentPlayout playout = new AgentPlayout();
      playout.play(greeting);
      return playout;
    });
  }

  /**
   * Answers with a conversation (or any {@link CallAudio}) made for this call by {@code audio}, on the call's loop,
   * otherwise as {@link #answer(short[])}.
   */
  public void answer(Function<CallContext, CallAudio> audio) {
    Objects.requireNonNull(audio, "audio");
    onLoop(() -> {
      if (finished || answered) {
        return;
      }
      answered = true;
      live = true;
      CallRecorder recorder = null;
      if (engine.recording()) {
        recording = MediaEngine.RECORDINGS_DIR + "/" + safeFileName(callId) + ".wav";
        recorder = engine.newRecorder(recording);
      }
      engine.emit(CallEvents.answered(callId, media.codecName(), recording));
      CallAudio callAudio;
      try {
        callAudio = audio.apply(context());
      } catch (RuntimeException e) {
        log.error("call {}: cannot start the conversation; the call goes on in silence", callId, e);
        callAudio = new AgentPlayout();
      }
      media.start(callAudio, recorder);
    });
  }

  /**
   * Ends the call with {@code outcome} (e.g. "caller_hangup") and an optional human-readable {@code error}. Any
   * thread; only the first call counts.
   */
  public void end(String outcome, String error) {
    if (!ending.compareAndSet(false, true)) {
      return;
    }
    onLoop(() -> finish(outcome, error));
  }

  /**
   * As {@link #end(String, String)}, for a call signalling ended with a final SIP response (an outbound call's 486
   * Busy Here, 487…): CallEnded carries its status and reason phrase.
   */
  public void end(String outcome, String error, int sipStatus, String sipReason) {
    if (ending.get()) {
      return;
    }
    this.sipStatus = sipStatus;
    this.sipReason = sipReason == null ? "" : sipReason;
    end(outcome, error);
  }

  /** What the conversation of this call may use of it. */
  private CallContext context() {
    Map<String, String> details = Map.of(
        "from_number", info.fromNumber() == null ? "" : info.fromNumber(),
        "to_number", info.toNumber() == null ? "" : info.toNumber(),
        "direction", info.direction() == null ? "" : info.direction().name().toLowerCase(Locale.ROOT));
    return new CallContext() {
      @Override
      public String callId() {
        return callId;
      }

      @Override
      public Executor loop() {
        return loop;
      }

      @Override
      public LongSupplier clock() {
        return System::nanoTime;
      }

      @Override
      public void emit(CallEvent event) {
        engine.emit(event);
      }

      @Override
      public void hangup(String outcome) {
        askHangup(outcome);
      }

      @Override
      public Map<String, String> details() {
        return details;
      }

      @Override
      public int inputDelayMs() {
        return engine.inputDelayMillis();
      }
    };
  }

  /** Completes after CallEnded was emitted (and the recording closed). */
  public CompletableFuture<Void> ended() {
    return ended;
  }

  /**
   * Sends {@code digits} to the far end as RFC 4733 telephone-events on the call's RTP stream, in place of the
   * agent's audio while they play, after any sent before. Any thread.
   *
   * @throws IllegalArgumentException unless {@code digits} is 1 to 64 of 0-9, *, #, A-D
   * @return completes once the last key's end packets were sent; fails with IllegalStateException when the call is
   *     not answered (or has ended) or the far end did not offer telephone-event in its SDP
   */
  public CompletableFuture<Void> sendDtmf(String digits) {
    TelephoneEventSender.validate(digits);
    CompletableFuture<Void> done = new CompletableFuture<>();
    onLoop(() -> {
      if (finished || !answered) {
        done.completeExceptionally(new IllegalStateException("the call is not answered"));
      } else {
        media.sendDtmf(digits, done);
      }
    });
    return done;
  }

  /**
   * Whether {@link #sendDtmf} would be accepted now (answered, not ended, telephone-event offered), for a command to
   * refuse at once; the call may still end before the keys are sent, which the future then reports. Any thread.
   */
  public boolean acceptsDtmf() {
    return live && telephoneEvents && !ending.get();
  }

  /** Whether the call is answered and not ending (a hint, as {@link #acceptsDtmf}). Any thread. */
  public boolean isLive() {
    return live && !ending.get();
  }

  /**
   * Has the agent say {@code text} now, cutting off what it was saying. Any thread. Fails (IllegalStateException)
   * unless answered and able to speak on request (not a plain greeting, nor a voicemail screen still listening).
   */
  public CompletableFuture<Void> say(String text) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    onLoop(() -> {
      if (finished || !answered) {
        done.completeExceptionally(new IllegalStateException("the call is not answered"));
      } else if (!media.say(text)) {
        done.completeExceptionally(new IllegalStateException("the agent cannot speak on request now"));
      } else {
        done.complete(null);
      }
    });
    return done;
  }

  /**
   * Mutes (or unmutes) the agent: its audio is replaced by silence, still sent every 20 ms with running timestamps,
   * while the conversation goes on. Any thread. Completes once applied; fails with IllegalStateException when the
   * call is not answered or has ended.
   */
  public CompletableFuture<Void> muteAgent(boolean muted) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    onLoop(() -> {
      if (finished || !answered) {
        done.completeExceptionally(new IllegalStateException("the call is not answered"));
      } else {
        media.muteAgent(muted);
        done.complete(null);
      }
    });
    return done;
  }

  /** Keys the caller pressed so far (RFC 4733), read on the loop. */
  CompletableFuture<String> dtmfDigits() {
    CompletableFuture<String> f = new CompletableFuture<>();
    onLoop(() -> f.complete(media.dtmfDigits()));
    return f;
  }

  /** The event loop this call's state lives on (tests stall it). */
  EventLoop loop() {
    return loop;
  }

  /** Called on the loop by the no-media watchdog. */
  void noMedia() {
    if (ending.get()) {
      return;
    }
    log.info("call {}: no RTP for the no-media timeout, hanging up", callId);
    askHangup("no_media_timeout");
  }

  /** Asks signalling to end the call from our side, remembering why; signalling then reports the end with end(). */
  private void askHangup(String outcome) {
    if (ending.get()) {
      return;
    }
    hangupOutcome = outcome;
    engine.controlCallback(() -> control.hangup(outcome));
  }

  private void finish(String outcome, String error) {
    finished = true;
    live = false;
    Timestamp endedAt = CallEvents.now(); // the call ends now, however long its recording then takes to close
    CompletableFuture<RecordingResult> recordingDone;
    MediaStats stats;
    ProviderUsage usage = null;
    try {
      recordingDone = media.stop();
      stats = media.stats();
      usage = media.providerUsage();
    } catch (RuntimeException e) {
      log.error("call {}: stopping media failed", callId, e);
      recordingDone = CompletableFuture.completedFuture(RecordingResult.NONE);
      stats = MediaStats.getDefaultInstance();
    }
    channel.close().addListener(f -> engine.releasePort(port));
    MediaStats finalStats = stats;
    ProviderUsage finalUsage = usage;
    String path = recording;
    recordingDone.whenComplete((result, failure) -> {
      RecordingResult r = result != null ? result
          : path.isEmpty() ? RecordingResult.NONE : new RecordingResult(path, 0, 0, "the recording failed");
      CallEvent.Builder event = CallEvents.ended(callId, outcome, error, finalStats, r, finalUsage).toBuilder()
          .setOccurredAt(endedAt);
      event.getEndedBuilder().setSipStatus(sipStatus).setSipReason(sipReason);
      emitEnded(event.build());
    });
  }

  /**
   * Emits CallEnded from the calling thread for a call whose loop did not end it in time (engine shutdown): no
   * statistics (they live on the loop), the recording path if one was started, marked unfinished. Does nothing if
   * CallEnded was already emitted.
   */
  void abandon(String outcome, String error) {
    String path = recording;
    RecordingResult r = path.isEmpty() ? RecordingResult.NONE
        : new RecordingResult(path, 0, 0, "the recording was not finished when the call was ended");
    emitEnded(CallEvents.ended(callId, outcome, error, null, r));
  }

  private void emitEnded(CallEvent event) {
    if (!endedEmitted.compareAndSet(false, true)) {
      return;
    }
    try {
      engine.emit(event);
    } finally {
      engine.forget(this);
      ended.complete(null);
    }
  }

  private void onLoop(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
      return;
    }
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // The loop is gone (engine shutting down): run here, the channel is closed anyway.
      task.run();
    }
  }

  /** Call ids are UUIDs; anything else is made safe to use as a file name. */
  static String safeFileName(String id) {
    StringBuilder b = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      b.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' ? c : '_');
    }
    return b.length() == 0 ? "call" : b.toString();
  }
}
