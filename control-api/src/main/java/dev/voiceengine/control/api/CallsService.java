package dev.voiceengine.control.api;

import com.linecorp.armeria.common.ContentDisposition;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallPage;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallDtmf;
import dev.voiceengine.control.store.CallTurn;
import java.util.List;

/**
 * {@code GET /v1/calls} (filtered, paged list; {@code include=transcript} adds each call's turns),
 * {@code GET /v1/calls/{id}} (one call with its transcript, metrics, provider usage and provider failures) and
 * {@code GET /v1/calls/{id}/transcript} (the transcript alone, {@code format=json} or {@code txt}, with the keys
 * the caller pressed among the turns).
 */
final class CallsService {
  private final CallQueries queries;

  CallsService(CallQueries queries) {
    this.queries = queries;
  }

  /** Lists calls, newest first. The query is validated on the event loop; the store is read off it. */
  HttpService list() {
    return (ctx, req) -> {
      CallFilter filter = ListCallsQuery.parse(ctx.queryParams());
      boolean withTranscripts = IncludeParam.transcript(ctx.queryParams());
      return Blocking.respond(ctx, () -> {
        CallPage page = queries.list(filter);
        var transcripts = withTranscripts
            ? queries.transcripts(page.calls().stream().map(CallRecord::id).toList()) : null;
        return Json.ok(CallJson.page(page, filter, transcripts));
      });
    };
  }

  /** One call by id: 400 for an id that is not a UUID, 404 when there is no such call. */
  HttpService get() {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      IncludeParam.onlyInclude(ctx.queryParams());
      return Blocking.respond(ctx, () -> Json.ok(CallJson.details(
          queries.findDetails(id).orElseThrow(() -> notFound(id)))));
    };
  }

  /** The transcript of one call as JSON ({@code {"id", "transcript"}}) or as plain text, one line per turn. */
  HttpService transcript() {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      boolean text = textFormat(ctx.queryParams());
      return Blocking.respond(ctx, () -> {
        queries.find(id).orElseThrow(() -> notFound(id));
        List<CallTurn> turns = queries.transcript(id);
        List<CallDtmf> keys = queries.dtmf(id);
        if (!text) {
          var body = Json.MAPPER.createObjectNode().put("id", id);
          body.set("transcript", ConversationJson.transcript(turns, keys));
          return Json.ok(body);
        }
        ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.OK)
            .contentType(MediaType.PLAIN_TEXT_UTF_8)
            .contentDisposition(ContentDisposition.builder("attachment").filename(id + ".txt").build())
            .build();
        return HttpResponse.of(headers, HttpData.ofUtf8(TranscriptText.of(turns, keys)));
      });
    };
  }

  /** {@code format}: json (the default) or txt; anything else, or any other parameter, is a 400. */
  private static boolean textFormat(QueryParams query) {
    for (String name : query.names()) {
      if (!"format".equals(name)) {
        throw ApiException.invalidParameter(name, "unknown query parameter " + name);
      }
      if (query.getAll(name).size() > 1) {
        throw ApiException.invalidParameter(name, name + " is given more than once");
      }
    }
    String format = query.get("format", "json");
    if (!format.equals("json") && !format.equals("txt")) {
      throw ApiException.invalidParameter("format", "format must be one of: json, txt");
    }
    return format.equals("txt");
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("no call with id " + id);
  }
}
