/** Audio helpers shared by providers: sample-rate conversion and PCM16 byte packing. */
package dev.voiceengine.providers.audio;
