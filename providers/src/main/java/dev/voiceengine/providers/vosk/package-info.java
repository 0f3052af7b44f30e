/** Offline speech recognition with Vosk (native, Kaldi-based) from a model folder the operator supplies. */
package dev.voiceengine.providers.vosk;
