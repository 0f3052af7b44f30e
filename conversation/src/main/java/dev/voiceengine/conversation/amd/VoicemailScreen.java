package dev.voiceengine.conversation.amd;

import com.google.protobuf.Timestamp;
import dev.voiceengine.proto.control.v1.AmdCompleted;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.time.Instant;

/**
 * Keeps the agent quiet until it knows who answered, and then acts for it. With detection off the agent greets at
 * once. With it on, the answering side's frames go to an {@link AmdDetector}: on a person (or no verdict by the
 * timeout) the agent greets at that very frame; on a machine it waits for the beep, or for the greeting to end
 * ({@link #GREETING_END_MS} of silence), or at most {@link VoicemailSettings#maxWaitForBeepMs()}, then leaves its
 * message (and hangs up with {@code voicemail_left} once it is said) or hangs up at once with {@code voicemail}.
 * One {@code AmdCompleted} event tells the verdict, its time, the beep and the action; a call that ends while the
 * agent waits for the beep is reported with action {@code waited_for_beep}. The call's loop only.
 */
public final class VoicemailScreen {
  /** What the conversation does for the screen. */
  public interface Agent {
    /** Says {@code text}; then, when {@code hangUpOutcome} is not null, ends the call with it. */
    void say(String text, String hangUpOutcome);

    void hangUp(String outcome);

    void emit(CallEvent event);
  }

  /** Silence after a machine's greeting that ends it when no beep comes. */
  public static final int GREETING_END_MS = 1500;
  private static final int RATE_KHZ = 8;

  private enum State { IDLE, LISTENING, WAITING_FOR_BEEP, DONE }

  private final VoicemailSettings settings;
  private final String callId;
  private final Agent agent;
  private final AmdDetector detector;
  private String greeting = "";
  private State state = State.IDLE;
  private long machineAtMs = -1;

  public VoicemailScreen(VoicemailSettings settings, String callId, Agent agent) {
    this.settings = settings;
    this.callId = callId;
    this.agent = agent;
    this.detector = settings.detect() ? new AmdDetector(settings.amd()) : null;
  }

  /** The call was answered: greets now, or listens first when detection is on. */
  public void start(String firstMessage) {
    greeting = firstMessage;
    if (detector == null) {
      state = State.DONE;
      greet();
    } else {
      state = State.LISTENING;
    }
  }

  /** Whether the conversation takes turns now: not while screening, and never with a machine. */
  public boolean conversing() {
    return state == State.DONE && (detector == null || detector.verdict() != AmdDetector.Verdict.MACHINE);
  }

  /** The latest voice activity probability of the caller's audio. */
  public void voiceActivity(float probability) {
    if (detector != null) {
      detector.voiceActivity(probability);
    }
  }

  /** The next 20 ms of the answering side. */
  public void callerFrame(short[] frame, int offset, int length) {
    if (state != State.LISTENING && state != State.WAITING_FOR_BEEP) {
      return;
    }
    AmdDetector.Verdict verdict = detector.accept(frame, offset, length);
    if (state == State.LISTENING && verdict != AmdDetector.Verdict.PENDING) {
      if (verdict != AmdDetector.Verdict.MACHINE) {
        state = State.DONE;
        emit("greeted");
        greet();
        return;
      }
      machineAtMs = detector.elapsedMs();
      if (settings.action() == VoicemailSettings.Action.HANG_UP) {
        state = State.DONE; // nothing to wait for
        emit("hung_up");
        agent.hangUp("voicemail");
        return;
      }
      state = State.WAITING_FOR_BEEP;
    }
    if (state == State.WAITING_FOR_BEEP && messageTime()) {
      state = State.DONE;
      emit("left_message");
      agent.say(settings.message(), "voicemail_left");
    }
  }

  /** The call ended: a verdict still being waited on is reported as far as it went. */
  public void stop() {
    if (state == State.WAITING_FOR_BEEP) {
      emit("waited_for_beep");
    }
    state = State.DONE;
  }

  private boolean messageTime() {
    BeepDetector beep = detector.beep();
    if (beep.beepEnd() >= 0) {
      return true; // the beep has ended: the recording runs
    }
    boolean greetingOver = detector.greetingStarted() && detector.silenceMs() >= GREETING_END_MS
        && !beep.toneSounding();
    return greetingOver || detector.elapsedMs() - machineAtMs >= settings.maxWaitForBeepMs();
  }

  private void greet() {
    if (!greeting.isBlank()) {
      agent.say(greeting, null);
    }
  }

  private void emit(String action) {
    long beepAt = detector.beep().beepStart();
    Instant now = Instant.now();
    agent.emit(CallEvent.newBuilder().setCallId(callId)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setAmd(AmdCompleted.newBuilder().setResult(detector.verdict().wire()).setDecisionMs(detector.decisionMs())
            .setBeepAtMs(beepAt < 0 ? 0 : beepAt / RATE_KHZ).setAction(action))
        .build());
  }
}
