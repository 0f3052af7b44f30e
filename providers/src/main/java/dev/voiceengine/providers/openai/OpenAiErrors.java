package dev.voiceengine.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what went wrong with the HTTP service into the gRPC status codes of providers.proto, keeping the service's own
 * message (OpenAI-style {@code {"error":{"message":...}}}, or {@code {"error":"..."}}, or plain text) so the caller
 * sees why.
 */
final class OpenAiErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 500;

  private OpenAiErrors() {}

  /** A non-2xx response. {@code what} names the endpoint, e.g. "chat/completions". */
  static StatusRuntimeException fromHttp(String what, int httpStatus, String body) {
    Status status;
    if (httpStatus == 400 || httpStatus == 413 || httpStatus == 422) {
      status = Status.INVALID_ARGUMENT;
    } else if (httpStatus == 401) {
      status = Status.UNAUTHENTICATED;
    } else if (httpStatus == 403) {
      status = Status.PERMISSION_DENIED;
    } else if (httpStatus == 404) {
      status = Status.NOT_FOUND;
    } else if (httpStatus == 408) {
      status = Status.DEADLINE_EXCEEDED;
    } else if (httpStatus == 429) {
      status = Status.RESOURCE_EXHAUSTED;
    } else if (httpStatus >= 500) {
      status = Status.UNAVAILABLE;
    } else {
      status = Status.INTERNAL;
    }
    return status.withDescription(what + ": HTTP " + httpStatus + ": " + message(body)).asRuntimeException();
  }

  /** An {@code {"error": ...}} object sent inside a stream that had started well. */
  static StatusRuntimeException fromStreamError(String what, JsonNode error) {
    return Status.INTERNAL.withDescription(what + ": the service reported an error mid-stream: " + message(error))
        .asRuntimeException();
  }

  /** A failure to connect, a timeout, or a dropped connection. */
  static StatusRuntimeException fromFailure(String what, Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof StatusRuntimeException sre) {
      return sre;
    }
    Status status;
    if (t instanceof HttpConnectTimeoutException
        || t instanceof ConnectException
        || t instanceof UnresolvedAddressException) {
      status = Status.UNAVAILABLE.withDescription(what + ": cannot connect: " + describe(t));
    } else if (t instanceof HttpTimeoutException) {
      status = Status.DEADLINE_EXCEEDED.withDescription(what + ": no response in time: " + describe(t));
    } else if (t instanceof CancellationException) {
      status = Status.CANCELLED.withDescription(what + ": cancelled");
    } else if (t instanceof IOException) {
      status = Status.UNAVAILABLE.withDescription(what + ": connection failed: " + describe(t));
    } else {
      status = Status.INTERNAL.withDescription(what + ": " + describe(t));
    }
    return status.withCause(t).asRuntimeException();
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    // The client wraps a refused connection as ConnectException with an empty message around the real one.
    if (t instanceof ConnectException && t.getCause() instanceof ConnectException inner) {
      return inner;
    }
    return t;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : " " + m);
  }

  static String message(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.has("error")) {
        return message(node.get("error"));
      }
      if (node != null && node.hasNonNull("message")) {
        return clip(node.get("message").asText());
      }
    } catch (IOException notJson) {
      // plain text body
    }
    return clip(body.strip());
  }

  private static String message(JsonNode error) {
    if (error.isTextual()) {
      return clip(error.asText());
    }
    String msg = error.path("message").asText("");
    String type = error.path("type").asText(error.path("code").asText(""));
    if (msg.isEmpty()) {
      return clip(error.toString());
    }
    return clip(type.isEmpty() ? msg : msg + " (" + type + ")");
  }

  private static String clip(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
  }
}
