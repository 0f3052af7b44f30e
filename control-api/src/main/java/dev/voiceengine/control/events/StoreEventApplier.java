package dev.voiceengine.control.events;

import com.google.protobuf.TextFormat;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallDtmf;
import dev.voiceengine.control.store.CallEnd;
import dev.voiceengine.control.store.CallEventLog;
import dev.voiceengine.control.store.CallMedia;
import dev.voiceengine.control.store.CallOrgs;
import dev.voiceengine.control.store.CallStart;
import dev.voiceengine.control.store.CallTransfer;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.CallStore.Added;
import dev.voiceengine.control.store.CallTransitions.Change;
import dev.voiceengine.control.store.CallTransitions.Transition;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.CallUsage;
import dev.voiceengine.control.store.CallWrites;
import dev.voiceengine.control.store.InboundContacts;
import dev.voiceengine.control.store.LoggedEvent;
import dev.voiceengine.control.store.Timestamps;
import dev.voiceengine.proto.control.v1.CallAnswered;
import dev.voiceengine.proto.control.v1.CallEnded;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.CallOffered;
import dev.voiceengine.proto.control.v1.DtmfReceived;
import dev.voiceengine.proto.control.v1.MediaStats;
import dev.voiceengine.proto.control.v1.ProviderFailed;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns wire events into call store writes: translates the proto messages into store values (empty strings and
 * zero codes become null, UUIDs lower case, a missing time becomes "now") and logs what the store decided when it
 * is unusual (an answered, ended, turn or provider-failed event for a call never offered), once the write has
 * committed. Turns and provider failures are stored beside the call; a replayed one changes nothing. Many events can
 * share one transaction ({@link #applyAll}).
 */
public final class StoreEventApplier implements EventApplier {
  private static final Logger log = LoggerFactory.getLogger(StoreEventApplier.class);
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** Longest call id stored (the column holds 64). */
  private static final int MAX_ID_LENGTH = 64;

  private static final Runnable NOTHING = () -> {};
  private static final Pattern DTMF_DIGIT = Pattern.compile("[0-9*#A-D]");
  /** Longest DTMF source stored (the column holds 16). */
  private static final int MAX_SOURCE_LENGTH = 16;

  private final CallStore store;
  private final Clock clock;
  private final StoredEventHook hook;
  private final CallEventBus bus;
  private volatile AgentOrgs orgs = AgentOrgs.NONE;

  /** The organization of an agent's calls (inbound calls belong to the organization of the agent they reach). */
  @FunctionalInterface
  public interface AgentOrgs {
    /** Knows no agent: calls keep the organization they were stored with (the default one when new). */
    AgentOrgs NONE = agentId -> null;

    /** The agent's organization, or null when unknown. */
    String ofAgent(String agentId);
  }

  public StoreEventApplier(CallStore store, Clock clock) {
    this(store, clock, StoredEventHook.NONE, null);
  }

  /** With a hook told of each event inside the transaction that stores it (the webhook outbox). */
  public StoreEventApplier(CallStore store, Clock clock, StoredEventHook hook) {
    this(store, clock, hook, null);
  }

  /**
   * Also logs every stored event in {@code call_event_log} (same transaction, {@link CallEventLog}) and, once
   * committed, publishes it on the bus for live watchers.
   */
  public StoreEventApplier(CallStore store, Clock clock, CallEventBus bus) {
    this(store, clock, StoredEventHook.NONE, bus);
  }

  /** With both: the hook in the transaction, the log and the bus for live watchers (either may be absent). */
  public StoreEventApplier(CallStore store, Clock clock, StoredEventHook hook, CallEventBus bus) {
    this.store = store;
    this.clock = clock;
    this.hook = hook == null ? StoredEventHook.NONE : hook;
    this.bus = bus;
  }

  /** Gives each offered call the organization of its agent (this applier, for chaining). */
  public StoreEventApplier withAgentOrgs(AgentOrgs agentOrgs) {
    this.orgs = agentOrgs == null ? AgentOrgs.NONE : agentOrgs;
    return this;
  }

  @Override
  public void apply(CallEvent event) throws SQLException {
    List<LiveEvent> logged = new ArrayList<>(1);
    store.inOneTransaction(writes -> logged(writes, event, write(writes, event), logged)).run();
    publish(logged);
  }

  /** Applies the events in order in one transaction: all are stored, or (when one throws) none. */
  @Override
  public void applyAll(List<CallEvent> events) throws SQLException {
    List<LiveEvent> logged = new ArrayList<>(events.size());
    List<Runnable> reports = store.inOneTransaction(writes -> {
      List<Runnable> done = new ArrayList<>(events.size());
      for (CallEvent event : events) {
        done.add(logged(writes, event, write(writes, event), logged));
      }
      return done;
    });
    reports.forEach(Runnable::run);
    publish(logged);
  }

  /** With a bus: logs the stored event beside it (ids in write order). Returns the report unchanged. */
  private Runnable logged(CallWrites writes, CallEvent event, Runnable report, List<LiveEvent> logged)
      throws SQLException {
    String type = EventTypes.of(event);
    String id = storedId(event);
    if (bus == null || type == null || id == null) {
      return report;
    }
    CallEvent stored = id.equals(event.getCallId()) ? event : event.toBuilder().setCallId(id).build();
    LoggedEvent row = CallEventLog.append(writes, id, CallOrgs.of(writes.connection(), id), loggedTime(stored), type,
        stored.toByteArray());
    logged.add(new LiveEvent(row.id(), type, id, row.orgId(), stored));
    return report;
  }

  private void publish(List<LiveEvent> logged) {
    if (bus != null) {
      bus.publish(logged);
    }
  }

  /** The event's time as {@link #occurredAt} stores it, without logging again about a missing or impossible one. */
  private Instant loggedTime(CallEvent event) {
    if (event.hasOccurredAt()) {
      try {
        var ts = event.getOccurredAt();
        return Timestamps.clamp(Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()));
      } catch (DateTimeException e) {
        // the store took the time it was written; so does the log
      }
    }
    return Timestamps.clamp(clock.instant());
  }

  /** The call id as stored (see {@link #callId}), or null when the event is dropped; logs nothing. */
  private static String storedId(CallEvent event) {
    String id = event.getCallId().strip();
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      return null;
    }
    return UUID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : id;
  }

  /** Writes the event; returns what to log about it once the transaction has committed. */
  private Runnable write(CallWrites writes, CallEvent event) throws SQLException {
    String id = callId(event);
    if (id == null) {
      return NOTHING;
    }
    Instant at = occurredAt(event);
    return switch (event.getKindCase()) {
      case OFFERED -> {
        Transition offered = writes.offered(id, at, start(event.getOffered()));
        String org = orgs.ofAgent(text(event.getOffered().getAgentId()));
        if (org != null) {
          CallOrgs.set(writes.connection(), id, org); // before the hook: webhooks go to the call's organization
        }
        if (offered.change() != Change.UNCHANGED && event.getOffered().getDirection() == Direction.INBOUND) {
          InboundContacts.match(writes.connection(), id); // who calls back: the number's last known contact
        }
        yield report(event, id, hooked(writes, event, offered));
      }
      case ANSWERED -> {
        CallAnswered answered = event.getAnswered();
        yield report(event, id, hooked(writes, event,
            writes.answered(id, at, text(answered.getCodec()), text(answered.getRecording()))));
      }
      case ENDED -> {
        Transition ended = writes.ended(id, at, end(event.getEnded()));
        String reason = text(event.getEnded().getSipReason());
        if (reason != null && ended.change() != Change.UNCHANGED) {
          writes.sipReason(id, reason); // the far end's reason phrase, e.g. "Busy Here"
        }
        yield report(event, id, hooked(writes, event, ended));
      }
      case TURN -> {
        CallTurn turn = ConversationValues.turn(event.getTurn());
        Added added = writes.turnCompleted(id, at, turn);
        hook.turn(writes.connection(), id, turn, added);
        yield report(event, id, added);
      }
      case PROVIDER_FAILED -> {
        ProviderFailed failed = event.getProviderFailed();
        Runnable stored = report(event, id, writes.providerFailed(id, at, ConversationValues.error(failed)));
        yield () -> {
          log.info("Call {}: {} provider {} failed at {} ms ({}: {}); {}", id, failed.getCapability(),
              failed.getProvider(), failed.getAtMs(), failed.getCode(), failed.getMessage(), failed.getAction());
          stored.run();
        };
      }
      case RINGING -> report(event, id, writes.ringing(id, at));
      case TRANSFER -> {
        var t = event.getTransfer();
        yield report(event, id, writes.transfer(id, new CallTransfer(text(t.getTarget()), text(t.getState()),
            t.getSipStatus() != 0 ? t.getSipStatus() : null)));
      }
      case DTMF -> {
        CallDtmf dtmf = dtmf(event.getDtmf());
        yield dtmf == null
            ? () -> log.warn("Call {}: ignoring a key press that is no key: {}", id, describe(event))
            : report(event, id, writes.dtmfReceived(id, at, dtmf));
      }
      case AMD -> report(event, id, writes.amdCompleted(id, at, ConversationValues.amd(event.getAmd())));
      default -> () -> log.warn("Ignoring a call event without a known kind for call {}", id);
    };
  }

  /** Tells the hook of the lifecycle change, in the same transaction. */
  private Transition hooked(CallWrites writes, CallEvent event, Transition transition) throws SQLException {
    hook.lifecycle(writes.connection(), event.getKindCase(), transition);
    return transition;
  }

  private static Runnable report(CallEvent event, String id, Transition transition) {
    if (transition.change() == Change.CREATED_WITHOUT_OFFER) {
      return () -> log.warn("Call {}: {} event without an earlier offer; stored what it tells", id, kind(event));
    } else if (transition.change() == Change.UNCHANGED) {
      return () -> log.debug("Call {}: {} event changed nothing (duplicate or late)", id, kind(event));
    }
    return NOTHING;
  }

  private static Runnable report(CallEvent event, String id, Added added) {
    if (added.call() == Change.CREATED_WITHOUT_OFFER) {
      return () -> log.warn("Call {}: {} event for an unknown call; stored it with an in-progress call", id,
          kind(event));
    } else if (!added.added()) {
      return () -> log.debug("Call {}: {} event was stored before (replayed)", id, kind(event));
    }
    return NOTHING;
  }

  static String kind(CallEvent event) {
    return event.getKindCase().name().toLowerCase(Locale.ROOT);
  }

  /** The event on one line, for logs. */
  static String describe(CallEvent event) {
    return TextFormat.printer().emittingSingleLine(true).printToString(event);
  }

  private static String callId(CallEvent event) {
    String id = event.getCallId().strip();
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      log.error("Dropping a call event ({}) with an unusable call id ({} characters): {}", kind(event),
          id.length(), describe(event));
      return null;
    }
    if (!UUID.matcher(id).matches()) {
      log.warn("Call id {} is not a UUID; storing it as given", id);
      return id;
    }
    return id.toLowerCase(Locale.ROOT);
  }

  private Instant occurredAt(CallEvent event) {
    if (event.hasOccurredAt()) {
      try {
        var ts = event.getOccurredAt();
        return Timestamps.clamp(Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()));
      } catch (DateTimeException e) {
        log.warn("Call {}: {} event has an impossible time; using the time it was stored", event.getCallId(),
            kind(event));
      }
    } else {
      log.warn("Call {}: {} event has no time; using the time it was stored", event.getCallId(), kind(event));
    }
    return Timestamps.clamp(clock.instant());
  }

  private static CallStart start(CallOffered offered) {
    CallDirection direction = switch (offered.getDirection()) {
      case INBOUND -> CallDirection.INBOUND;
      case OUTBOUND -> CallDirection.OUTBOUND;
      default -> null;
    };
    return new CallStart(text(offered.getSipCallId()), direction, text(offered.getFromNumber()),
        text(offered.getToNumber()), text(offered.getAgentId()), text(offered.getTrunkId()),
        text(offered.getSource()));
  }

  private static CallEnd end(CallEnded ended) {
    String recording = text(ended.getRecording());
    double seconds = ended.getRecordingSeconds();
    Double recordingSeconds = Double.isFinite(seconds) && (recording != null || seconds > 0) ? seconds : null;
    Integer sipStatus = ended.getSipStatus() != 0 ? ended.getSipStatus() : null;
    CallMedia media = ended.hasMedia() ? media(ended.getMedia()) : null;
    String recordingError = text(ended.getRecordingError());
    double dropped = ended.getRecordingDroppedSeconds();
    Double droppedSeconds = Double.isFinite(dropped) && (recordingError != null || dropped > 0) ? dropped : null;
    CallUsage usage = ended.hasProviderUsage() ? ConversationValues.usage(ended.getProviderUsage()) : null;
    return new CallEnd(text(ended.getOutcome()), text(ended.getError()), sipStatus, media, recording,
        recordingSeconds, recordingError, droppedSeconds, usage);
  }

  /** A key press as stored, or null when the digit is not one key of 0-9, *, #, A-D. */
  private static CallDtmf dtmf(DtmfReceived d) {
    if (!DTMF_DIGIT.matcher(d.getDigit()).matches()) {
      return null;
    }
    String source = d.getSource().isEmpty() ? "rfc4733" : d.getSource();
    return new CallDtmf(0, d.getDigit(), Math.max(0, d.getAtMs()), Math.max(0, d.getDurationMs()),
        source.length() > MAX_SOURCE_LENGTH ? source.substring(0, MAX_SOURCE_LENGTH) : source);
  }

  private static CallMedia media(MediaStats m) {
    return new CallMedia(m.getPacketsIn(), m.getPacketsOut(), m.getBytesIn(), m.getBytesOut(), m.getPacketsLost(),
        m.getPacketsLate(), m.getPacketsDuplicate(), m.getPacketsInvalid(), finite(m.getJitterMs()),
        finite(m.getMaxJitterMs()), m.getDtmfPackets());
  }

  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0.0;
  }

  private static String text(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
