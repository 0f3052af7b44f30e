package dev.voiceengine.control.api;

import dev.voiceengine.control.auth.CallerOrg;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.voiceengine.control.events.CallEventBus;
import dev.voiceengine.control.events.EventFeed;
import dev.voiceengine.control.events.LiveEvent;
import dev.voiceengine.control.store.CallEventLog;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallRecord;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /v1/calls/{id}/events}: the call's events as Server-Sent Events (WHATWG HTML, "Server-sent events"):
 * the stored ones first (after {@code Last-Event-ID} when the client sends it back on reconnecting), then the live
 * ones as the store takes them; the stream ends after {@code call.ended} (at once when a finished call has nothing
 * left to replay). A comment line every 15 s keeps proxies from closing an idle stream. A client that stops reading
 * is ended with an {@code error} event once its queue is full (see {@link CallEventBus}); it reconnects with the
 * last id it got.
 */
public final class CallEventsService {
  /** How often an idle stream gets a comment line. */
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final MediaType EVENT_STREAM = MediaType.parse("text/event-stream; charset=utf-8");

  private final CallQueries queries;
  private final CallEventBus bus;
  private final CallEventLog eventLog;
  private final Duration heartbeat;
  private final int capacity;

  CallEventsService(CallQueries queries, CallEventBus bus, CallEventLog eventLog, Duration heartbeat, int capacity) {
    this.queries = queries;
    this.bus = bus;
    this.eventLog = eventLog;
    this.heartbeat = heartbeat;
    this.capacity = capacity;
  }

  /** The route, to pass to {@link ApiServer#start}; under /v1, so it needs a key. */
  public static ApiServer.Routes routes(CallQueries queries, CallEventBus bus, CallEventLog eventLog) {
    return routes(new CallEventsService(queries, bus, eventLog, HEARTBEAT, CallEventBus.DEFAULT_CAPACITY));
  }

  static ApiServer.Routes routes(CallEventsService service) {
    return (sb, keys) -> ReadOnlyResource.route(sb, "/v1/calls/{id}/events")
        .requestTimeout(Duration.ZERO)
        .build(ReadOnlyResource.answeringOptions(service.events()));
  }

  HttpService events() {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      for (String name : ctx.queryParams().names()) {
        throw ApiException.invalidParameter(name, "unknown query parameter " + name);
      }
      long after = lastEventId(req.headers().get(HttpHeaderNames.LAST_EVENT_ID));
      boolean head = req.method() == HttpMethod.HEAD;
      return Blocking.respond(ctx, () -> {
        CallRecord call = queries.find(id).orElseThrow(() -> ApiException.notFound("no call with id " + id));
        return head ? HttpResponse.of(headers()) : stream(ctx, id, after, call.endedAt() != null);
      });
    };
  }

  private HttpResponse stream(ServiceRequestContext ctx, String id, long after, boolean ended) {
    HttpResponseWriter out = HttpResponse.streaming();
    out.write(headers());
    AtomicReference<EventFeed> feed = new AtomicReference<>();
    EventFeed.Sink sink = new EventFeed.Sink() {
      private boolean waiting;

      @Override
      public boolean ready() {
        return !waiting;
      }

      @Override
      public void send(LiveEvent event) {
        if (out.tryWrite(HttpData.ofUtf8(EventStreamJson.frame(event)))) {
          waiting = true;
          out.whenConsumed().thenRun(() -> ctx.eventLoop().execute(() -> {
            waiting = false;
            feed.get().resume();
          }));
        }
      }

      @Override
      public void end() {
        out.close();
      }

      @Override
      public void fail(String message) {
        out.tryWrite(HttpData.ofUtf8(EventStreamJson.errorFrame("too_slow", message)));
        out.close();
      }
    };
    ScheduledFuture<?> beats = ctx.eventLoop().scheduleAtFixedRate(
        () -> out.tryWrite(HttpData.ofUtf8(": heartbeat\n\n")), heartbeat.toMillis(), heartbeat.toMillis(),
        TimeUnit.MILLISECONDS);
    feed.set(EventFeed.start(bus, eventLog, new EventFeed.Filter(id, CallerOrg.of(ctx), after, true, ended), capacity,
        ctx.eventLoop(), ctx.blockingTaskExecutor(), sink));
    out.whenComplete().handle((ok, error) -> {
      beats.cancel(false);
      feed.get().close();
      return null;
    });
    return out;
  }

  private static ResponseHeaders headers() {
    return ResponseHeaders.builder(HttpStatus.OK)
        .contentType(EVENT_STREAM)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
        .build();
  }

  /** {@code Last-Event-ID}: the last event id the client got (0 when absent); anything else is a 400. */
  static long lastEventId(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    try {
      long id = Long.parseLong(header.strip());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiException.invalidParameter("Last-Event-ID", "Last-Event-ID must be an event id (a whole number >= 0)");
  }
}
