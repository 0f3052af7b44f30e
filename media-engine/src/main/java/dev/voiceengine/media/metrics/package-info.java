/** Engine-wide media health counters and histograms, recorded on the event loops without locks. */
package dev.voiceengine.media.metrics;
