/** The engine's metrics registry and its Prometheus rendering. */
package dev.voiceengine.server.metrics;
