package dev.voiceengine.control.api;

import com.linecorp.armeria.common.ContentDisposition;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.common.stream.ByteStreamMessage;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallRecord;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /v1/calls/{id}/recording}: the call's WAV file, streamed from disk on the blocking executor, with
 * single-range support (206 Partial Content, 416 when the range starts past the end) because Armeria's own file
 * service does not do ranges. {@code If-Range} is not evaluated: when present, the whole file is sent.
 */
final class RecordingService implements HttpService {
  static final MediaType AUDIO_WAV = MediaType.create("audio", "wav");
  private static final int BUFFER_SIZE = 64 * 1024;

  private final CallQueries queries;
  private final RecordingFiles files;

  RecordingService(CallQueries queries, RecordingFiles files) {
    this.queries = queries;
    this.files = files;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    String id = CallIds.parse(ctx.pathParam("id"), "id");
    NoQuery.check(ctx.queryParams());
    return Blocking.respond(ctx, () -> {
      CallRecord call = queries.find(id).orElseThrow(() -> ApiException.notFound("no call with id " + id));
      if (call.recording() == null) {
        throw ApiException.notFound("call " + id + " has no recording");
      }
      Path file = files.resolve(id, call.recording())
          .orElseThrow(() -> ApiException.notFound("the recording of call " + id + " is not available"));
      return send(ctx, req, file);
    });
  }

  private static HttpResponse send(ServiceRequestContext ctx, HttpRequest req, Path file) throws Exception {
    long size = Files.size(file);
    boolean ifRange = req.headers().contains(HttpHeaderNames.IF_RANGE);
    ByteRange range = ifRange ? ByteRange.IGNORE : ByteRange.parse(req.headers().get(HttpHeaderNames.RANGE), size);
    if (range == ByteRange.UNSATISFIABLE) {
      ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
          .set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
      return ApiErrors.of(headers, "range_not_satisfiable", "the range starts past the end (" + size + " bytes)",
          null).toHttpResponse();
    }
    long length = range.isPartial() ? range.length() : size;
    ResponseHeadersBuilder headers = ResponseHeaders.builder(range.isPartial() ? HttpStatus.PARTIAL_CONTENT
            : HttpStatus.OK)
        .contentType(AUDIO_WAV)
        .contentDisposition(ContentDisposition.builder("attachment").filename(file.getFileName().toString()).build())
        .contentLength(length)
        .set(HttpHeaderNames.ACCEPT_RANGES, "bytes")
        .set(HttpHeaderNames.CACHE_CONTROL, "private, no-store");
    if (range.isPartial()) {
      headers.set(HttpHeaderNames.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
    }
    if (req.method() == HttpMethod.HEAD) {
      return HttpResponse.of(headers.build());
    }
    ByteStreamMessage body = StreamMessage.builder(file)
        .executor(ctx.blockingTaskExecutor())
        .alloc(ctx.alloc())
        .bufferSize(BUFFER_SIZE)
        .build();
    // The file of a live call keeps growing: send exactly the bytes Content-Length announced, never what was
    // appended since (it would corrupt the next response on a kept-alive connection).
    body = range.isPartial() ? body.range(range.first(), range.length()) : body.range(0, size);
    return HttpResponse.of(headers.build(), body);
  }
}
