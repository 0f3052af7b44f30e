package dev.voiceengine.providers.openai;

import java.util.concurrent.Flow;

/**
 * Receives a chat completion's event stream line by line as it arrives and passes each event's data to the decoder,
 * so the first text delta reaches the caller while the model is still generating. Ends the gRPC call on
 * {@code [DONE]}, on an error event, or when the connection fails.
 */
final class ChatSseSubscriber implements Flow.Subscriber<String> {
  private final InFlight inFlight;
  private final ChatStreamDecoder decoder;
  private final GrpcReply<?> reply;
  private final SseParser parser = new SseParser();
  private boolean stopped;

  ChatSseSubscriber(InFlight inFlight, ChatStreamDecoder decoder, GrpcReply<?> reply) {
    this.inFlight = inFlight;
    this.decoder = decoder;
    this.reply = reply;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    inFlight.subscribed(subscription);
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(String line) {
    if (stopped) {
      return;
    }
    String data = parser.line(line);
    if (data == null) {
      return;
    }
    try {
      decoder.accept(data);
    } catch (RuntimeException e) {
      stop(e);
      return;
    }
    if (decoder.isDone()) {
      // The rest of the body (if any) is read and dropped, which keeps the connection reusable.
      stopped = true;
      reply.complete();
    }
  }

  @Override
  public void onError(Throwable failure) {
    if (!stopped) {
      stopped = true;
      reply.fail(OpenAiErrors.fromFailure(ChatStreamDecoder.WHAT, failure));
    }
  }

  @Override
  public void onComplete() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      String last = parser.finish();
      if (last != null) {
        decoder.accept(last);
      }
      decoder.endOfBody();
      reply.complete();
    } catch (RuntimeException e) {
      reply.fail(OpenAiErrors.fromFailure(ChatStreamDecoder.WHAT, e));
    }
  }

  private void stop(RuntimeException e) {
    stopped = true;
    reply.fail(OpenAiErrors.fromFailure(ChatStreamDecoder.WHAT, e));
    inFlight.cancel();
  }
}
