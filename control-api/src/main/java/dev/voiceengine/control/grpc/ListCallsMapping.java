package dev.voiceengine.control.grpc;

import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallPage;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.proto.control.v1.ListCallsRequest;
import dev.voiceengine.proto.control.v1.ListCallsResponse;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ListCalls in terms of the store's {@link CallFilter} and back: the one place that maps the request (so the
 * richer filters of the REST list can be added here alone). The page token is opaque to clients; today it holds
 * the offset of the next page.
 */
final class ListCallsMapping {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1_000;
  private static final String TOKEN_PREFIX = "o:";

  private ListCallsMapping() {}

  /** The filter the request asks for; INVALID_ARGUMENT naming the field when a value is not usable. */
  static CallFilter filter(ListCallsRequest r) {
    CallDirection direction = null;
    if (!r.getDirection().isEmpty()) {
      direction = CallDirection.fromWire(r.getDirection())
          .orElseThrow(() -> invalid("direction must be inbound or outbound"));
    }
    CallStatus status = null;
    if (!r.getStatus().isEmpty()) {
      status = CallStatus.fromWire(r.getStatus())
          .orElseThrow(() -> invalid("status is not a call status: " + r.getStatus()));
    }
    if (r.getLimit() < 0 || r.getLimit() > MAX_LIMIT) {
      throw invalid("limit must be between 1 and " + MAX_LIMIT + " (0 for " + DEFAULT_LIMIT + ")");
    }
    int limit = r.getLimit() == 0 ? DEFAULT_LIMIT : r.getLimit();
    String agent = r.getAgentId().isEmpty() ? null : r.getAgentId();
    return CallFilter.builder().direction(direction).status(status).agentId(agent).limit(limit)
        .offset(offset(r.getPageToken())).build();
  }

  /** The response for the page the filter selected. */
  static ListCallsResponse response(CallPage page, CallFilter filter) {
    ListCallsResponse.Builder b = ListCallsResponse.newBuilder().setTotal(page.total());
    page.calls().forEach(c -> b.addCalls(CallMessages.call(c)));
    long next = filter.offset() + page.calls().size();
    if (!page.calls().isEmpty() && next < page.total()) {
      b.setNextPageToken(token(next));
    }
    return b.build();
  }

  static String token(long offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static long offset(String token) {
    if (token.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith(TOKEN_PREFIX)) {
        long offset = Long.parseLong(text.substring(TOKEN_PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // below (NumberFormatException is one)
    }
    throw Status.INVALID_ARGUMENT.withDescription("page_token: not a token this server gave out").asRuntimeException();
  }

  private static RuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
