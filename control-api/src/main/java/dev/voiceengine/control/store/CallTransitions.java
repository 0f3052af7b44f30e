package dev.voiceengine.control.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The call lifecycle rules: how an offered, answered or ended event changes a call record. Pure functions (no I/O),
 * so the rules are tested on their own and the store only persists what they decide.
 *
 * <p>Every rule is idempotent (a repeated event changes nothing) and tolerant of order: an answered or ended event
 * for a call that has no record yet creates one from what the event knows ({@link Change#CREATED_WITHOUT_OFFER}),
 * and a late offer fills in what that record lacks. Status never moves backwards.
 */
public final class CallTransitions {

  /** What a rule did to the record. */
  public enum Change {
    /** A new record, from an offer. */
    CREATED,
    /** A new record from an answered or ended event: the offer was never seen. */
    CREATED_WITHOUT_OFFER,
    /** The existing record changed. */
    UPDATED,
    /** Nothing to do: a duplicate or stale event. */
    UNCHANGED
  }

  /** The decision: the record to persist (the existing one when unchanged). */
  public record Transition(Change change, CallRecord record) {}

  private CallTransitions() {}

  /** A call was offered at {@code at}: a new ringing record, or the gaps of an existing one filled in. */
  public static Transition offered(CallRecord existing, String id, Instant at, CallStart start, Instant now) {
    if (existing == null) {
      CallRecord created = CallRecord.builder(id)
          .sipCallId(start.sipCallId())
          .direction(start.direction())
          .fromNumber(start.fromNumber())
          .toNumber(start.toNumber())
          .agentId(start.agentId())
          .trunkId(start.trunkId())
          .source(start.source())
          .status(CallStatus.RINGING)
          .startedAt(at)
          .createdAt(now)
          .updatedAt(now)
          .build();
      return new Transition(Change.CREATED, created);
    }
    CallRecord merged = existing.toBuilder()
        .sipCallId(orElse(existing.sipCallId(), start.sipCallId()))
        .direction(orElse(existing.direction(), start.direction()))
        .fromNumber(orElse(existing.fromNumber(), start.fromNumber()))
        .toNumber(orElse(existing.toNumber(), start.toNumber()))
        .agentId(orElse(existing.agentId(), start.agentId()))
        .trunkId(orElse(existing.trunkId(), start.trunkId()))
        .source(orElse(existing.source(), start.source()))
        .startedAt(at.isBefore(existing.startedAt()) ? at : existing.startedAt())
        .build();
    return changedOrNot(existing, merged, now);
  }

  /** A call was answered at {@code at}: ringing becomes in-progress; anything later is left alone. */
  public static Transition answered(
      CallRecord existing, String id, Instant at, String codec, String recording, Instant now) {
    if (existing == null) {
      CallRecord created = CallRecord.builder(id)
          .status(CallStatus.IN_PROGRESS)
          .startedAt(at)
          .answeredAt(at)
          .codec(codec)
          .recording(recording)
          .createdAt(now)
          .updatedAt(now)
          .build();
      return new Transition(Change.CREATED_WITHOUT_OFFER, created);
    }
    if (existing.status() != CallStatus.RINGING && existing.status() != CallStatus.QUEUED
        && existing.status() != CallStatus.DIALING) {
      return new Transition(Change.UNCHANGED, existing);
    }
    CallRecord answered = existing.toBuilder()
        .status(CallStatus.IN_PROGRESS)
        .answeredAt(at)
        .codec(orElse(codec, existing.codec()))
        .recording(orElse(recording, existing.recording()))
        .updatedAt(now)
        .build();
    return new Transition(Change.UPDATED, answered);
  }

  /** A call ended at {@code at}: completed when it had been answered, failed otherwise. A final record stays. */
  public static Transition ended(CallRecord existing, String id, Instant at, CallEnd end, Instant now) {
    if (existing == null) {
      CallRecord.Builder created = CallRecord.builder(id).startedAt(at).createdAt(now);
      return new Transition(Change.CREATED_WITHOUT_OFFER, finish(created, null, null, at, end, now, false));
    }
    if (existing.status().isFinal()) {
      return new Transition(Change.UNCHANGED, existing);
    }
    CallRecord finished = finish(existing.toBuilder(), existing.answeredAt(), existing.recording(), at, end, now,
        existing.direction() == CallDirection.OUTBOUND);
    return new Transition(Change.UPDATED, finished);
  }

  /**
   * Something happened in the conversation (a turn ended, a provider failed) at {@code at}, {@code sinceAnswerMs}
   * after the answer. A known call is left alone (the record's status is not the conversation's business); for an
   * unknown call an in-progress record is created, answered (and started) that long before {@code at}.
   */
  public static Transition duringCall(CallRecord existing, String id, Instant at, long sinceAnswerMs, Instant now) {
    if (existing != null) {
      return new Transition(Change.UNCHANGED, existing);
    }
    long back = Math.min(Math.max(0, sinceAnswerMs), Duration.between(Timestamps.MIN, at).toMillis());
    Instant answeredAt = at.minusMillis(back);
    CallRecord created = CallRecord.builder(id)
        .status(CallStatus.IN_PROGRESS)
        .startedAt(answeredAt)
        .answeredAt(answeredAt)
        .createdAt(now)
        .updatedAt(now)
        .build();
    return new Transition(Change.CREATED_WITHOUT_OFFER, created);
  }

  private static CallRecord finish(
      CallRecord.Builder builder, Instant answeredAt, String recording, Instant at, CallEnd end, Instant now,
      boolean outbound) {
    Double duration = null;
    if (answeredAt != null) {
      long millis = Math.max(0, Duration.between(answeredAt, at).toMillis());
      duration = millis / 1000.0;
    }
    return builder
        .status(answeredAt != null ? CallStatus.COMPLETED
            : outbound ? OutboundOutcomes.statusAtEnd(end.outcome(), false) : CallStatus.FAILED)
        .outcome(end.outcome())
        .error(end.error())
        .sipStatus(end.sipStatus())
        .endedAt(at)
        .durationSeconds(duration)
        .media(end.media())
        .recording(recordingAtEnd(end, recording))
        .recordingSeconds(end.recordingSeconds())
        .recordingError(end.recordingError())
        .recordingDroppedSeconds(end.recordingDroppedSeconds())
        .updatedAt(now)
        .build();
  }

  /**
   * The path the end reports, else the one from the answer; none when the end reports an error and no path (the
   * file could not be created), so the record does not offer a download that does not exist.
   */
  private static String recordingAtEnd(CallEnd end, String answeredRecording) {
    if (end.recording() != null) {
      return end.recording();
    }
    return end.recordingError() != null ? null : answeredRecording;
  }

  private static Transition changedOrNot(CallRecord existing, CallRecord candidate, Instant now) {
    if (candidate.equals(existing)) {
      return new Transition(Change.UNCHANGED, existing);
    }
    return new Transition(Change.UPDATED, candidate.toBuilder().updatedAt(now).build());
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
