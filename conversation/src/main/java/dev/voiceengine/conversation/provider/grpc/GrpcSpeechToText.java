package dev.voiceengine.conversation.provider.grpc;

import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.SpeechToText;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import io.grpc.Channel;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link SpeechToText} over the {@code voice.provider.v1.SpeechToText/Recognize} contract, for an embedded
 * (in-process) or remote provider alike. The first message carries the config and sample rate; audio follows as
 * PCM16 little-endian, sent as fast as the provider's flow control allows and buffered (bounded by
 * {@link ProviderDeadlines#sttMaxLag()}) while it does not. A stream longer than
 * {@link ProviderDeadlines#sttMaxStream()}, or one that has not completed {@link ProviderDeadlines#sttFinalResult()}
 * after {@code finish()}, is cancelled and ends with {@code DEADLINE_EXCEEDED}.
 *
 * <p>{@code send} after {@code finish()} is a programming error ({@link IllegalStateException}); after the stream
 * ended (error, deadline, cancel) it is ignored.
 *
 * <p>Results arrive on the channel's executor, which must not be a direct executor (they would run on the call's
 * loop, inside {@code send}). {@code scheduler} is the engine's shared timer; give it a
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor} with {@code setRemoveOnCancelPolicy(true)}.
 */
public final class GrpcSpeechToText implements SpeechToText {
  private final SpeechToTextGrpc.SpeechToTextStub stub;
  private final ProviderDeadlines deadlines;
  private final ScheduledExecutorService scheduler;

  public GrpcSpeechToText(Channel channel, ProviderDeadlines deadlines, ScheduledExecutorService scheduler) {
    this.stub = SpeechToTextGrpc.newStub(Objects.requireNonNull(channel, "channel"));
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public Stream open(RecognitionConfig config, int sampleRate, Listener listener) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(listener, "listener");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
    }
    RequestGuard guard = new RequestGuard(Capability.STT, scheduler, listener::onError);
    RecognizeStream stream = new RecognizeStream(config, sampleRate, listener, guard, deadlines);
    guard.deadline(
        deadlines.sttMaxStream(), "stream ran longer than " + deadlines.sttMaxStream().toMillis() + " ms");
    stub.recognize(stream);
    stream.started();
    return stream;
  }
}
