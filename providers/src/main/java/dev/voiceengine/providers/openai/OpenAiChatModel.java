package dev.voiceengine.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The language model as an OpenAI-compatible chat-completions endpoint ({@code POST /chat/completions} with
 * {@code stream=true}). Text deltas are forwarded as each server-sent event arrives, so speech synthesis can start on
 * the first words; tool calls are assembled from their fragments; usage comes last. All HTTP work runs on the HTTP
 * client's asynchronous machinery; cancelling the gRPC call (barge-in) aborts the HTTP request at once.
 */
public final class OpenAiChatModel extends LanguageModelGrpc.LanguageModelImplBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenAiHttp http;
  private final ChatRequestJson requests = new ChatRequestJson(JSON);

  public OpenAiChatModel(OpenAiSettings settings) {
    this(new OpenAiHttp(settings));
  }

  /** Shares one HTTP client (and its connection pool) with other adapters. */
  public OpenAiChatModel(OpenAiHttp http) {
    this.http = http;
  }

  @Override
  public void generate(GenerateRequest request, StreamObserver<GenerateEvent> observer) {
    InFlight inFlight = new InFlight();
    GrpcReply<GenerateEvent> reply = new GrpcReply<>(observer, inFlight::cancel);
    String model;
    byte[] body;
    try {
      model = ChatRequestJson.model(request, http.settings().model());
      body = JSON.writeValueAsBytes(requests.build(request, model));
    } catch (StatusRuntimeException e) {
      reply.fail(e);
      return;
    } catch (JsonProcessingException e) {
      reply.fail(Status.INTERNAL.withDescription("cannot encode the chat request: " + e.getOriginalMessage())
          .asRuntimeException());
      return;
    }
    HttpRequest httpRequest = http.request("/chat/completions")
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    ChatStreamDecoder decoder = new ChatStreamDecoder(JSON, model, reply::next);
    ChatSseSubscriber events = new ChatSseSubscriber(inFlight, decoder, reply);
    HttpResponse.BodyHandler<String> handler = info -> {
      if (info.statusCode() / 100 == 2 && isEventStream(info.headers())) {
        return BodySubscribers.fromLineSubscriber(events, s -> "", StandardCharsets.UTF_8, null);
      }
      return BodySubscribers.ofString(StandardCharsets.UTF_8);
    };
    CompletableFuture<HttpResponse<String>> sent = http.client().sendAsync(httpRequest, handler);
    inFlight.started(sent);
    sent.whenComplete((response, failure) -> {
      if (failure != null) {
        reply.fail(OpenAiErrors.fromFailure(ChatStreamDecoder.WHAT, failure));
      } else if (response.statusCode() / 100 != 2) {
        reply.fail(OpenAiErrors.fromHttp(ChatStreamDecoder.WHAT, response.statusCode(), response.body()));
      } else if (!isEventStream(response.headers())) {
        wholeResponse(response.body(), decoder, reply);
      }
    });
  }

  private static boolean isEventStream(HttpHeaders headers) {
    return headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }

  /** A server that ignored {@code stream=true} sent the completion as one JSON document. */
  private static void wholeResponse(String body, ChatStreamDecoder decoder, GrpcReply<GenerateEvent> reply) {
    try {
      decoder.accept(body);
      decoder.endOfBody();
      reply.complete();
    } catch (RuntimeException e) {
      reply.fail(OpenAiErrors.fromFailure(ChatStreamDecoder.WHAT, e));
    }
  }
}
