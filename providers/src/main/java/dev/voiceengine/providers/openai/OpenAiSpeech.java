package dev.voiceengine.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Text to speech through an OpenAI-compatible {@code POST /audio/speech} with {@code response_format: "pcm"} (raw
 * 16-bit little-endian mono, 24 kHz at OpenAI). The body is read as it streams and resampled piece by piece to the
 * requested rate, so the first audio goes out while the service is still synthesising; cancelling the call aborts
 * the HTTP request.
 */
public final class OpenAiSpeech extends TextToSpeechGrpc.TextToSpeechImplBase {
  static final String WHAT = "audio/speech";
  /** The rate of OpenAI's {@code pcm} response format. */
  public static final int OPENAI_PCM_RATE = 24000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenAiHttp http;
  private final int serviceRate;

  public OpenAiSpeech(OpenAiSettings settings) {
    this(new OpenAiHttp(settings), OPENAI_PCM_RATE);
  }

  /** Shares an HTTP client; {@code serviceRate} is the sample rate of the service's raw PCM (24000 for OpenAI). */
  public OpenAiSpeech(OpenAiHttp http, int serviceRate) {
    if (serviceRate < 8000 || serviceRate > 48000) {
      throw new IllegalArgumentException("serviceRate must be 8000..48000 Hz; got " + serviceRate);
    }
    this.http = http;
    this.serviceRate = serviceRate;
  }

  @Override
  public void synthesize(SynthesisRequest request, StreamObserver<AudioChunk> observer) {
    InFlight inFlight = new InFlight();
    GrpcReply<AudioChunk> reply = new GrpcReply<>(observer, inFlight::cancel);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(body(request));
    } catch (StatusRuntimeException e) {
      reply.fail(e);
      return;
    } catch (JsonProcessingException e) {
      reply.fail(Status.INTERNAL.withDescription("cannot encode the speech request").asRuntimeException());
      return;
    }
    SpeechAudioSubscriber audio = new SpeechAudioSubscriber(inFlight, reply, serviceRate, request.getSampleRate());
    reply.onReady(audio::onReady);
    HttpRequest httpRequest = http.request("/audio/speech")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse.BodyHandler<String> handler = info -> info.statusCode() / 100 == 2
        ? BodySubscribers.fromSubscriber(audio, s -> "")
        : BodySubscribers.ofString(StandardCharsets.UTF_8);
    CompletableFuture<HttpResponse<String>> sent = http.client().sendAsync(httpRequest, handler);
    inFlight.started(sent);
    sent.whenComplete((response, failure) -> {
      if (failure != null) {
        reply.fail(OpenAiErrors.fromFailure(WHAT, failure));
      } else if (response.statusCode() / 100 != 2) {
        reply.fail(OpenAiErrors.fromHttp(WHAT, response.statusCode(), response.body()));
      }
    });
  }

  private ObjectNode body(SynthesisRequest request) {
    if (request.getText().isBlank()) {
      throw invalid("text is empty");
    }
    int rate = request.getSampleRate();
    if (rate < 8000 || rate > 48000) {
      throw invalid("unsupported sample_rate " + rate + " (8000..48000 Hz)");
    }
    String model = request.getModel().isBlank() ? http.settings().model() : request.getModel().strip();
    String voice = request.getVoice().isBlank() ? http.settings().voice() : request.getVoice().strip();
    if (model.isEmpty() || voice.isEmpty()) {
      throw Status.FAILED_PRECONDITION
          .withDescription("no " + (model.isEmpty() ? "model" : "voice")
              + ": the request names none and the provider has no default configured")
          .asRuntimeException();
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("input", request.getText());
    body.put("voice", voice);
    body.put("response_format", "pcm");
    return body;
  }

  private static StatusRuntimeException invalid(String what) {
    return Status.INVALID_ARGUMENT.withDescription(what).asRuntimeException();
  }
}
