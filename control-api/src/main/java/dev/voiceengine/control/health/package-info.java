/**
 * Readiness: the parts an engine needs to take calls (the store here; SIP, media and providers registered by the
 * server, which control-api does not otherwise know), each checked on demand, and served at {@code /healthz}.
 */
package dev.voiceengine.control.health;
