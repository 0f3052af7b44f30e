/** Audio codecs between RTP payload bytes and 16-bit linear PCM: G.711 μ-law and A-law (ITU-T G.711). */
package dev.voiceengine.media.codec;
