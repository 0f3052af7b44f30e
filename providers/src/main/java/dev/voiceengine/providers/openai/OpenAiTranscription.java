package dev.voiceengine.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Speech to text through an OpenAI-compatible {@code POST /audio/transcriptions}. That endpoint takes a whole file,
 * so the turn's audio is collected (bounded) until the engine half-closes the stream, sent as a WAV, and answered
 * with one final recognition carrying word times when the service gives them. No interim results.
 */
public final class OpenAiTranscription extends SpeechToTextGrpc.SpeechToTextImplBase {
  static final String WHAT = "audio/transcriptions";
  /** The longest turn buffered by default. */
  public static final Duration DEFAULT_MAX_TURN = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PROMPT_PHRASES = 30;
  private static final int MAX_PROMPT_CHARS = 600;

  private final OpenAiHttp http;
  private final Duration maxTurn;

  public OpenAiTranscription(OpenAiSettings settings) {
    this(new OpenAiHttp(settings), DEFAULT_MAX_TURN);
  }

  /** Shares an HTTP client; {@code maxTurn} bounds the audio buffered per turn. */
  public OpenAiTranscription(OpenAiHttp http, Duration maxTurn) {
    if (maxTurn.isNegative() || maxTurn.isZero()) {
      throw new IllegalArgumentException("maxTurn must be positive; got " + maxTurn);
    }
    this.http = http;
    this.maxTurn = maxTurn;
  }

  @Override
  public StreamObserver<AudioChunk> recognize(StreamObserver<Recognition> observer) {
    InFlight inFlight = new InFlight();
    GrpcReply<Recognition> reply = new GrpcReply<>(observer, inFlight::cancel);
    return new Turn(reply, inFlight);
  }

  /** One caller turn: config, audio, then the request at half-close. Inbound calls are serialised by gRPC. */
  private final class Turn implements StreamObserver<AudioChunk> {
    private final GrpcReply<Recognition> reply;
    private final InFlight inFlight;
    private final TurnAudio audio = new TurnAudio(maxTurn);
    private RecognitionConfig config;
    private String model;
    private boolean failed;

    Turn(GrpcReply<Recognition> reply, InFlight inFlight) {
      this.reply = reply;
      this.inFlight = inFlight;
    }

    @Override
    public void onNext(AudioChunk chunk) {
      if (failed) {
        return;
      }
      try {
        if (config == null) {
          if (!chunk.hasConfig()) {
            throw Status.INVALID_ARGUMENT.withDescription("the first chunk must carry the RecognitionConfig")
                .asRuntimeException();
          }
          config = chunk.getConfig();
          model = config.getModel().isBlank() ? http.settings().model() : config.getModel().strip();
          if (model.isEmpty()) {
            throw Status.FAILED_PRECONDITION
                .withDescription("no model: the config names none and the provider has no default model configured")
                .asRuntimeException();
          }
        }
        audio.append(chunk);
      } catch (StatusRuntimeException e) {
        failed = true;
        reply.fail(e);
      }
    }

    @Override
    public void onError(Throwable t) {
      failed = true; // the engine cancelled the turn; GrpcReply's cancel hook aborts any request
    }

    @Override
    public void onCompleted() {
      if (failed) {
        return;
      }
      if (config == null) {
        reply.fail(Status.INVALID_ARGUMENT.withDescription("the stream carried no RecognitionConfig")
            .asRuntimeException());
        return;
      }
      if (audio.isEmpty()) {
        reply.next(Recognition.newBuilder().setIsFinal(true).setModel(model).build());
        reply.complete();
        return;
      }
      transcribe();
    }

    private void transcribe() {
      MultipartForm form = new MultipartForm()
          .file("file", "turn.wav", "audio/wav", audio.wav())
          .field("model", model)
          .field("response_format", "verbose_json")
          .field("timestamp_granularities[]", "word")
          .field("timestamp_granularities[]", "segment");
      String language = isoLanguage(config.getLanguage());
      if (!language.isEmpty()) {
        form.field("language", language);
      }
      String prompt = prompt(config);
      if (!prompt.isEmpty()) {
        form.field("prompt", prompt);
      }
      HttpRequest request = http.request("/audio/transcriptions")
          .header("Content-Type", form.contentType())
          .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
          .build();
      CompletableFuture<HttpResponse<String>> sent =
          http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      inFlight.started(sent);
      int audioMs = audio.durationMs();
      sent.whenComplete((response, failure) -> {
        if (failure != null) {
          reply.fail(OpenAiErrors.fromFailure(WHAT, failure));
        } else if (response.statusCode() / 100 != 2) {
          reply.fail(OpenAiErrors.fromHttp(WHAT, response.statusCode(), response.body()));
        } else {
          answer(response.body(), audioMs);
        }
      });
    }

    private void answer(String body, int audioMs) {
      JsonNode json;
      try {
        json = JSON.readTree(body);
      } catch (JsonProcessingException e) {
        reply.fail(Status.INTERNAL.withDescription(WHAT + ": the response is not JSON: " + e.getOriginalMessage())
            .asRuntimeException());
        return;
      }
      if (json == null || !json.isObject() || !json.has("text")) {
        reply.fail(Status.INTERNAL.withDescription(WHAT + ": the response has no text").asRuntimeException());
        return;
      }
      reply.next(TranscriptJson.recognition(json, model, audioMs));
      reply.complete();
    }
  }

  /** Transcription endpoints take ISO-639-1 ("en"), not BCP-47 ("en-US"). */
  static String isoLanguage(String bcp47) {
    String tag = bcp47.strip();
    int dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
  }

  /** A few of the expected phrases, which bias the recogniser toward the agent's vocabulary. */
  static String prompt(RecognitionConfig config) {
    StringBuilder prompt = new StringBuilder();
    int count = 0;
    for (String phrase : config.getPhrasesList()) {
      String p = phrase.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (count == MAX_PROMPT_PHRASES || prompt.length() + p.length() + 2 > MAX_PROMPT_CHARS) {
        break;
      }
      if (prompt.length() > 0) {
        prompt.append(", ");
      }
      prompt.append(p);
      count++;
    }
    return prompt.toString();
  }
}
