/** Offline speech synthesis with FreeTTS's bundled kevin16 voice: pure Java, nothing to download. */
package dev.voiceengine.providers.freetts;
