/**
 * The provider interfaces over the {@code voice.provider.v1} gRPC contracts: one client per capability, each taking
 * a {@link io.grpc.Channel} (in-process for embedded providers, TCP for remote ones), the {@link
 * dev.voiceengine.conversation.provider.grpc.ProviderDeadlines} and the engine's shared scheduler. Every request ends
 * exactly once, with the provider's gRPC status code as
 * {@link dev.voiceengine.conversation.provider.ProviderException#code()} or with the engine's own
 * {@code DEADLINE_EXCEEDED} / {@code RESOURCE_EXHAUSTED}, and reports nothing after it ends or is cancelled.
 */
package dev.voiceengine.conversation.provider.grpc;
