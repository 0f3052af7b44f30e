/**
 * Voice activity: whether the caller is speaking, window by window. One engine-wide {@link VadEngine} holds the
 * model and its inference thread; each call has a {@link CallVad} fed on the call's event loop, whose results come
 * back on that loop. Inference never runs on an event loop.
 */
package dev.voiceengine.conversation.vad;
