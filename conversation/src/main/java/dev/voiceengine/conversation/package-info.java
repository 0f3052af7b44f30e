/**
 * The conversation loop of one call: caller audio to voice activity and turn-taking, the caller's turn to speech
 * recognition, the transcript to the language model, its reply cut at sentence boundaries into speech synthesis, and
 * the synthesised audio paced out; barge-in, provider failures, the transcript and per-turn latencies. Everything of a
 * call runs on its event loop; provider callbacks hop there.
 */
package dev.voiceengine.conversation;
