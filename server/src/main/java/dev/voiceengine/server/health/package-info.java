/**
 * The engine's parts as readiness checks for {@code /healthz}: its own lifecycle, SIP, media and the providers
 * (control-api checks the store itself and knows none of these).
 */
package dev.voiceengine.server.health;
