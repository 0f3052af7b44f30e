/**
 * What the conversation uses to hear, think and speak: one small interface per capability ({@link SpeechToText},
 * {@link LanguageModel}, {@link TextToSpeech}), with gRPC implementations of the {@code voice.provider.v1}
 * contracts. Callbacks arrive on provider threads; callers hop to their own loop.
 */
package dev.voiceengine.conversation.provider;
