/**
 * Calls we place and calls we hand on: what the engine asks of the SIP side to dial through a trunk
 * ({@link dev.voiceengine.sip.outbound.OutboundInvite}), what it hears back
 * ({@link dev.voiceengine.sip.outbound.OutboundCallListener}), and the protocol pieces with no stack in them: final
 * responses to outcomes, digest answers (RFC 7616), message/sipfrag bodies (RFC 3420). No jain-sip types here.
 */
package dev.voiceengine.sip.outbound;
