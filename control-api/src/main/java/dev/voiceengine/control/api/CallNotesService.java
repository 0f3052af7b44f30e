package dev.voiceengine.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import dev.voiceengine.control.store.CallNote;
import dev.voiceengine.control.store.CallNotes;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code /v1/calls/{id}/notes}: operators' notes on a call. GET lists them oldest first ({@code {"data": [...]}}),
 * POST {@code {"author", "text"}} adds one and answers 201 with it. The body is strict like the queries: unknown or
 * missing fields, wrong types, blank or too long values are a 400 naming the field. Notes also appear in the full
 * representation of the call.
 */
final class CallNotesService {
  /** The methods this resource allows, as sent in {@code Allow}. */
  static final String ALLOW = "GET, HEAD, POST, OPTIONS";
  static final int MAX_AUTHOR = 200;
  static final int MAX_TEXT = 10_000;
  private static final Set<String> FIELDS = Set.of("author", "text");

  private final CallNotes notes;

  CallNotesService(CallNotes notes) {
    this.notes = notes;
  }

  /** Serves the resource on {@code path}, answering OPTIONS and refusing other methods with its own Allow. */
  void bind(ServerBuilder sb, String path) {
    sb.route().path(path).methods(HttpMethod.knownMethods()).build(service());
  }

  private HttpService service() {
    return (ctx, req) -> {
      HttpMethod method = req.method();
      if (method == HttpMethod.OPTIONS) {
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.NO_CONTENT).set(HttpHeaderNames.ALLOW, ALLOW)
            .build());
      }
      if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.POST) {
        return ApiErrors.of(ResponseHeaders.builder(HttpStatus.METHOD_NOT_ALLOWED).set(HttpHeaderNames.ALLOW, ALLOW),
            "method_not_allowed", "method not allowed on this resource", null).toHttpResponse();
      }
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      QueryValues.of(ctx.queryParams(), Set.of());
      if (method != HttpMethod.POST) {
        return Blocking.respond(ctx, () -> {
          var list = notes.of(id);
          if (list.isEmpty() && !exists(id)) {
            throw CallsService.notFound(id);
          }
          var body = Json.MAPPER.createObjectNode();
          body.set("data", CallViewJson.notes(list));
          return Json.ok(body);
        });
      }
      return HttpResponse.of(req.aggregate().thenApply(request -> {
        JsonNode body = parse(request.contentUtf8());
        String author = text(body, "author", MAX_AUTHOR);
        String text = text(body, "text", MAX_TEXT);
        return Blocking.respond(ctx, () -> {
          CallNote note = notes.add(id, author, text).orElseThrow(() -> CallsService.notFound(id));
          return HttpResponse.of(HttpStatus.CREATED, MediaType.JSON_UTF_8, Json.bytes(CallViewJson.note(note)));
        });
      }));
    };
  }

  private boolean exists(String id) throws java.sql.SQLException {
    return notes.callExists(id);
  }

  private static JsonNode parse(String content) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(content);
    } catch (Exception e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_body",
          "the body must be a JSON object {\"author\": \"...\", \"text\": \"...\"}", "body");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.invalidParameter(name, "unknown field " + name + "; a note has author and text");
      }
    }
    return body;
  }

  private static String text(JsonNode body, String field, int max) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw ApiException.invalidParameter(field, field + " must be a non-empty string");
    }
    String text = value.asText().strip();
    if (text.length() > max || text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
      throw ApiException.invalidParameter(field, field + " must be at most " + max
          + " characters without control characters other than line breaks and tabs");
    }
    return text;
  }
}
