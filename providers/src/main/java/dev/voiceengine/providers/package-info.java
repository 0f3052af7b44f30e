/**
 * Providers of speech recognition, language and speech synthesis behind the {@code voice.provider.v1} gRPC contracts:
 * what the engine hears, thinks and says with when it runs offline, and adapters to real services.
 */
package dev.voiceengine.providers;
