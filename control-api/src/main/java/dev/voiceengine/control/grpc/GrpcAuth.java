package dev.voiceengine.control.grpc;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.auth.CallerOrg;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Locale;

/**
 * The REST API's keys for gRPC calls: {@code authorization: Bearer KEY} or {@code x-api-key: KEY} metadata; a call
 * without a known key is closed with UNAUTHENTICATED before it reaches the service. The key's organization is
 * recorded on the request ({@link CallerOrg}): every method reads and changes only that organization's calls.
 */
final class GrpcAuth implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

  private final ApiKeyVerifier keys;

  GrpcAuth(ApiKeyVerifier keys) {
    this.keys = keys;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String key = key(headers);
    if (key == null) {
      call.close(Status.UNAUTHENTICATED.withDescription(
          "missing API key: send metadata authorization: Bearer <key> or x-api-key: <key>"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    String org = keys.organization(key);
    if (org == null) {
      call.close(Status.UNAUTHENTICATED.withDescription("invalid API key"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    CallerOrg.set(ServiceRequestContext.current(), org);
    return next.startCall(call, headers);
  }

  /** The presented key: x-api-key, else the token of a Bearer authorization (scheme case-insensitive), else null. */
  static String key(Metadata headers) {
    String apiKey = headers.get(API_KEY);
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey.strip();
    }
    String authorization = headers.get(AUTHORIZATION);
    if (authorization == null) {
      return null;
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space <= 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return null;
    }
    String token = value.substring(space + 1).strip();
    return token.isEmpty() ? null : token;
  }
}
