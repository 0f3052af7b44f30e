package dev.voiceengine.control.api;

import dev.voiceengine.control.auth.CallerOrg;
import com.linecorp.armeria.common.ContentDisposition;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import dev.voiceengine.control.store.CallDetails;
import dev.voiceengine.control.store.CallNote;
import dev.voiceengine.control.store.CallPage;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallDtmf;
import dev.voiceengine.control.store.CallTurn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/calls} (filtered, sorted page or the most recent call; see {@link ListCallsQuery}),
 * {@code GET /v1/calls/{id}} (one call, full with every group unless {@code fields=light}; see {@link CallView}) and
 * {@code GET /v1/calls/{id}/transcript} ({@code format=json}, {@code txt}, {@code srt} or {@code vtt}), with
 * the keys the caller pressed among the turns).
 */
final class CallsService {
  private static final Set<String> ONE_CALL = Set.of(CallView.FIELDS, CallView.INCLUDE);
  private static final Set<String> TRANSCRIPT = Set.of("format");
  private static final String[] FORMATS = {"json", "txt", "srt", "vtt"};

  private final CallQueries queries;

  CallsService(CallQueries queries) {
    this.queries = queries;
  }

  /** Lists calls. The query is validated on the event loop; the store is read off it. */
  HttpService list() {
    return (ctx, req) -> {
      ListCallsQuery.Request request = ListCallsQuery.parse(ctx.queryParams());
      return Blocking.respond(ctx, () -> {
        CallPage page = queries.list(request.filter().toBuilder().orgId(CallerOrg.of(ctx)).build());
        CallView view = request.view();
        Map<String, CallDetails> details = needsConversation(view) ? queries.details(page.calls()) : null;
        Map<String, List<CallNote>> notes = view.full()
            ? queries.notes().of(page.calls().stream().map(CallRecord::id).toList()) : null;
        if (request.mostRecent()) {
          if (page.calls().isEmpty()) {
            throw ApiException.notFound("no call matches");
          }
          CallRecord call = page.calls().get(0);
          return Json.ok(CallViewJson.of(call, view, details == null ? null : details.get(call.id()),
              notes == null ? null : notes.getOrDefault(call.id(), List.of())));
        }
        String next = page.next() == null ? null : CallCursor.encode(request.filter(), page.next());
        return Json.ok(CallJson.page(page, request.filter(), view, details, notes, next));
      });
    };
  }

  /** One call by id: 400 for an id that is not a UUID, 404 when there is no such call. */
  HttpService get() {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      CallView view = CallView.ofOne(QueryValues.of(ctx.queryParams(), ONE_CALL));
      return Blocking.respond(ctx, () -> {
        CallDetails details = queries.findDetails(id).orElseThrow(() -> notFound(id));
        List<CallNote> notes = view.full() ? queries.notes().of(id) : null;
        return Json.ok(CallViewJson.of(details.call(), view, details, notes));
      });
    };
  }

  /** The transcript of one call as JSON ({@code {"id", "transcript"}}), plain text, SubRip or WebVTT. */
  HttpService transcript() {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      String format = QueryValues.of(ctx.queryParams(), TRANSCRIPT).choice("format", FORMATS, f -> f);
      return Blocking.respond(ctx, () -> {
        queries.find(id).orElseThrow(() -> notFound(id));
        List<CallTurn> turns = queries.transcript(id);
        List<CallDtmf> keys = queries.dtmf(id);
        if (format == null || format.equals("json")) {
          var body = Json.MAPPER.createObjectNode().put("id", id);
          body.set("transcript", ConversationJson.transcript(turns, keys));
          return Json.ok(body);
        }
        return switch (format) {
          case "txt" -> download(id, "txt", MediaType.PLAIN_TEXT_UTF_8, TranscriptText.of(turns, keys));
          case "srt" -> download(id, "srt", MediaType.parse("application/x-subrip; charset=utf-8"),
              TranscriptSubtitles.of(turns, keys, TranscriptSubtitles.Format.SRT));
          default -> download(id, "vtt", MediaType.parse("text/vtt; charset=utf-8"),
              TranscriptSubtitles.of(turns, keys, TranscriptSubtitles.Format.VTT));
        };
      });
    };
  }

  private static HttpResponse download(String id, String extension, MediaType type, String body) {
    ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.OK)
        .contentType(type)
        .contentDisposition(ContentDisposition.builder("attachment").filename(id + "." + extension).build())
        .build();
    return HttpResponse.of(headers, HttpData.ofUtf8(body));
  }

  private static boolean needsConversation(CallView view) {
    return view.has(CallView.Group.TRANSCRIPT) || view.has(CallView.Group.METRICS)
        || view.has(CallView.Group.DIAGNOSTICS);
  }

  static ApiException notFound(String id) {
    return ApiException.notFound("no call with id " + id);
  }
}
