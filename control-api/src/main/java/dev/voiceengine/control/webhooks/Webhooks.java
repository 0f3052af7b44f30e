package dev.voiceengine.control.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.control.events.EventApplier;
import dev.voiceengine.control.events.StoredEventHook;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallStore.Added;
import dev.voiceengine.control.store.CallTransitions.Change;
import dev.voiceengine.control.store.CallTransitions.Transition;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Signed webhooks: decides which call events become deliveries and queues them in the outbox inside the
 * transaction that stored the event ({@link StoredEventHook}), and runs the {@link WebhookDeliverer} that sends them.
 *
 * <p>What becomes what: a new call record is {@code call.started} (followed at once by {@code call.answered} or
 * {@code call.ended} when the first event seen was one of those); ringing to in-progress is {@code call.answered};
 * the record becoming final is {@code call.ended}; each new turn is {@code call.transcript}. A replayed event
 * changes nothing in the store and so queues nothing. Features outside the event stream call {@link #callAnalyzed}
 * and {@link #batchCompleted} inside their own transactions, then {@link #wake}.
 */
public final class Webhooks implements StoredEventHook, AutoCloseable {
  /** The organization of everything until organizations exist. */
  public static final String DEFAULT_ORG = "default";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookOutbox outbox;
  private final WebhookPayloads payloads;
  private final WebhookDeliverer deliverer;

  private Webhooks(WebhookOutbox outbox, WebhookPayloads payloads, WebhookDeliverer deliverer) {
    this.outbox = outbox;
    this.payloads = payloads;
    this.deliverer = deliverer;
  }

  /**
   * Prepares the outbox on a migrated database (the deliverer is not started yet: {@link #start}). {@code random}
   * gives the backoff's jitter in [0, 1).
   */
  public static Webhooks open(Database database, WebhookSettings settings, WebhookPayloads payloads, Clock clock,
      DoubleSupplier random) throws SQLException {
    long lastSeq = database.read(WebhookOutbox::lastSeq);
    WebhookOutbox outbox = new WebhookOutbox(settings.endpoints(), clock, lastSeq);
    Backoff backoff = new Backoff(settings.baseDelay(), settings.maxDelay(), settings.giveUpAfter(), random);
    return new Webhooks(outbox, payloads, new WebhookDeliverer(database, settings, backoff, clock));
  }

  /** Resumes the deliveries a previous run left pending, and sends new ones as they come. */
  public void start() throws SQLException {
    deliverer.start();
  }

  /** Tells the deliverer that rows were committed (it also finds them on its own within 30 s). */
  public void wake() {
    deliverer.wake();
  }

  @Override
  public void lifecycle(Connection tx, CallEvent.KindCase kind, Transition transition) throws SQLException {
    Change change = transition.change();
    if (change == Change.UNCHANGED) {
      return;
    }
    CallRecord call = transition.record();
    boolean created = change == Change.CREATED || change == Change.CREATED_WITHOUT_OFFER;
    if (created) {
      queue(tx, call, WebhookEvent.CALL_STARTED, null);
    }
    if (kind == CallEvent.KindCase.ANSWERED) {
      queue(tx, call, WebhookEvent.CALL_ANSWERED, null);
    } else if (kind == CallEvent.KindCase.ENDED && call.status().isFinal()) {
      queue(tx, call, WebhookEvent.CALL_ENDED, null);
    }
  }

  @Override
  public void turn(Connection tx, String callId, CallTurn turn, Added added) throws SQLException {
    boolean created = added.call() == Change.CREATED || added.call() == Change.CREATED_WITHOUT_OFFER;
    if (!created && !added.added()) {
      return;
    }
    Optional<CallRecord> call = CallQueries.find(tx, callId);
    if (call.isEmpty()) {
      return;
    }
    if (created) {
      queue(tx, call.get(), WebhookEvent.CALL_STARTED, null);
      queue(tx, call.get(), WebhookEvent.CALL_ANSWERED, null);
    }
    if (added.added()) {
      queue(tx, call.get(), WebhookEvent.CALL_TRANSCRIPT, turn);
    }
  }

  /**
   * Queues {@code call.analyzed} for the call, with the record as it stands in this transaction. Call it in the
   * transaction that stores the analysis, then {@link #wake} after the commit. Returns how many deliveries were
   * queued (0 when the call is unknown or no endpoint wants the event).
   */
  public int callAnalyzed(Connection tx, String callId) throws SQLException {
    Optional<CallRecord> call = CallQueries.find(tx, callId);
    return call.isEmpty() ? 0 : queue(tx, call.get(), WebhookEvent.CALL_ANALYZED, null);
  }

  /**
   * Queues {@code batch.completed} with the batch's JSON (as the batches API shows it) as {@code data}. Call it in
   * the transaction that marks the batch complete, then {@link #wake}.
   *
   * @throws IllegalArgumentException when {@code batchJson} is not a JSON object
   */
  public int batchCompleted(Connection tx, String orgId, String batchId, String batchJson) throws SQLException {
    if (!outbox.wanted(orgId, WebhookEvent.BATCH_COMPLETED)) {
      return 0;
    }
    JsonNode data;
    try {
      data = JSON.readTree(batchJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("batch " + batchId + ": not JSON: " + e.getMessage(), e);
    }
    if (!(data instanceof ObjectNode object)) {
      throw new IllegalArgumentException("batch " + batchId + ": expected a JSON object");
    }
    return outbox.enqueue(tx, orgId, null, batchId, WebhookEvent.BATCH_COMPLETED, object);
  }

  /** A call the previous run left live was closed at start ({@code engine_restart}): that is its end. */
  public void endedByRestart(Connection tx, CallRecord call) throws SQLException {
    queue(tx, call, WebhookEvent.CALL_ENDED, null);
  }

  /** The applier, waking the deliverer after each commit so a delivery leaves at once. */
  public EventApplier waking(EventApplier applier) {
    return new EventApplier() {
      @Override
      public void apply(CallEvent event) throws Exception {
        applier.apply(event);
        wake();
      }

      @Override
      public void applyAll(List<CallEvent> events) throws Exception {
        applier.applyAll(events);
        wake();
      }
    };
  }

  private int queue(Connection tx, CallRecord call, WebhookEvent event, CallTurn turn) throws SQLException {
    String org = dev.voiceengine.control.store.CallOrgs.of(tx, call.id());
    org = org == null ? DEFAULT_ORG : org;
    if (!outbox.wanted(org, event)) {
      return 0;
    }
    ObjectNode data = payloads.call(call);
    if (turn != null) {
      data.set("turn", payloads.turn(turn));
    }
    return outbox.enqueue(tx, org, call.id(), null, event, data);
  }

  /** Stops the deliverer; what is pending stays in the outbox for the next start. */
  @Override
  public void close() {
    deliverer.close();
  }
}
