/**
 * Offline speech recognition with Sphinx4, restricted to a grammar of the phrases the agent expects: pure Java, no
 * model download, fast enough for live calls on telephone audio.
 */
package dev.voiceengine.providers.sphinx;
