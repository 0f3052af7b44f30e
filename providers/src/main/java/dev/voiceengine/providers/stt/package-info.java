/**
 * What every embedded speech-to-text service shares: one {@code Recognize} stream's life (config check, sample-rate
 * conversion, flow control, hand-over to a bounded decoding executor, cancellation, final results and status codes),
 * so each recogniser only says how it decodes audio.
 */
package dev.voiceengine.providers.stt;
