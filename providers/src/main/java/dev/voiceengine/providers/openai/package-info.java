/**
 * Adapters that serve the {@code voice.provider.v1} contracts by calling an OpenAI-compatible HTTP service: chat
 * completions (streamed, with tool calls), audio transcriptions and audio speech. The same wire format is spoken by
 * OpenAI and by self-hosted servers, so one adapter covers both; point {@link OpenAiSettings#baseUrl()} at either.
 */
package dev.voiceengine.providers.openai;
